"""Our own labelled event corpus (``eval/corpus/*.jsonl``, guide in ``eval/corpus/GUIDE.md``): load, check, split.

The split is derived from a hash of each sentence's id (train 70 %, dev 15 %, test 15 %), so a
sentence never moves between splits. ``python -m newsevents.evaluation.corpus --check FILE...``
validates files and prints counts per type, per split and of NONE sentences.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
STATUSES = ("reported", "alleged", "denied", "planned", "hypothetical")
NONE_REASONS = ("hypothetical", "negation", "historical", "sport", "business", "opinion", "non-political", "statement")
SPECIAL_COUNTRIES = ("IGO", "NGO", "IMG", "MNC")
CONTEXTS = (
    "military", "intelligence", "executive", "legislative", "election", "political_institutions", "economic", "legal",
    "human_rights", "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity", "diplomatic",
    "territory", "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource", "environment", "technology",
    "terrorism", "cbrn", "cyber", "misinformation", "crime", "corruption", "illegal_drugs", "trafficking", "pro_democracy",
    "pro_autocracy", "reparations", "inequality",
)  # fmt: skip
SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "UAF", "CRM", "PTY", "NGO", "MED", "BUS", "EDU", "REL", "LAB",
           "CVL", "IGO", "SPY", "ELI", "REF", "AGR", "HLH", "IMG")  # fmt: skip
CORPUS = Path(__file__).resolve().parents[3] / "eval" / "corpus"


def split_of(sentence_id: str) -> str:
    """train, dev or test, from a hash of the id (70/15/15)."""
    bucket = int(hashlib.sha256(sentence_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load(paths: Iterable[Path] | None = None) -> list[dict[str, Any]]:
    """Every record of the corpus files (default: ``eval/corpus/*.jsonl``), each with its ``split`` added."""
    records = []
    for path in sorted(paths or CORPUS.glob("*.jsonl")):
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                records.append({**record, "split": split_of(record["id"]), "where": f"{Path(path).name}:{number}"})
    return records


def problems(records: list[dict[str, Any]]) -> list[str]:
    """Every way the records break the guide, each naming file:line."""
    import pycountry

    out: list[str] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for r in records:
        where = r.get("where", r.get("id", "?"))
        text = r.get("text")
        if not isinstance(text, str) or not text.strip():
            out.append(f"{where}: no text")
            continue
        if r.get("id") in seen_ids:
            out.append(f"{where}: id {r.get('id')!r} used twice")
        if " ".join(text.lower().split()) in seen_texts:
            out.append(f"{where}: the same sentence twice")
        seen_ids.add(r.get("id"))
        seen_texts.add(" ".join(text.lower().split()))
        events = r.get("events")
        if not isinstance(events, list):
            out.append(f"{where}: events must be a list")
            continue
        if not events and r.get("none") not in NONE_REASONS:
            out.append(f"{where}: a sentence with no event needs none = one of {', '.join(NONE_REASONS)}")
        for i, ev in enumerate(events):
            at = f"{where} event {i + 1}"
            if ev.get("type") not in PLOVER_TYPES:
                out.append(f"{at}: type {ev.get('type')!r} is not a PLOVER type")
            if ev.get("status") not in STATUSES:
                out.append(f"{at}: status {ev.get('status')!r} is not one of {', '.join(STATUSES)}")
            for key in ("trigger", "date"):
                value = ev.get(key)
                if value is not None and (not isinstance(value, str) or value not in text):
                    out.append(f"{at}: {key} {value!r} is not in the text")
            if not ev.get("trigger"):
                out.append(f"{at}: no trigger")
            if not isinstance(ev.get("context", []), list) or not isinstance(ev.get("reciprocal", False), bool):
                out.append(f"{at}: context must be a list and reciprocal true or false")
            elif any(c not in CONTEXTS for c in ev.get("context", [])):
                out.append(f"{at}: context {ev['context']} holds a name that is not a PLOVER context ({', '.join(CONTEXTS)})")
            for role in ("actors", "targets"):
                for party in ev.get(role) or []:
                    if not isinstance(party, dict) or party.get("text") not in text or not party.get("text"):
                        out.append(f"{at}: {role} entry {party!r} is not in the text")
                        continue
                    country = party.get("country")
                    if country is not None and country not in SPECIAL_COUNTRIES and pycountry.countries.get(alpha_3=country) is None:
                        out.append(f"{at}: country {country!r} is not ISO alpha-3 nor IGO/NGO/IMG/MNC")
                    if party.get("sector") is not None and party["sector"] not in SECTORS:
                        out.append(f"{at}: sector {party['sector']!r} is not one of {', '.join(SECTORS)}")
            if ev.get("reciprocal") and ev.get("targets"):
                out.append(f"{at}: a reciprocal event lists every party under actors and no targets")
    return out


def summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts: sentences, per split, NONE share, sentences per PLOVER type (a sentence counts once per type)."""
    per_type: Counter[str] = Counter()
    for r in records:
        for etype in {ev.get("type") for ev in r.get("events", [])}:
            per_type[etype] += 1
    none = sum(1 for r in records if not r.get("events"))
    return {
        "sentences": len(records),
        "splits": dict(Counter(r["split"] for r in records)),
        "none_share": round(none / len(records), 3) if records else 0.0,
        "per_type": {t: per_type[t] for t in PLOVER_TYPES},
    }


def main(argv: list[str] | None = None) -> int:
    """Check corpus files; print problems and counts; exit 1 on any problem."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation.corpus", description=__doc__)
    parser.add_argument("--check", nargs="*", type=Path, help="files to check (default: the whole corpus)")
    args = parser.parse_args(argv)
    records = load(args.check or None)
    found = problems(records)
    for line in found:
        print(line)
    print(json.dumps(summary(records), indent=1))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
