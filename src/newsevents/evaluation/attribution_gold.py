"""Our own attribution gold (``eval/attributions``, guide in ``eval/attributions/GUIDE.md``): build, check, load.

The articles are written with inline span marks in ``eval/attributions/src/*.txt`` so that no offset
is ever counted by hand; ``--build`` strips the marks, computes every offset against the body text
(``"\\n\\n".join(paragraphs)``) and writes ``eval/attributions/articles.jsonl`` byte for byte the
same every time; ``--check`` validates that file and prints counts per kind and split.

Source form: an article starts with ``=== <id> | <published> | <outlet>``, then the title line,
then paragraphs separated by blank lines. A span is ``{labels|text}``; a label is a letter and an
attribution number: ``s`` source, ``c`` cue, ``q`` content, ``r`` antecedent (``{s3,r5|he}`` is the
source of attribution 3 and the antecedent of attribution 5). Spans nest. The kind (direct, mixed,
indirect) and the parent (the innermost attribution whose content holds this one) follow from the
text; attributions are numbered a1, a2, ... by where their content starts.
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

__all__ = ["KINDS", "build", "check", "load", "parse_source", "problems", "split_of", "summary"]

KINDS = ("direct", "mixed", "indirect")
SPLITS = ("train", "dev", "test")
ROLES = {"s": "source", "c": "cue", "q": "content", "r": "antecedent"}
OPENING = "\"“‘'"
CLOSING = "\"”’'"
DOUBLE = "\"“”"  # single marks are also apostrophes, so only double marks make a content mixed
_ROOT = Path(__file__).resolve().parents[3]
_FIX = "fix the article in eval/attributions/src/ and run python -m newsevents.evaluation.attribution_gold --build"


def _home() -> Path:
    """The folder holding the gold: the repository's eval/attributions, else the one under the working directory."""
    here = _ROOT / "eval" / "attributions"
    return here if here.is_dir() else Path.cwd() / "eval" / "attributions"


def split_of(article_id: str) -> str:
    """train (60 %), dev (20 %) or test (20 %) from a salted hash of the article id."""
    bucket = int(hashlib.sha256(f"attribution-gold:{article_id}".encode("utf-8")).hexdigest(), 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def _strip_marks(marked: str, where: str) -> tuple[str, dict[str, dict[str, tuple[int, int]]]]:
    """The plain text and, per attribution number, the (start, end) of each role."""
    out: list[str] = []
    spans: dict[str, dict[str, tuple[int, int]]] = {}
    stack: list[tuple[list[str], int]] = []
    i = 0
    while i < len(marked):
        ch = marked[i]
        if ch == "{":
            bar = marked.find("|", i)
            if bar < 0:
                raise DataFileError(f"{where}: a '{{' with no '|' after its labels; {_FIX}")
            labels = [x.strip() for x in marked[i + 1 : bar].split(",")]
            for label in labels:
                if not re.fullmatch(r"[scqr]\d+", label):
                    raise DataFileError(f"{where}: label {label!r} is not s|c|q|r plus a number; {_FIX}")
            stack.append((labels, len("".join(out))))
            i = bar + 1
            continue
        if ch == "}":
            if not stack:
                raise DataFileError(f"{where}: a '}}' closes nothing; {_FIX}")
            labels, start = stack.pop()
            end = len("".join(out))
            for label in labels:
                roles = spans.setdefault(label[1:], {})
                if ROLES[label[0]] in roles:
                    raise DataFileError(f"{where}: attribution {label[1:]} has two {ROLES[label[0]]} spans; {_FIX}")
                roles[ROLES[label[0]]] = (start, end)
            i += 1
            continue
        if ch == "|":
            raise DataFileError(f"{where}: a '|' outside a span's labels; {_FIX}")
        out.append(ch)
        i += 1
    if stack:
        raise DataFileError(f"{where}: a span {stack[-1][0]} is never closed; {_FIX}")
    return "".join(out), spans


def _kind(text: str, content: tuple[int, int], inner: list[tuple[int, int]]) -> str:
    """direct when quotation marks sit right outside the content; mixed when it holds its own double marks."""
    start, end = content
    if start > 0 and end < len(text) and text[start - 1] in OPENING and text[end] in CLOSING:
        return "direct"
    own = [k for k in range(start, end) if text[k] in DOUBLE and not any(a - 1 <= k <= b for a, b in inner)]  # a nested quote's own marks
    return "mixed" if own else "indirect"


def _span(text: str, bounds: tuple[int, int] | None) -> dict[str, Any] | None:
    """A span record, or None."""
    return None if bounds is None else {"start": bounds[0], "end": bounds[1], "text": text[bounds[0] : bounds[1]]}


def _attributions(text: str, spans: dict[str, dict[str, tuple[int, int]]], where: str) -> list[dict[str, Any]]:
    """The attribution records of one article, numbered by where their content starts."""
    for number, roles in spans.items():
        if "content" not in roles:
            raise DataFileError(f"{where}: attribution {number} has no content span (q{number}); {_FIX}")
    order = sorted(spans, key=lambda n: (spans[n]["content"][0], -spans[n]["content"][1], int(n)))
    ids = {n: f"a{k}" for k, n in enumerate(order, 1)}
    out = []
    for n in order:
        roles = spans[n]
        start, end = roles["content"]
        anchor = roles.get("cue", roles["content"])
        holders = [m for m in order if m != n and spans[m]["content"][0] <= anchor[0] and anchor[1] <= spans[m]["content"][1]
                   and (spans[m]["content"] != roles["content"])]  # fmt: skip
        parent = min(holders, key=lambda m: spans[m]["content"][1] - spans[m]["content"][0]) if holders else None
        inner = [spans[m]["content"] for m in order if m != n and start <= spans[m]["content"][0] and spans[m]["content"][1] <= end]
        out.append({
            "id": ids[n],
            "kind": _kind(text, (start, end), inner),
            "source": _span(text, roles.get("source")),
            "antecedent": _span(text, roles.get("antecedent")),
            "cue": _span(text, roles.get("cue")),
            "content": _span(text, (start, end)),
            "parent": ids[parent] if parent else None,
        })  # fmt: skip
    return out


def parse_source(raw: str, name: str) -> list[dict[str, Any]]:
    """The articles of one source file, as records ready for articles.jsonl."""
    articles: list[dict[str, Any]] = []
    chunks = re.split(r"^=== ", raw, flags=re.MULTILINE)
    for chunk in chunks[1:]:
        lines = chunk.split("\n")
        head = [x.strip() for x in lines[0].split("|")]
        where = f"{name} article {head[0]}"
        if len(head) != 3 or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", head[1]):
            raise DataFileError(f"{where}: the header must read '=== <id> | <YYYY-MM-DD> | <outlet>'; {_FIX}")
        rest = "\n".join(lines[1:]).strip("\n").split("\n", 1)
        title, body = rest[0].strip(), rest[1] if len(rest) > 1 else ""
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
        text, spans = _strip_marks("\n\n".join(paragraphs), where)
        articles.append({
            "id": head[0], "split": split_of(head[0]), "published": head[1], "source": head[2], "title": title,
            "paragraphs": text.split("\n\n"), "attributions": _attributions(text, spans, where),
        })  # fmt: skip
    return articles


def build(src: Path | None = None) -> str:
    """The text of articles.jsonl built from every source file, one article a line, in id order."""
    folder = src or _home() / "src"
    articles = [a for path in sorted(folder.glob("*.txt")) for a in parse_source(path.read_text(encoding="utf-8"), path.name)]
    articles.sort(key=lambda a: a["id"])
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def _span_problems(text: str, span: Any, label: str) -> list[str]:
    """What is wrong with one span record."""
    if not isinstance(span, dict) or not all(isinstance(span.get(k), int) for k in ("start", "end")):
        return [f"{label} must be an object with integer start and end"]
    start, end = span["start"], span["end"]
    if not 0 <= start < end <= len(text):
        return [f"{label} [{start}:{end}] is empty or outside the body text ({len(text)} characters)"]
    if text[start:end] != span.get("text"):
        return [f"{label} text {span.get('text')!r} differs from the body text there {text[start:end]!r}"]
    if text[start:end] != text[start:end].strip():
        return [f"{label} {text[start:end]!r} starts or ends with white space"]
    return []


def _attribution_problems(text: str, att: dict[str, Any], ids: dict[str, dict[str, Any]]) -> list[str]:
    """What is wrong with one attribution record."""
    at = f"attribution {att.get('id')}"
    out = [f"{at}: kind {att.get('kind')!r} is not one of {', '.join(KINDS)}"] if att.get("kind") not in KINDS else []
    for role in ("source", "antecedent", "cue", "content"):
        if att.get(role) is not None or role == "content":
            out += [f"{at}: {p}" for p in _span_problems(text, att.get(role), role)]
    if out:
        return out
    start, end = att["content"]["start"], att["content"]["end"]
    marked = start > 0 and end < len(text) and text[start - 1] in OPENING and text[end] in CLOSING
    if (att["kind"] == "direct") != marked:
        out.append(f"{at}: a {att['kind']} content {'must' if att['kind'] == 'direct' else 'must not'} have quotation marks right outside it")
    if att["kind"] == "mixed" and not any(ch in DOUBLE for ch in att["content"]["text"]):
        out.append(f"{at}: a mixed content must hold quotation marks")
    if att["source"] is None and att["antecedent"] is None:
        out.append(f"{at}: with no source span it needs an antecedent naming the speaker")
    parent = att.get("parent")
    if parent is not None:
        if parent not in ids:
            out.append(f"{at}: parent {parent!r} is not an attribution of this article")
        elif not (ids[parent]["content"]["start"] <= start and end <= ids[parent]["content"]["end"]):
            out.append(f"{at}: its content is not inside the content of its parent {parent}")
    return out


def problems(article: Any) -> list[str]:
    """Every way one article record breaks the format (empty when it is fine)."""
    if not isinstance(article, dict):
        return ["an article must be a JSON object"]
    out = []
    paragraphs = article.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs or not all(isinstance(p, str) and p.strip() and "\n\n" not in p for p in paragraphs):
        return ["paragraphs must be a non-empty list of non-empty strings without blank lines"]
    if article.get("split") != split_of(str(article.get("id"))):
        out.append(f"split {article.get('split')!r} is not the split of its id ({split_of(str(article.get('id')))})")
    for key in ("id", "published", "source", "title"):
        if not isinstance(article.get(key), str) or not article[key].strip():
            out.append(f"{key} must be a non-empty string")
    text = "\n\n".join(paragraphs)
    atts = article.get("attributions")
    if not isinstance(atts, list) or not atts:
        return out + ["attributions must be a non-empty list"]
    ids = {a.get("id"): a for a in atts if isinstance(a, dict)}
    if len(ids) != len(atts):
        out.append("attribution ids must be unique objects")
    for att in atts:
        out += _attribution_problems(text, att, ids) if isinstance(att, dict) else ["an attribution must be a JSON object"]
    return out


def load(path: Path | None = None, split: str | None = None) -> list[dict[str, Any]]:
    """The validated articles of the gold file (default eval/attributions/articles.jsonl), optionally one split."""
    if split is not None and split not in SPLITS:
        raise DataFileError(f"split {split!r} is not one of {', '.join(SPLITS)}; pass one of them or None for all")
    path = Path(path) if path is not None else _home() / "articles.jsonl"
    if not path.is_file():
        raise DataFileError(f"{path}: no such file; run python -m newsevents.evaluation.attribution_gold --build from the repository root")
    articles, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            article = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataFileError(f"{path}:{number}: not JSON ({err.msg}); {_FIX}") from None
        found = problems(article) + ([f"id {article.get('id')!r} used twice"] if article.get("id") in seen else [])
        if found:
            raise DataFileError(f"{path}:{number}: {found[0]}; {_FIX}")
        seen.add(article["id"])
        articles.append(article)
    return [a for a in articles if split is None or a["split"] == split]


def summary(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of articles and of attributions per kind, per split and in all."""
    out: dict[str, Any] = {}
    for name in (*SPLITS, "all"):
        chosen = [a for a in articles if name in ("all", a["split"])]
        kinds = Counter(att["kind"] for a in chosen for att in a["attributions"])
        out[name] = {"articles": len(chosen), "attributions": sum(kinds.values()), **{k: kinds[k] for k in KINDS},
                     "nested": sum(1 for a in chosen for att in a["attributions"] if att["parent"]),
                     "pronoun_or_null_source": sum(1 for a in chosen for att in a["attributions"] if att["antecedent"])}  # fmt: skip
    return out


def check(path: Path | None = None) -> dict[str, Any]:
    """Validate the gold file, make sure it is what the sources build and every split is present; the counts."""
    path = Path(path) if path is not None else _home() / "articles.jsonl"
    articles = load(path)
    check_built(path, build(path.parent / "src"), articles, SPLITS, "newsevents.evaluation.attribution_gold")
    return summary(articles)


def main(argv: list[str] | None = None) -> int:
    """--build writes articles.jsonl from the sources; --check validates it and prints the counts."""
    return gold_main("newsevents.evaluation.attribution_gold", __doc__, _home() / "articles.jsonl", build, check,
                     "validate articles.jsonl and print counts per kind and split", argv)


if __name__ == "__main__":
    sys.exit(main())
