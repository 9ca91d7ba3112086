"""What our hand-written gold sets share: a built file that must equal what its sources build, and the
``--build`` / ``--check`` command line (``attribution_gold``, ``actor_gold``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

from newsevents.errors import DataFileError


def check_built(path: Path, built: str, articles: Sequence[dict[str, Any]], splits: Sequence[str], module: str) -> None:
    """Raise when the gold file differs from what its sources build (``built``) or a split has no article."""
    folder = f"eval/{path.parent.name}"
    if path.read_text(encoding="utf-8") != built:
        raise DataFileError(f"{path}: differs from what {folder}/src builds; run python -m {module} --build")
    missing = [s for s in splits if not any(a["split"] == s for a in articles)]
    if missing:
        raise DataFileError(f"{path}: no article in split {', '.join(missing)}; write more articles in {folder}/src")


def gold_main(module: str, doc: str | None, target: Path, build: Callable[[], str], check: Callable[[], dict[str, Any]],
              check_help: str, argv: list[str] | None = None) -> int:
    """--build writes ``target`` from the sources; --check validates it and prints the counts."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    folder = f"eval/{target.parent.name}"
    parser.add_argument("--build", action="store_true", help=f"write {folder}/{target.name} from {folder}/src")
    parser.add_argument("--check", action="store_true", help=check_help)
    args = parser.parse_args(argv)
    if not (args.build or args.check):
        parser.error(f"say --build, --check or both, e.g. python -m {module} --build --check")
    try:
        if args.build:
            target.write_text(build(), encoding="utf-8")
            print(f"wrote {target}")
        if args.check:
            print(json.dumps(check(), indent=1))
    except DataFileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0
