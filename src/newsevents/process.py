"""The one pure unit of work: a batch of clean articles in, annotated documents out.

Every runner (in-process, the local process pool, a distributed engine later) maps
``annotate_batch`` over batches, so the paths cannot drift apart. It touches no database.
"""

from __future__ import annotations

from typing import Sequence

from newsevents.records import Article, Document, InputFailure
from newsevents.settings import Settings


def annotate_batch(articles: Sequence[Article], settings: Settings) -> list[Document | InputFailure]:
    """Run NER (and, with ``settings.events``, event coding) over ``articles``; one result each, in order."""
    from newsevents.nlp.entities import extract_entities
    from newsevents.nlp.pipeline import annotate_texts, load_pipeline

    nlp = load_pipeline(settings)
    results: list[Document | InputFailure] = []
    docs = annotate_texts(nlp, [a.text for a in articles], max(1, settings.batch_size))
    for article, doc in zip(articles, docs):
        try:
            entities = extract_entities(doc, article)
            if settings.events:
                from newsevents.events import code_document

                events, quotes, roles = code_document(doc, article, entities, settings)
            else:
                events, quotes, roles = (), (), ()
        except Exception as exc:  # one article must not sink the batch; the run reports it
            reason = f"annotation of article {article.id} ({article.title[:60]!r}) failed: {type(exc).__name__}: {exc}; please report this with the input"
            results.append(InputFailure(article.origin, reason))
            continue
        results.append(Document(article=article, entities=tuple(entities), events=tuple(events), quotes=tuple(quotes), roles=tuple(roles)))
    return results


def warm(settings: Settings) -> None:
    """Load the model and every table the batch path uses, by running it once on a tiny article.

    The local runner calls this before forking its workers, so they share what was loaded
    instead of each loading the gazetteer and lexicons again.
    """
    sample = "Police in Paris arrested two men on Monday, the French interior ministry said."
    annotate_batch([Article(id="warm", title="", paragraphs=(sample,), published="2024-01-01")], settings)
