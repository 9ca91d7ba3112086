"""`make eval`: one report over the gold data in ../shared, checked against the pinned floors."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Any

FLOORS = Path(__file__).resolve().parents[3] / "eval" / "floors.json"

#: (module, needs the spaCy pipeline, figures it reports that have floors: key in floors.json -> key in result)
SECTIONS: list[tuple[str, bool]] = [
    ("seed", True),
    ("plover", True),
    ("petr2", True),
    ("events_corpus", True),
    ("entities", True),
    ("html", False),
    ("timex", False),
    ("geo", True),
    ("geo_own", True),
    ("said", False),
    ("clusters", False),
    ("language", False),
    ("layouts", False),
    ("actor_clusters", False),
]


#: Sections that code events with the coder the run chooses (--coder); events_corpus always runs rules and hybrid.
CODER_SECTIONS = ("plover", "petr2")


def _run(name: str, shared: Path, nlp: Any, settings: Any = None) -> dict[str, Any] | None:
    """One section's figures (None when it has nothing to report); every section is a module of this package."""
    module = importlib.import_module(f"newsevents.evaluation.{name}")
    args = (shared, nlp) if dict(SECTIONS)[name] else (shared,)
    if name in CODER_SECTIONS and settings is not None:
        return module.evaluate(*args, settings=settings)
    return module.evaluate(*args)


def check_floors(figures: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Lines naming every figure below its floor (or above, for keys ending in _max)."""
    bad = []
    for key, floor in floors.items():
        if key not in figures:
            bad.append(f"{key}: not measured")
        elif key.endswith("_max") and figures[key] > floor:
            bad.append(f"{key}: {figures[key]} above the pinned maximum {floor}")
        elif not key.endswith("_max") and figures[key] < floor:
            bad.append(f"{key}: {figures[key]:.4f} below the pinned floor {floor}")
    return bad


def main(argv: list[str] | None = None) -> int:
    """Print every section's figures and the floor check; exit 1 when a floor is broken."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.evaluation", description=__doc__)
    parser.add_argument("--shared", default=str(Path.cwd().parent / "shared"), help="the shared data folder")
    parser.add_argument("--only", nargs="*", help="run only these sections")
    parser.add_argument("--coder", help="event coder for the plover and petr2 sections, e.g. newsevents.hybrid.v2 "
                        "(default: the coder setting)")
    parser.add_argument("--write-docs", action="store_true", help="store the figures measured in "
                        "docs/data/eval_results.json (per section, merged with the sections not run) and "
                        "regenerate docs/accuracy.md from them")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    from newsevents.nlp.pipeline import load_model
    from newsevents.settings import Settings

    settings = Settings.make(coder=args.coder)
    nlp = load_model(settings)
    figures: dict[str, float] = {}
    results: dict[str, dict[str, Any]] = {}
    for name, _ in SECTIONS:
        if args.only and name not in args.only:
            continue
        t0 = time.perf_counter()
        result = _run(name, shared, nlp, settings)
        if result is None:
            continue
        results[name] = result
        print(f"\n== {name} ({time.perf_counter() - t0:.1f}s)")
        for key, value in result.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                figures[key] = value
                print(f"  {key:<32} {value:.4f}" if isinstance(value, float) else f"  {key:<32} {value}")
            elif key != "details":
                print(f"  {key:<32} {json.dumps(value)[:200]}")
    floors = json.loads(FLOORS.read_text()) if FLOORS.exists() else {}
    if args.only:
        floors = {k: v for k, v in floors.items() if k in figures}
    bad = check_floors(figures, floors)
    print("\n== floors (eval/floors.json)")
    print("  all floors held" if not bad else "\n".join(f"  BROKEN {line}" for line in bad))
    if args.write_docs:
        from newsevents.docsgen.accuracy import record_results

        for path in record_results(results, settings.coder):
            print(f"  wrote {path}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
