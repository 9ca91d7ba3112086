"""Language identification: the scorer's set, the safety net, and an ingest of a mixed folder end to end.

A non-English article is stored with its language, not annotated (no entities, no events), counted
in the summary by language and listed by ``articles --language``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.clean.language import ENGLISH, _model, identify
from newsevents.cli import main
from newsevents.evaluation.language import read_samples, score

ENGLISH_ARTICLE = (
    "Police arrest opposition activists in the capital\n\n"
    "Police arrested six opposition activists in the capital on Monday after a rally against the new media law, "
    "the interior ministry said.\n\n"
    "The activists were taken to a police station in the city centre and questioned for several hours, "
    "their lawyer told reporters.\n"
)
FRENCH_ARTICLE = (
    "La police interpelle des militants de l'opposition\n\n"
    "La police a interpellé lundi six militants de l'opposition dans la capitale, à l'issue d'un rassemblement "
    "contre la nouvelle loi sur les médias, a indiqué le ministère de l'Intérieur.\n\n"
    "Les militants ont été conduits dans un commissariat du centre-ville et interrogés pendant plusieurs heures, "
    "selon leur avocat.\n"
)
FRENCH_SECOND = (
    "Le gouvernement annonce un remaniement\n\n"
    "Le Premier ministre a présenté mardi soir une nouvelle équipe gouvernementale, après la démission de trois "
    "ministres la semaine dernière.\n\n"
    "Les partis de l'opposition ont dénoncé un changement de façade et réclamé des élections anticipées.\n"
)
ARABIC_ARTICLE = (
    "الشرطة تعتقل ناشطين معارضين في العاصمة\n\n"
    "اعتقلت الشرطة يوم الاثنين ستة ناشطين من المعارضة في العاصمة بعد تجمع احتجاجي على قانون الإعلام الجديد، "
    "بحسب ما أعلنت وزارة الداخلية.\n\n"
    "ونقل الناشطون إلى مركز للشرطة في وسط المدينة حيث جرى استجوابهم لساعات، وفق ما قال محاميهم.\n"
)


def test_our_set_scores_at_least_98_and_never_calls_another_language_english() -> None:
    figures = score(read_samples())
    assert figures["language_texts"] >= 120
    assert figures["language_accuracy"] >= 0.98, figures["details"]
    assert figures["language_false_english"] == 0, figures["details"]
    for lang in ("en", "ar", "fa", "fr", "ru", "es"):
        assert figures[f"language_{lang}_accuracy"] >= 0.9


def test_the_set_has_at_least_twenty_short_and_long_texts_per_language() -> None:
    samples = read_samples()
    for lang in ("en", "ar", "fa", "fr", "ru", "es"):
        mine = [s for s in samples if s.language == lang]
        assert len(mine) >= 20
        assert {s.length for s in mine} == {"short", "long"}


@pytest.mark.parametrize(
    "text, language",
    [
        ("Police arrested six activists in the capital on Monday, the ministry said.", "en"),
        ("Trois ministres ont démissionné mardi soir.", "fr"),
        ("مجلس بودجه را پس از جلسه‌ای طولانی تصویب کرد", "fa"),
        ("Парламент принял бюджет после ночного заседания", "ru"),
    ],
)
def test_identify_names_the_language(text: str, language: str) -> None:
    assert identify(text).language == language


def test_too_few_letters_is_undetermined_and_not_english() -> None:
    guess = identify("12 / 7 — 2024")
    assert guess.language == "und" and not guess.english


def test_a_text_mostly_in_another_script_is_never_english() -> None:
    # mostly Arabic letters, with English names the model may latch on to
    text = "قال المتحدث باسم White House إن الرئيس سيلتقي نظيره في العاصمة الأسبوع المقبل لبحث الملفات العالقة"
    assert identify(text).language == "ar"
    assert identify("White House Pentagon State Department NATO " + "قال الوزير").language != ENGLISH


@pytest.mark.slow
def test_ingest_of_a_mixed_folder_codes_only_the_english_article(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH_ARTICLE, encoding="utf-8")
    (folder / "fr.txt").write_text(FRENCH_ARTICLE, encoding="utf-8")
    (folder / "fr2.txt").write_text(FRENCH_SECOND, encoding="utf-8")
    (folder / "ar.txt").write_text(ARABIC_ARTICLE, encoding="utf-8")
    db = str(tmp_path / "news.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "skipped: 3 not English (fr 2, ar 1)" in result.output
    assert "articles: 4 new" in result.output
    conn = sqlite3.connect(db)
    rows = {lang: (skipped, events, entities) for lang, skipped, events, entities in conn.execute(
        "SELECT a.language, a.skipped, (SELECT count(*) FROM events e WHERE e.article_id = a.id),"
        " (SELECT count(*) FROM entities n WHERE n.article_id = a.id) FROM articles a WHERE a.language != 'fr'")}  # fmt: skip
    assert rows["en"][0] is None and rows["en"][1] >= 1, "the English article is annotated and coded"
    assert rows["ar"] == ("language", 0, 0), "the Arabic one is stored but never annotated"
    french = conn.execute("SELECT count(*), sum(skipped = 'language') FROM articles a WHERE language = 'fr'"
                          " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.article_id = a.id)").fetchone()  # fmt: skip
    assert french == (2, 2)
    listed = CliRunner().invoke(main, ["articles", "--db", db, "--language", "fr"])
    assert listed.exit_code == 0, listed.output
    assert "La police interpelle" in listed.output and "Le gouvernement annonce" in listed.output
    assert "Police arrest" not in listed.output and "الشرطة" not in listed.output
    none = CliRunner().invoke(main, ["articles", "--db", db, "--language", "de"])
    assert "no articles in language 'de'; languages stored: fr 2, ar 1, en 1" in none.output
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", db, "--quiet"])
    assert "articles: 0 new, 4 duplicate" in again.output and "skipped" not in again.output


def test_an_unsure_vote_with_english_as_runner_up_is_english() -> None:
    # short English lines the model alone gives to Nigerian Pidgin or Hausa by a small margin
    for text in ("Police arrest man for killing wife", "Gunmen kidnap pupils from school"):
        assert _model().rank(text)[0][0] != ENGLISH, "the model alone does not say English here"
        assert identify(text).language == ENGLISH, text
    assert identify("Government dey talk with union").language == "pcm", "a sure vote stands"
    assert identify("Le cessez-le-feu tient à Gaza").language == "fr"


def test_an_unsure_non_english_guess_on_latin_text_is_undetermined_and_coded() -> None:
    from newsevents.clean.language import UNDETERMINED, UNSURE

    # a headline of names the model gives to Shona or Latin with a low probability
    guess = identify("Mauritius, UK sign Chagos sovereignty treaty")
    assert guess.language == UNDETERMINED and guess.confidence < UNSURE and guess.codable
    assert not identify("Le gouvernement a rappelé son ambassadeur.").codable


def test_code_and_process_text_do_not_code_a_text_in_another_language() -> None:
    import json

    from newsevents import process_text
    from newsevents.api import code_records
    from newsevents.errors import InputError
    from newsevents.settings import Settings

    french = "La police a arrêté quatorze manifestants samedi devant le parlement régional, a annoncé le ministère."
    english = "Police arrested fourteen protesters outside the regional parliament on Saturday."
    out = list(code_records([{"id": "fr", "text": french}, {"id": "en", "text": english}], Settings.make()))
    assert out[0]["id"] == "fr" and out[0]["events"] == [] and out[0]["language"] == "fr"
    assert "not English" in out[0]["skipped"] and "error" not in out[0]
    assert out[1]["events"], "the English sentence is coded"
    with pytest.raises(InputError, match="reads as language 'fr'"):
        process_text(french)
    run = CliRunner().invoke(main, ["code"], input=json.dumps({"id": 1, "text": french}) + "\n")
    assert run.exit_code == 0, run.output  # not English is accounted for, not an input error
    assert '"skipped"' in run.stdout and "skipped: - line 1: reads as language 'fr'" in run.stderr
