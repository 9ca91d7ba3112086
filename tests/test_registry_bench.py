"""The registry bench runs on a small synthetic store, and its refresh after more articles equals a full rebuild."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from registry_bench import Corpus, main  # noqa: E402


def test_the_synthetic_corpus_has_the_name_variety_it_promises() -> None:
    docs = list(Corpus(8).documents(0, 400))
    names = {ref.name for d in docs for e in d.events for ref in e.actors}
    assert any(n.startswith("Mr ") for n in names) and any(n.startswith("President ") for n in names)
    assert any("'s police" in n or " courts" in n or " troops" in n for n in names)
    assert any(n.endswith(" president") for n in names)
    assert any(e.type == "ORG" and e.name.isupper() for d in docs for e in d.entities)
    assert all(m.text == d.article.text[m.start : m.end] for d in docs for e in d.entities for m in e.mentions)
    assert all(r.name == d.article.text[r.start : r.end] for d in docs for e in d.events for r in e.actors + e.targets)
    assert len({e.id for d in docs for e in d.events}) == sum(len(d.events) for d in docs)


def test_the_bench_refresh_equals_a_full_rebuild(capsys) -> None:
    assert main(["--articles", "300", "--more", "40", "--no-ingest"]) == 0
    out = capsys.readouterr().out
    assert "the refresh equals a full rebuild" in out and "refresh after 40 more" in out
