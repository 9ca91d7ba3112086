"""The seed dump (../shared/seeds): the checks the issues name, each passed or failed, as one figure."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

SEED = "seeds/000_a7fb5a3b1e12bd4c.txt"


def _entity(d: dict[str, Any], part: str) -> dict[str, Any] | None:
    """The first PERSON/ORG/LOC entity whose name contains ``part``."""
    for e in d["entities"]:
        if part in e["name"] and e["type"] in ("PERSON", "ORG", "LOC", "NORP"):
            return e
    return None


def _events(d: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in d["events"] if e["type"] == etype]


def _countries(refs: list[dict[str, Any]]) -> set[str | None]:
    return {r["country"] for r in refs}


def checks(docs: list[dict[str, Any]]) -> dict[str, Callable[[], bool]]:
    """Named checks over the two seed articles (as export JSON)."""
    a, b = (docs + [{"title": "", "paragraphs": [], "captions": [], "entities": [], "events": [], "quotes": [], "roles": []}] * 2)[:2]
    both = a["events"] + b["events"]
    quotes = a["quotes"] + b["quotes"]
    roles = a["roles"] + b["roles"]
    return {
        "two articles": lambda: len(docs) == 2,
        "titles exact": lambda: a["title"] == "Putin and Raisi Seek Harmonizing Bilateral Ties, Address Regional Issues"
        and b["title"] == "Iran Police Commander Dismissed After Death in Custody",
        "captions once with credit": lambda: [c["credit"] for c in a["captions"]] == ["Iranian Presidency"] and [c["credit"] for c in b["captions"]] == ["Reuters"],
        "paragraphs 13 and 10": lambda: (len(a["paragraphs"]), len(b["paragraphs"])) == (13, 10),
        "no junk line": lambda: not any(p.strip() in ("TT", a["title"], b["title"]) for p in a["paragraphs"] + b["paragraphs"]),
        "persons": lambda: all((_entity(d, n) or {}).get("type") == "PERSON" for d, n in [(a, "Raisi"), (b, "Pezeshkian"), (a, "Khamenei"), (b, "Mir Mousavi"), (b, "Mahsa Amini")]),
        "organisations": lambda: all((_entity(b, n) or {}).get("type") == "ORG" for n in ("Hengaw", "IRNA", "AFP")),
        "places in IRN": lambda: all((_entity(b, n) or {}).get("country") == "IRN" for n in ("Gilan", "Lahijan", "Tehran")),
        "CONSULT RUS-IRN at the Kremlin": lambda: any(
            {"RUS", "IRN"} <= _countries(e["actors"] + e["targets"]) and "Kremlin" in ((e["location"] or {}).get("name") or "") for e in _events(a, "CONSULT")
        ),
        "economic cooperation coded": lambda: any(e["type"] in ("COOPERATE", "AGREE") and "economic" in e["context"] for e in a["events"]),
        "arrest by Iranian police, July 22, Lahijan": lambda: any(
            e["mode"] == "arrest" and "IRN" in _countries(e["actors"]) and "COP" in {r["sector"] for r in e["actors"]}
            and (e["date_text"] or "").endswith("July 22") and ((e["location"] or {}).get("name") == "Lahijan")
            for e in _events(b, "COERCE")
        ),
        "Pezeshkian orders investigation (ACCUSE/investigate)": lambda: any(
            e["mode"] == "investigate" and any("Pezeshkian" in r["name"] for r in e["actors"]) for e in _events(b, "ACCUSE")
        ),
        "Hengaw accuses; torture alleged": lambda: any(any("Hengaw" in r["name"] for r in e["actors"]) for e in _events(b, "ACCUSE"))
        and any(e["status"] == "alleged" for e in both if "torture" in e["sentence"]),
        "protests dated 2022": lambda: any((e["date"] or "").startswith("2022") for e in _events(b, "PROTEST")),
        "Putin's five quotes": lambda: sum(1 for q in a["quotes"] if "Putin" in (q["speaker"] or "")) == 5,
        "police quotes are the police's": lambda: sum(1 for q in b["quotes"] if "police" in (q["speaker"] or "").lower()) >= 3,
        "Hengaw's quote": lambda: any("torture" in q["text"] and "Hengaw" in (q["speaker"] or "") for q in quotes),
        "Raisi and Pezeshkian both President of IRN": lambda: {r["person"] for r in roles if r["office"].lower() == "president" and r["country"] == "IRN"}
        >= {"Ebrahim Raisi", "Masoud Pezeshkian"},
    }


def evaluate(shared: Path, nlp: Any = None) -> dict[str, Any]:
    """Run the seed through ``process_text`` and score every named check."""
    from newsevents.api import process_text

    text = (Path(shared) / SEED).read_text(encoding="utf-8")
    docs = [d.to_dict() for d in process_text(text)]
    results = {}
    for name, check in checks(docs).items():
        try:
            results[name] = bool(check())
        except (KeyError, IndexError, TypeError):
            results[name] = False
    return {
        "seed_checks_passed": sum(results.values()),
        "seed_checks_total": len(results),
        "seed_failed": [name for name, ok in results.items() if not ok],
    }
