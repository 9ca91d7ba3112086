"""The clean stage: raw text in, clean articles out (title, captions with credits, paragraphs).

``clean_document(raw, boilerplate)`` splits a plain-text dump into its articles (or takes a
structured document as one article) and removes repeated headlines and captions, UI leftovers,
bylines/datelines (kept as metadata) and learned per-source boilerplate. It returns ``[]`` when
nothing article-like remains; ``explain_empty(raw, boilerplate)`` then says why, in words fit for
the run report. ``article_id`` is the content hash every later stage and the store key on.

Rules are general (line shape, position, repetition, a table of UI phrases in
``data/clean_ui_lines.tsv`` and the learned ``BoilerplateTable``); pure Python, no spaCy. A headline
that ends in a full stop is told from a body sentence by evidence (``titles``); stacked menu and
breadcrumb lines are furniture by their layout (``furniture``).
"""

from __future__ import annotations

from newsevents.clean.boilerplate import BoilerplateTable
from newsevents.clean.document import clean_document, explain_empty
from newsevents.clean.ids import article_id
from newsevents.clean.ui import CleanDataError

__all__ = ["BoilerplateTable", "CleanDataError", "article_id", "clean_document", "explain_empty"]
