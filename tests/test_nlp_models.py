"""`--model md`: the medium English model loads from its wheel and annotates like the small one."""

from __future__ import annotations

import newsevents


def test_md_model_annotates_the_seed(seed_text):
    docs = newsevents.process_text(seed_text, model="md", events=False)
    assert len(docs) == 2
    people = {e.name for d in docs for e in d.entities if e.type == "PERSON"}
    assert {"Vladimir Putin", "Masoud Pezeshkian"} <= people
    places = {e.name: e.country for e in docs[1].entities if e.type == "LOC"}
    assert places.get("Tehran") == "IRN"
