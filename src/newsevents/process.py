"""The one pure unit of work: a batch of clean articles in, annotated documents out.

Every runner (in-process, the local process pool, a distributed engine later) maps
``annotate_batch`` over batches, so the paths cannot drift apart. It touches no database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from newsevents.records import Article, Document, InputFailure
from newsevents.settings import Settings

if TYPE_CHECKING:  # spaCy stays a lazy import
    from spacy.language import Language
    from spacy.tokens import Doc


def annotate_batch(articles: Sequence[Article], settings: Settings) -> list[Document | InputFailure]:
    """Run the newsevents pipeline over ``articles``; one Document (or the reason it failed) each, in order.

    The pipeline's components write records onto Doc extensions (``doc._.entities``,
    ``doc._.events``, ``doc._.quotes``, ``doc._.roles``, ``doc._.attributions``); this turns them into Documents.
    """
    from newsevents.nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings)
    results: list[Document | InputFailure] = []
    for article, doc in zip(articles, _parse(nlp, articles, settings)):
        problem = f"{type(doc).__name__}: {doc}" if isinstance(doc, Exception) else "; ".join(doc._.newsevents_errors)
        if problem:  # one article must not sink the batch; the run reports it
            reason = f"annotation of article {article.id} ({article.title[:60]!r}) failed: {problem}; please report this with the input"
            results.append(InputFailure(article.origin, reason))
            continue
        results.append(Document(article=article, entities=tuple(doc._.entities), events=tuple(doc._.events),
                                quotes=tuple(doc._.quotes), roles=tuple(doc._.roles), attributions=tuple(doc._.attributions)))  # fmt: skip
    return results


def _parse(nlp: "Language", articles: Sequence[Article], settings: Settings) -> list["Doc | Exception"]:
    """One annotated Doc per article; when the batch fails, each article is run alone and keeps its own error."""
    from newsevents.nlp.pipeline import annotate_texts

    def make(article: Article) -> "Doc":
        doc = nlp.make_doc(article.text)
        doc._.article = article
        return doc

    try:
        return list(annotate_texts(nlp, [make(a) for a in articles], max(1, settings.batch_size)))
    except Exception:  # noqa: BLE001 - find the one article that fails, keep the others
        parsed: list[Doc | Exception] = []
        for article in articles:
            try:
                parsed.extend(annotate_texts(nlp, [make(article)], 1))
            except Exception as exc:  # noqa: BLE001
                parsed.append(exc)
        return parsed


def warm(settings: Settings) -> None:
    """Load the model and every table the batch path uses, by running it once on a tiny article.

    The local runner calls this before forking its workers, so they share what was loaded
    instead of each loading the gazetteer and lexicons again.
    """
    sample = "Police in Paris arrested two men on Monday, the French interior ministry said."
    annotate_batch([Article(id="warm", title="", paragraphs=(sample,), published="2024-01-01")], settings)
