"""Page furniture told by its layout: stacked one-word menu items and breadcrumbs.

A scraper that keeps a breadcrumb or a section menu writes one short item per line with no blank
line between: ``Home`` / ``World`` / ``Politics``. Such a stack of ``MIN_STACK`` or more 1-3 word
lines without final punctuation (menu words from ``clean_ui_lines`` count too) is furniture, where
a lone short line (a kicker such as ``POLITICS`` over the headline) keeps its label.
"""

from __future__ import annotations

from dataclasses import replace

from newsevents.clean.classify import JUNK, TEXT, LineInfo

#: this many stacked short lines make a menu or breadcrumb
MIN_STACK = 3


def drop_stacked_scraps(infos: list[LineInfo]) -> list[LineInfo]:
    """The lines with every stack of short menu-like lines (at least two of them text scraps) made furniture."""
    out = list(infos)
    start = 0
    while start < len(infos):
        end = start
        while end < len(infos) and _menu_item(infos[end]) and (end == start or infos[end].line.gap == 0):
            end += 1
        if end - start >= MIN_STACK and sum(1 for info in infos[start:end] if info.kind == TEXT) >= 2:
            for n in range(start, end):
                out[n] = replace(infos[n], kind=JUNK, caption=None, explicit_credit=False)
        start = max(end, start + 1)
    return out


def _menu_item(info: LineInfo) -> bool:
    """A 1-3 word label (``World``) or a one-line piece of furniture (``Home``)."""
    return (info.kind == TEXT and info.scrap) or (info.kind == JUNK and len(info.text.split()) <= 3)
