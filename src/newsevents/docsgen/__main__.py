"""``python -m newsevents.docsgen [--check]``: rewrite the generated docs pages, or list the stale ones."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.docsgen import accuracy, codebook, dictionary, reference
from newsevents.docsgen.markdown import ROOT, write_pages


def generated_pages() -> dict[Path, str]:
    """Every generated page by path, with its text as the code and data make it now."""
    return {**codebook.pages(), **dictionary.pages(), **accuracy.pages(), **reference.pages()}


def main(argv: list[str] | None = None) -> int:
    """Write the pages (exit 0), or with ``--check`` exit 1 when a page or a column description is out of date."""
    parser = argparse.ArgumentParser(prog="python -m newsevents.docsgen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a page is stale")
    args = parser.parse_args(argv)
    missing = dictionary.missing_entries()
    if missing:
        print(f"{dictionary.COLUMNS_FILE.relative_to(ROOT)} has no line for these columns and fields; add them "
              "(tab separated: where, name, meaning, example):\n" + "\n".join(missing), file=sys.stderr)
        return 1
    stale = write_pages(generated_pages(), check=args.check)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path.relative_to(ROOT)}")
    if args.check and stale:
        print("run `make docs` (python -m newsevents.docsgen) and commit the pages", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
