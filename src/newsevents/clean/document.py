"""Clean one RawDocument into its articles (a dump may hold several), or say why there are none."""

from __future__ import annotations

from typing import Sequence

from newsevents.clean.article import build_article, build_fallback
from newsevents.clean.captions import split_credit
from newsevents.clean.boilerplate import BoilerplateTable
from newsevents.clean.blocks import join_wrapped, merge_bodiless, split_blocks
from newsevents.clean.classify import IsBoilerplate, LineInfo, as_furniture, big_gap, classify_lines
from newsevents.clean.furniture import drop_stacked_scraps
from newsevents.clean.ids import article_id
from newsevents.clean.shapes import is_body
from newsevents.clean.text import split_lines
from newsevents.clean.titles import promote_titles
from newsevents.errors import InputError
from newsevents.records import Article, Caption, RawDocument
from newsevents.unicode import surrogate_problem


def _check_unicode(raw: RawDocument) -> None:
    """Refuse a document holding a lone surrogate, naming the field and the offset."""
    for field, value in (("text", raw.text), ("title", raw.title), ("source", raw.source), ("url", raw.url),
                         ("author", raw.author), ("published", raw.published)):  # fmt: skip
        problem = surrogate_problem(f"its {field}", value)
        if problem:
            raise InputError(raw.origin, problem)


def document_blocks(raw: RawDocument, boilerplate: IsBoilerplate | None = None) -> list[list[LineInfo]]:
    """The labelled lines of ``raw``, one block per article (a structured document is one block).

    The dump is split with every line as it looks (learned boilerplate only flagged), so the table
    can never merge two articles; boilerplate lines become furniture inside each block afterwards.
    """
    lines = join_wrapped(split_lines(raw.text))
    infos = drop_stacked_scraps(classify_lines(lines, boilerplate))
    if not infos:
        return []
    gap = big_gap(lines)
    if not (raw.structured and raw.title and raw.title.strip()):
        infos = promote_titles(infos, gap)
    blocks = [infos] if raw.structured else split_blocks(infos, gap)
    if not any(info.boilerplate for info in infos):
        return blocks
    blocks = [[as_furniture(info) for info in block] for block in blocks]
    return blocks if raw.structured else merge_bodiless(blocks)


def clean_document(raw: RawDocument, boilerplate: BoilerplateTable | None = None) -> list[Article]:
    """The clean articles of ``raw``; ``[]`` when nothing article-like remains (see ``explain_empty``).

    Raises InputError when the text is not valid Unicode (a lone surrogate from a bad JSON escape).
    """
    _check_unicode(raw)
    blocks = document_blocks(raw, _checker(raw, boilerplate))
    drafts = [
        build_article(
            block,
            structured=raw.structured,
            title_hint=raw.title if raw.structured and raw.title and raw.title.strip() else None,
            fallback_title=raw.title if len(blocks) == 1 else None,
            site=raw.source,
        )
        for block in blocks
    ]
    if blocks and not any(drafts):
        drafts = [build_fallback([info for block in blocks for info in block], raw.title)]
    articles: list[Article] = []
    ids: set[str] = set()
    for draft in drafts:
        if draft is None:
            continue
        aid = article_id(draft.title, draft.paragraphs)
        if aid in ids:
            continue  # the same article twice in one dump
        ids.add(aid)
        articles.append(
            Article(
                id=aid,
                title=draft.title,
                paragraphs=tuple(draft.paragraphs),
                captions=tuple(draft.captions) + extra_captions(raw, draft.captions),
                source=raw.source,
                url=raw.url,
                published=raw.published or draft.published,
                author=raw.author or draft.author,
                origin=raw.origin,
            )
        )
    return articles


def extra_captions(raw: RawDocument, have: Sequence[Caption]) -> tuple[Caption, ...]:
    """Captions the source gave apart from the text (HTML figcaptions), with their credits split off."""
    out: list[Caption] = []
    seen = {c.text for c in have}
    for line in raw.captions:
        split = split_credit(line)
        caption = split[0] if split else Caption(line, None)
        if caption.text not in seen:
            seen.add(caption.text)
            out.append(caption)
    return tuple(out)


def explain_empty(raw: RawDocument, boilerplate: BoilerplateTable | None = None) -> str:
    """Why ``clean_document(raw)`` found no article, in words that say what to check next."""
    if not raw.text.strip():
        return "no article found: the input holds no text (empty or only whitespace)"
    infos = [info for block in document_blocks(raw, _checker(raw, boilerplate)) for info in block]
    if not any(is_body(info.text) for info in infos):
        first = infos[0].text[:60] if infos else ""
        return (
            f"no article found: none of its {len(infos)} non-blank lines reads like body text "
            f"(a sentence ending in a full stop; first line {first!r}); check that it is a news article, "
            "or give web pages as HTML (--format html) so their body is extracted"
        )
    if any(info.boilerplate for info in infos):
        return (
            "no article found: its sentences are all page furniture or boilerplate repeated across "
            f"other inputs of source {BoilerplateTable.source_of(raw)!r}; check that the input is an article page"
        )
    return (
        "no article found: its sentences are all page furniture (menus, sharing, cookie or footer text); "
        "check that the input is an article page"
    )


def _checker(raw: RawDocument, boilerplate: BoilerplateTable | None) -> IsBoilerplate | None:
    """A one-argument boilerplate test for ``raw``'s source, or None without a table."""
    if boilerplate is None or not boilerplate:
        return None
    source = boilerplate.source_of(raw)
    return lambda line: boilerplate.is_boilerplate(source, line)
