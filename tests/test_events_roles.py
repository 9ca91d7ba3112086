"""Roles: offices people hold as the article states them."""

from __future__ import annotations

import pytest
from test_events_helpers import code_text

from newsevents.records import Caption


def _roles(nlp, *paragraphs: str, **kwargs) -> set[tuple[str, str, str | None]]:
    _, _, roles, _ = code_text(nlp, *paragraphs, **kwargs)
    return {(r.person, r.office, r.country) for r in roles}


@pytest.mark.slow
def test_title_before_the_name(nlp) -> None:
    roles = _roles(nlp, "Russia's Foreign Minister Sergei Lavrov met Iranian President Ebrahim Raisi in Tehran.")
    assert ("Sergei Lavrov", "Foreign Minister", "RUS") in roles
    assert ("Ebrahim Raisi", "President", "IRN") in roles


@pytest.mark.slow
def test_apposition(nlp) -> None:
    roles = _roles(nlp, "Olaf Scholz, the German chancellor, visited Warsaw on Monday.")
    assert ("Olaf Scholz", "Chancellor", "DEU") in roles


@pytest.mark.slow
def test_counterpart_takes_the_office_of_the_other_side(nlp) -> None:
    roles = _roles(nlp, "French President Emmanuel Macron met his Italian counterpart, Sergio Mattarella, in Rome.")
    assert ("Sergio Mattarella", "President", "ITA") in roles


@pytest.mark.slow
def test_caption_titles(nlp) -> None:
    roles = _roles(
        nlp, "The two leaders met in Ankara.",
        captions=(Caption("Turkish President Recep Tayyip Erdogan and Hungarian Prime Minister Viktor Orban in Ankara", "AFP"),),
    )
    assert ("Recep Tayyip Erdogan", "President", "TUR") in roles
    assert ("Viktor Orban", "Prime Minister", "HUN") in roles


@pytest.mark.slow
def test_two_holders_of_one_office_are_both_kept(nlp) -> None:
    _, _, first, _ = code_text(nlp, "Iranian President Ebrahim Raisi visited Moscow.", published="2023-12-07")
    _, _, second, _ = code_text(nlp, "Iranian President Masoud Pezeshkian visited Baghdad.", published="2024-09-11")
    presidents = {(r.person, r.seen) for r in first + second if r.office == "President" and r.country == "IRN"}
    assert presidents == {("Ebrahim Raisi", "2023-12-07"), ("Masoud Pezeshkian", "2024-09-11")}


@pytest.mark.slow
def test_former_office_holders_get_no_role(nlp) -> None:
    roles = _roles(nlp, "Former Iranian President Hassan Rouhani criticized President Ebrahim Raisi of Iran.")
    assert not any(person == "Hassan Rouhani" for person, _, _ in roles)
