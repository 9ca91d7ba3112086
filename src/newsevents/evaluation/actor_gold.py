"""Our own actor gold (``eval/actors``, guide in ``eval/actors/GUIDE.md``): build, check, load.

Every mention of an actor in our articles is labelled with the one real actor it names, so that
B-cubed can score how the registry groups mentions into actors
(``newsevents.evaluation.actor_clusters``). The articles are written with inline marks in
``eval/actors/src/*.txt``; ``--build`` strips them, computes every offset against the body text
(``"\\n\\n".join(paragraphs)``) and writes ``eval/actors/articles.jsonl``, byte for byte the same
every time; ``--check`` validates that file against the sources and ``eval/actors/actors.tsv`` and
prints counts per split.

Source form: an article starts with ``=== <id> | <YYYY-MM-DD> | <outlet>``, then the title line, then
paragraphs separated by blank lines. A mention is ``{<actor>|<text>}``: the gold actor's label
(declared in ``actors.tsv``) and the words that name it. Marks do not nest. The id is
``<group>-<n>``; the split follows a salted hash of the group, so one story's articles, with the
name forms they share, stay in one split. The groups ``csdev`` and ``cstest`` (``src/clusterset.txt``:
the articles of ``examples/clusters``, line n of its dev or test file) form a third split,
``clusterset``, which is for measuring only and may hold articles that name no actor.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from newsevents.errors import DataFileError
from newsevents.evaluation.gold_files import check_built, gold_main

__all__ = ["SPLITS", "build", "check", "load", "load_actors", "parse_source", "problems", "split_of", "summary"]

SPLITS = ("dev", "test", "clusterset")
#: The groups of the cross-article event cluster set (examples/clusters), scored as their own split.
CLUSTERSET_GROUPS = frozenset({"csdev", "cstest"})
_ROOT = Path(__file__).resolve().parents[3]
_FIX = "fix the article in eval/actors/src/ and run python -m newsevents.evaluation.actor_gold --build"
_MARK = re.compile(r"\{([A-Za-z0-9:._-]+)\|([^{}|]+)\}")
_HEADER = re.compile(r"^([a-z]+)-(\d+)$")


def _home() -> Path:
    """The folder holding the gold: the repository's eval/actors, else the one under the working directory."""
    here = _ROOT / "eval" / "actors"
    return here if here.is_dir() else Path.cwd() / "eval" / "actors"


def group_of(article_id: str) -> str:
    """The story an article belongs to: its id without the number ("irn-4" -> "irn")."""
    return article_id.rsplit("-", 1)[0]


def split_of(article_id: str) -> str:
    """clusterset for the cluster set's groups, else dev or test from a salted hash of the group (a story's articles share a split)."""
    group = group_of(article_id)
    if group in CLUSTERSET_GROUPS:
        return "clusterset"
    bucket = int(hashlib.sha256(f"actor-gold:{group}".encode("utf-8")).hexdigest(), 16) % 2
    return SPLITS[bucket]


def _strip_marks(marked: str, where: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and its mention records (start, end, text, actor) in text order."""
    out: list[str] = []
    mentions: list[dict[str, Any]] = []
    pos = length = 0
    for found in _MARK.finditer(marked):
        plain = marked[pos : found.start()]
        out.append(plain)
        length += len(plain)
        actor, text = found.group(1), found.group(2)
        if text != text.strip():
            raise DataFileError(f"{where}: mention {text!r} of {actor} starts or ends with white space; {_FIX}")
        mentions.append({"start": length, "end": length + len(text), "text": text, "actor": actor})
        out.append(text)
        length += len(text)
        pos = found.end()
    out.append(marked[pos:])
    plain = "".join(out)
    stray = next((ch for ch in "{}|" if ch in plain), None)
    if stray is not None:
        raise DataFileError(f"{where}: a stray {stray!r} outside a well-formed {{actor|text}} mark; {_FIX}")
    return plain, mentions


def parse_source(raw: str, name: str) -> list[dict[str, Any]]:
    """The articles of one source file, as records ready for articles.jsonl."""
    articles: list[dict[str, Any]] = []
    for chunk in re.split(r"^=== ", raw, flags=re.MULTILINE)[1:]:
        lines = chunk.split("\n")
        head = [x.strip() for x in lines[0].split("|")]
        where = f"{name} article {head[0]}"
        if len(head) != 3 or not _HEADER.match(head[0]) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", head[1]):
            raise DataFileError(f"{where}: the header must read '=== <group>-<n> | <YYYY-MM-DD> | <outlet>'; {_FIX}")
        rest = "\n".join(lines[1:]).strip("\n").split("\n", 1)
        title, body = rest[0].strip(), rest[1] if len(rest) > 1 else ""
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        text, mentions = _strip_marks("\n\n".join(paragraphs), where)
        outlet = re.sub(r"[^a-z0-9]+", "-", head[2].lower()).strip("-")
        articles.append({
            "id": head[0], "split": split_of(head[0]), "published": head[1], "source": head[2],
            "url": f"https://{outlet}.example/{head[1]}/{head[0]}", "title": title,
            "paragraphs": text.split("\n\n"), "mentions": mentions,
        })  # fmt: skip
    return articles


def build(src: Path | None = None) -> str:
    """The text of articles.jsonl built from every source file, one article a line, in id order."""
    folder = src or _home() / "src"
    articles = [a for path in sorted(folder.glob("*.txt")) for a in parse_source(path.read_text(encoding="utf-8"), path.name)]
    articles.sort(key=lambda a: a["id"])
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def load_actors(path: Path | None = None) -> dict[str, str]:
    """The gold actors (label -> description) of actors.tsv; errors name the line."""
    path = Path(path) if path is not None else _home() / "actors.tsv"
    if not path.is_file():
        raise DataFileError(f"{path}: no such file; it lists every gold actor label, a tab and what the actor is")
    out: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, _, note = line.partition("\t")
        if not re.fullmatch(r"[A-Za-z0-9:._-]+", label) or not note.strip() or label in out:
            raise DataFileError(f"{path}:{number}: write '<label><TAB><what the actor is>' with a new label of letters, digits and :._-")
        out[label] = note.strip()
    return out


def problems(article: Any, actors: dict[str, str]) -> list[str]:
    """Every way one article record breaks the format (empty when it is fine)."""
    if not isinstance(article, dict):
        return ["an article must be a JSON object"]
    paragraphs = article.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs or not all(isinstance(p, str) and p.strip() and "\n\n" not in p for p in paragraphs):
        return ["paragraphs must be a non-empty list of non-empty strings without blank lines"]
    out = []
    for key in ("id", "published", "source", "url", "title"):
        if not isinstance(article.get(key), str) or not article[key].strip():
            out.append(f"{key} must be a non-empty string")
    if out:
        return out
    if article.get("split") != split_of(article["id"]):
        out.append(f"split {article.get('split')!r} is not the split of its id ({split_of(article['id'])})")
    text = "\n\n".join(paragraphs)
    mentions = article.get("mentions")
    if not isinstance(mentions, list) or not (mentions or article["split"] == "clusterset"):
        return out + ["mentions must be a non-empty list (only a clusterset article may name no actor)"]
    last = 0
    for m in mentions:
        if not isinstance(m, dict) or not all(isinstance(m.get(k), int) for k in ("start", "end")):
            out.append("a mention must be an object with integer start and end")
            continue
        if not last <= m["start"] < m["end"] <= len(text):
            out.append(f"mention [{m['start']}:{m['end']}] overlaps the one before or lies outside the body text")
        elif text[m["start"] : m["end"]] != m.get("text"):
            out.append(f"mention text {m.get('text')!r} differs from the body text there {text[m['start'] : m['end']]!r}")
        if m.get("actor") not in actors:
            out.append(f"mention {m.get('text')!r} names actor {m.get('actor')!r}, which eval/actors/actors.tsv does not declare")
        last = m["end"]
    return out


def load(path: Path | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """The validated articles of the gold file (default eval/actors/articles.jsonl), optionally one split."""
    if split is not None and split not in SPLITS:
        raise DataFileError(f"split {split!r} is not one of {', '.join(SPLITS)}; pass one of them or None for all")
    path = Path(path) if path is not None else _home() / "articles.jsonl"
    if not path.is_file():
        raise DataFileError(f"{path}: no such file; run python -m newsevents.evaluation.actor_gold --build from the repository root")
    actors = load_actors(path.parent / "actors.tsv")
    articles, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}:{number}: not JSON ({err.msg}); {_FIX}") from None
        found = problems(article, actors) + ([f"id {article.get('id')!r} used twice"] if article.get("id") in seen else [])
        if found:
            raise DataFileError(f"{path}:{number}: {found[0]}; {_FIX}")
        seen.add(article["id"])
        articles.append(article)
    return [a for a in articles if split is None or a["split"] == split]


def summary(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of articles, mentions and actors per split and in all, and actors named in several forms."""
    out: dict[str, Any] = {}
    for name in (*SPLITS, "all"):
        chosen = [a for a in articles if name in ("all", a["split"])]
        forms: dict[str, set[str]] = {}
        for a in chosen:
            for m in a["mentions"]:
                forms.setdefault(m["actor"], set()).add(m["text"])
        kinds = Counter(m["actor"].split(":", 1)[0] if ":" in m["actor"] else "agent" if "-" in m["actor"] else "country"
                        for a in chosen for m in a["mentions"])  # fmt: skip
        out[name] = {"articles": len(chosen), "mentions": sum(kinds.values()), "actors": len(forms),
                     "actors_with_several_forms": sum(len(f) > 1 for f in forms.values()), **dict(sorted(kinds.items()))}  # fmt: skip
    return out


def check(path: Path | None = None) -> dict[str, Any]:
    """Validate the gold file, make sure it is what the sources build and both splits are present; the counts."""
    path = Path(path) if path is not None else _home() / "articles.jsonl"
    articles = load(path)
    check_built(path, build(path.parent / "src"), articles, SPLITS, "newsevents.evaluation.actor_gold")
    unused = sorted(set(load_actors(path.parent / "actors.tsv")) - {m["actor"] for a in articles for m in a["mentions"]})
    if unused:
        raise DataFileError(f"{path.parent / 'actors.tsv'}: actors {', '.join(unused)} are named by no mention; remove them")
    return summary(articles)


def main(argv: list[str] | None = None) -> int:
    """--build writes articles.jsonl from the sources; --check validates it and prints the counts."""
    return gold_main("newsevents.evaluation.actor_gold", __doc__, _home() / "articles.jsonl", build, check,
                     "validate articles.jsonl and print counts per split", argv)


if __name__ == "__main__":
    sys.exit(main())
