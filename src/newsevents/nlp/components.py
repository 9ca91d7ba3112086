"""spaCy components for a user's own pipeline: ``newsevents_entities``, and the Doc extensions all ours share.

Every newsevents component reads and writes plain records on ``Doc`` extensions:
``doc._.article`` (the :class:`~newsevents.records.Article` the Doc was made from; built from
``doc.text`` and ``doc._.published`` when unset), ``doc._.entities``, ``doc._.dates``,
``doc._.places``, ``doc._.events``, ``doc._.roles``, ``doc._.quotes`` and ``doc._.attributions``. Like spaCy's own
rulers, each component finds its results in a pure ``match(doc)`` and writes them in a separate
``set_annotations(doc, results)``. With ``on_error="record"`` (what newsevents' own runner uses)
a failure is noted in ``doc._.newsevents_errors`` and the Doc goes on without that component's
results; the default, ``"raise"``, raises as any spaCy component would.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.errors import SettingsError
from newsevents.records import PARAGRAPH_SEPARATOR, Article

#: extension name -> default (immutable, so one default can be shared by every Doc)
EXTENSIONS: dict[str, Any] = {
    "article": None, "published": None, "entities": (), "dates": (), "places": (), "events": (),
    "roles": (), "quotes": (), "attributions": (), "newsevents_errors": (),
}  # fmt: skip
ON_ERROR = ("raise", "record")


def install_extensions() -> None:
    """Register our ``Doc`` extensions once per process (an existing one of the same name is kept)."""
    for name, default in EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


install_extensions()


def article_of(doc: Doc) -> Article:
    """The Article behind ``doc``: ``doc._.article`` when set, else one built from ``doc.text``."""
    article = doc._.article
    if article is None:
        text_id = hashlib.sha1(doc.text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        article = Article(id=text_id, title="", paragraphs=tuple(doc.text.split(PARAGRAPH_SEPARATOR)), published=doc._.published)
        doc._.article = article
    elif article.text != doc.text:
        raise ValueError(f"doc._.article {article.id!r} does not hold this Doc's text; make the Doc from article.text")
    return article


class Component:
    """The shape shared by our components: ``match`` is pure, ``set_annotations`` writes, errors per ``on_error``."""

    version = ""

    def __init__(self, name: str, on_error: str) -> None:
        if on_error not in ON_ERROR:
            raise SettingsError(f"{name}: on_error must be one of {', '.join(ON_ERROR)}, got {on_error!r}")
        self.name, self.on_error = name, on_error

    def __call__(self, doc: Doc) -> Doc:
        try:
            results = self.match(doc)
        except Exception as exc:
            if self.on_error == "raise":
                raise
            doc._.newsevents_errors = (*doc._.newsevents_errors, f"{self.name}: {type(exc).__name__}: {exc}")
            return doc
        self.set_annotations(doc, results)
        return doc

    def match(self, doc: Doc) -> Any:
        """This component's results for ``doc``; reads, never writes."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, results: Any) -> None:
        """Write ``results`` onto ``doc``."""
        raise NotImplementedError


def extension_setter(*names: str) -> Callable[[Doc, Any], None]:
    """A ``set_annotations`` that writes a tuple of results to the named extensions, in order."""

    def set_annotations(doc: Doc, results: Any) -> None:
        values = results if len(names) > 1 else (results,)
        for name, value in zip(names, values):
            setattr(doc._, name, value)

    return set_annotations


class EntityLinker(Component):
    """Typed, linked entities with every mention, titles and countries (``newsevents.entities.v1``)."""

    version = "newsevents.entities.v1"
    set_annotations = staticmethod(extension_setter("entities"))  # type: ignore[assignment]

    def match(self, doc: Doc) -> Any:
        from newsevents.nlp.entities import extract_entities

        return extract_entities(doc, article_of(doc))


@Language.factory(
    "newsevents_entities",
    requires=["doc.ents", "token.ent_iob", "token.ent_type", "token.dep", "token.lemma"],
    assigns=["doc._.entities", "doc._.article"],
    default_config={"on_error": "raise"},
)
def make_entities(nlp: Language, name: str, on_error: str) -> EntityLinker:
    """``nlp.add_pipe("newsevents_entities")``: entities linked within the article."""
    return EntityLinker(name, on_error)
