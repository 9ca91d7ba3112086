"""Reported speech in the parse: a cue word, its source and the content it reports.

``find_reported(doc)`` walks the tokens; a token whose lemma is in the cue lexicon
(:mod:`newsevents.events.attribution_cues`) and whose frame finds content becomes a ``Reported``:

- ``clause``: the complement clause — "X said (that) ...", "X told reporters ...", and the
  content-first order "..., X said." (the parser hangs the clause on the verb either way);
- ``of`` / ``object`` / ``to``: the object and what follows it — "accused Y of ...", "denied
  supplying ...", "urged Y to ...";
- ``according``: the clause "according to X" hangs on, without the phrase itself;
- a parenthetical cue with no complement ("the plan, he said, is dead") reports its host clause.

Ranges are token indices ``[start, end)`` of the Doc; the caller turns them into text offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsevents.events.attribution_cues import FRAME_DEPS, Cue, cue_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SOURCE_DROP = ("relcl", "acl", "advcl")  # what a source span leaves out
_SOURCE_PREPS = ("of", "for", "from")  # phrases a source keeps: whom the speaker represents
_AUDIENCES = ("reporters", "journalists", "newsmen")  # 'told reporters' is one cue; 'told the court' is 'told'
_DOCUMENTS = ("statement", "report", "interview", "letter", "post", "speech", "briefing", "communique", "message", "video")
_QUOTED_AS = ("quote", "hear", "cite")  # "was quoted as saying", "was heard saying"
_REFLEXIVES = ("themselves", "itself", "himself", "herself")  # "who called themselves X": a name, not a report
_QUESTION_WORDS = ("what", "how", "whether", "why", "when", "where", "who", "which", "if")
_MIN_CONTENT = 2  # tokens: shorter complements are not reported speech ("said so")


@dataclass(frozen=True)
class Reported:
    """One cue with its source and content as token ranges; ``source`` is None when the text names nobody."""

    cue: Cue
    cue_range: tuple[int, int]
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_head: int | None  # the token naming the source ("ministry", "he"), for speaker resolution


def find_reported(doc: Doc) -> list[Reported]:
    """Every cue of reported speech with content, in token order."""
    lexicon = cue_lexicon()
    found: list[Reported] = []
    for token in doc:
        cues = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_)
        if not cues or not _is_cue_word(token):
            continue
        for cue in cues:
            reported = _reported(token, cue)
            if reported is not None:
                found.append(reported)
                break
    return found


def _is_cue_word(token: Token) -> bool:
    """A verb (or 'according' followed by 'to'), not a noun that shares the lemma ('the claim')."""
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    return token.pos_ in ("VERB", "AUX")


def _reported(token: Token, cue: Cue) -> Reported | None:
    """The attribution a cue token makes in one frame, or None when the frame finds no content."""
    if cue.frame == "according":
        source = next((o for p in token.children if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"), None)
        content = _host_clause(token)
        cue_end = max(c.i for c in token.children if c.lower_ == "to") + 1
        return _make(cue, (token.i, cue_end), content, source)
    parts = [c for c in token.children if c.i > token.i and _dep_key(c) & FRAME_DEPS[cue.frame]]
    if cue.frame == "clause":
        parts = [c for c in token.children if c.dep_ == "ccomp" and _finite(c)] or _that_clause_below(token) or _clause_as_advcl(token)
    if cue.frame == "object":
        parts = [c for c in parts if c.dep_ != "dobj" or c.tag_ == "VBG"]  # "denied sending", not "announced new pledges"
    if cue.frame == "question":
        parts = [c for c in token.children if c.dep_ == "ccomp" and _question(c)]  # "asked whether ..."
    elif any(_question(c) for c in parts):
        return None  # "confirmed what activists suspected": a question only when it is asked
    if _refused(token) or any(_empty_infinitive(c) for c in parts):
        return None  # "did not say", "declined to say whether ...", "asked not to be named"
    if cue.frame in ("of", "to") and not any(_complement(c) for c in parts):
        return None  # "accused Y" without "of", "urged Y" without "to": not reported content
    if cue.frame == "naming" and (not any(_names_it(c) for c in parts) or any(c.lower_ in _REFLEXIVES for c in parts)):
        return None  # "called the minister": no name given
    if cue.frame == "clause" and _hearsay(token):
        return None  # "troops said to be guarding": hearsay about the subject, no speaker
    if parts:
        start, end = _after_date(token.doc, min(c.left_edge.i for c in parts)), max(_content_end(c) for c in parts)
        content = _balanced(token.doc, _trimmed(token.doc, start, _before_coordinated_cue(token.doc, start, end)))
    elif cue.frame == "clause" and _parenthetical(token):
        content = _host_clause(token)
    else:
        return None
    return _make(cue, cue_range(token), content, _subject(token))


def _parenthetical(token: Token) -> bool:
    """True for a cue hung on the clause it reports: '..., the commission announced.', 'the plan, he said, ...'."""
    if token.dep_ == "parataxis":
        return True
    if token.dep_ not in ("advcl", "conj") or token.i < token.head.i:
        return False
    left = token.left_edge.i
    while left < token.i and token.doc[left].is_punct:
        left += 1
    return left > 0 and token.doc[left - 1].text == "," and any(c.dep_ == "nsubj" for c in token.children)


def _that_clause_below(token: Token) -> list[Token]:
    """A that-clause the parser hung lower: 'said in a statement that ...' (a clause on 'statement')."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i:
            continue
        for obj in prep.children:
            for clause in obj.children:
                if clause.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return [clause]
    return []


def _content_end(part: Token) -> int:
    """Where a content part ends: its subtree without a last phrase telling where or when it was said
    ('... as "orderly" in a preliminary report', '... on Monday'), which the parser hung too low."""
    end = part.right_edge.i + 1
    last = [t for t in part.subtree if t.dep_ == "prep" and t.right_edge.i + 1 == end and t.i > part.i]
    for prep in last:
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        if objects and (objects[0].lemma_.lower() in _DOCUMENTS or objects[0].ent_type_ in ("DATE", "TIME")):
            if prep.i > part.left_edge.i and prep.doc[prep.i - 1].text in ('"', "\u201d", "\u00bb", ","):
                return prep.i
    return end


def _clause_as_advcl(token: Token) -> list[Token]:
    """A complement clause the parser took for an adverbial one: 'said [the hours after an arrest decided ...]'."""
    for child in token.children:
        first = token.doc[child.left_edge.i]
        if (child.dep_ == "advcl" and child.left_edge.i == token.i + 1 and first.dep_ != "mark" and first.pos_ not in ("SCONJ", "ADP")
                and any(c.dep_ == "nsubj" for c in child.children)):  # fmt: skip
            return [child]
    return []


def _finite(clause: Token) -> bool:
    """True for a clause that can be a report: not an absolute '-ing' phrase ('she said, her voice breaking')."""
    return clause.tag_ != "VBG" or any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def _empty_infinitive(part: Token) -> bool:
    """True for a bare passive infinitive with nothing said in it: 'asked not to be named'."""
    return part.dep_ == "xcomp" and all(c.dep_ in ("aux", "auxpass", "neg") for c in part.children) and any(
        c.dep_ == "auxpass" for c in part.children)  # fmt: skip


def _question(part: Token) -> bool:
    """True for an indirect question ('how the line would be paid for', 'what happened', 'whether ...')."""
    first = part.doc[part.left_edge.i]
    return first.lower_ in _QUESTION_WORDS


def _refused(token: Token) -> bool:
    """True for a cue that is negated or refused: 'did not say', 'declined to say'."""
    if any(c.dep_ == "neg" for c in token.children):
        return True
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in ("decline", "refuse")


def _coordinated_cue(token: Token) -> bool:
    """A cue verb joined by 'and' with no subject of its own: 'said A and accused Y of B'."""
    return (token.dep_ == "conj" and token.pos_ == "VERB" and token.lemma_.lower() in cue_lexicon()
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children))  # fmt: skip


def _reporting_head(token: Token) -> Token | None:
    """The reporting verb a coordinated cue was parsed into the content of ('said [A and accused ...]')."""
    head = token.head
    while head.dep_ in ("conj", "ccomp", "advcl", "xcomp") and head.head.i != head.i:
        if head.dep_ == "ccomp" and head.head.lemma_.lower() in cue_lexicon():
            return head.head
        head = head.head
    return None


def _before_coordinated_cue(doc: Doc, start: int, end: int) -> int:
    """Where a content ends: before a cue the parser coordinated inside it ('A [and accused Y of B]')."""
    for token in doc[start:end]:
        if token.i <= start or token.dep_ != "conj" or token.pos_ != "VERB" or token.lemma_.lower() not in cue_lexicon():
            continue
        if (_coordinated_cue(token) and _reporting_head(token) is not None) or any(c.dep_ == "nsubj" for c in token.children):
            return token.left_edge.i  # "... and accused Y of B", "..., and its spokesman called it ..."
    return end


def _after_date(doc: Doc, start: int) -> int:
    """Where a content starts: after a date phrase on the saying the parser hung on it ('on Saturday it would')."""
    token = doc[start]
    if token.dep_ == "prep" and token.lower_ in ("on", "in") and token.head.i > token.right_edge.i:
        objects = [o for o in token.children if o.dep_ == "pobj"]
        if objects and objects[0].ent_type_ in ("DATE", "TIME"):
            return token.right_edge.i + 1
    return start


def _complement(child: Token) -> bool:
    """True for a part that carries a complement: a clause, 'of ...', or an object the parser hung one on."""
    if child.dep_ in ("xcomp", "ccomp", "oprd", "prep"):
        return True
    return any(g.dep_ in ("acl", "xcomp") or (g.dep_ == "prep" and g.lower_ in ("of", "for", "with")) for g in child.children)


def _names_it(child: Token) -> bool:
    """True when an object carries what it is called: an object predicate, an apposition or 'as ...'."""
    if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"):
        return True
    return any(c.dep_ in ("appos", "oprd") or (c.dep_ == "prep" and c.lower_ == "as") for c in child.children)


def _hearsay(token: Token) -> bool:
    """True for 'is said to', 'said to be': the cue takes an infinitive, not a report."""
    return any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in token.children)


def _make(cue: Cue, cue_range: tuple[int, int], content: tuple[int, int] | None, source: Token | None) -> Reported | None:
    """A Reported when the content is long enough."""
    if content is None or content[1] - content[0] < _MIN_CONTENT:
        return None
    if source is not None and content[0] <= source.i < content[1]:
        source = None  # the subject sits inside the content: a parse that reached too far
    return Reported(cue, cue_range, content, source_range(source) if source is not None else None,
                    source.i if source is not None else None)  # fmt: skip


def _dep_key(token: Token) -> set[str]:
    """The labels a child matches in FRAME_DEPS: its dependency, and 'prep:<word>' for prepositions."""
    return {token.dep_, f"{token.dep_}:{token.lower_}"} if token.dep_ == "prep" else {token.dep_}


def cue_range(token: Token) -> tuple[int, int]:
    """The cue's tokens: the verb, its particle ('pointed out', 'called on'), a bare press audience ('told
    reporters'); 'was quoted as saying' whole."""
    start, end = token.i, token.i + 1
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i == end and (child.dep_ == "prt" or (child.dep_ == "prep" and child.lower_ == "on" and token.lemma_ == "call")):
            end += 1
        elif token.lemma_.lower() == "tell" and child.i == end and child.lower_ in _AUDIENCES and not list(child.children):
            end += 1
    if token.dep_ == "pcomp" and token.head.head.lemma_.lower() in _QUOTED_AS:
        quoted = token.head.head
        start = min([quoted.i] + [c.i for c in quoted.children if c.dep_ in ("aux", "auxpass")])
    return start, end


def _subject(verb: Token) -> Token | None:
    """The verb's subject, its coordinated head's subject ('... and said'), or a passive's agent."""
    shares = verb.dep_ == "conj" or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG")  # "..., accusing them of"
    reporter = _reporting_head(verb) if _coordinated_cue(verb) or (shares and verb.dep_ != "conj") else None
    for candidate in (verb, reporter or (verb.head if shares else None)):
        if candidate is None:
            continue
        subjects = [c for c in candidate.children if c.dep_ == "nsubj"]  # a passive's subject is the addressee
        if subjects:  # the nearest one: a dateline city before the real subject is parsed as one too
            return min(subjects, key=lambda c: abs(c.i - candidate.i))
        for child in candidate.children:
            if child.dep_ == "agent":
                objects = [o for o in child.children if o.dep_ == "pobj"]
                if objects:
                    return objects[0]
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "the ministry, which said ..."
    if verb.dep_ == "pcomp" and verb.head.head.lemma_.lower() in _QUOTED_AS:
        passive = [c for c in verb.head.head.children if c.dep_ == "nsubjpass"]
        return passive[0] if passive else None  # "X was quoted as saying": X is the speaker
    return None


def source_range(head: Token) -> tuple[int, int]:
    """The source as written: the subject's phrase with its determiner, modifiers, titles, coordinated
    subjects and an 'of / for / from' phrase ('a spokesman for the army'); without clauses, appositions
    after a comma, other phrases ('officials in the capital') or a dateline before it."""
    doc = head.doc
    dropped: set[int] = set()
    for child in head.children:
        after = child.i > head.i
        if child.dep_ in _SOURCE_DROP or (child.dep_ == "prep" and child.lower_ not in _SOURCE_PREPS) or (after and child.dep_ == "amod"):
            dropped.update(t.i for t in child.subtree)
        elif child.dep_ == "appos" and child.i > head.i and doc[child.left_edge.i - 1].text == ",":
            dropped.update(t.i for t in child.subtree)
    if head.dep_ == "relcl" or head.head.dep_ == "relcl":
        dropped.update(t.i for t in head.subtree if t.i > head.i)
    kept = {t.i for t in head.subtree if t.i not in dropped}
    start = end = head.i
    while start - 1 in kept and not _dateline_end(doc[start - 1]):
        start -= 1
    while end + 1 in kept and doc[end + 1].text != ",":
        end += 1
    while end > head.i and doc[end].dep_ in ("cc", "punct"):
        end -= 1
    return start, end + 1


def _dateline_end(token: Token) -> bool:
    """True for punctuation a source cannot reach back over: a dateline's dash or bracket ('TAMSK, May 2
    (Meridian) - ...'), a closing quote mark, a paragraph break; not a hyphen inside a word ('anti-corruption')."""
    inner_hyphen = token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    return token.is_space or (token.is_punct and not inner_hyphen)


def _host_clause(token: Token) -> tuple[int, int] | None:
    """The clause a phrase hangs on ('according to X', ', he said,'), without the phrase."""
    host = token.head
    if host.i == token.i:
        return None
    own = {t.i for t in token.subtree}
    rest = [t for t in host.subtree if t.i not in own]
    before = [t.i for t in rest if t.i < token.left_edge.i]
    after = [t.i for t in rest if t.i > token.right_edge.i]
    words = lambda side: sum(1 for i in side if not token.doc[i].is_punct)  # noqa: E731
    side = before if words(before) >= words(after) else after
    return _trimmed(token.doc, min(side), max(side) + 1) if side else None


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The range without punctuation, conjunctions and 'that' at its edges."""
    while start < end and (_edge(doc[start]) or doc[start].is_space) and not _opens_quote(doc[start]):
        start += 1
    while end > start and (_edge(doc[end - 1]) or doc[end - 1].is_space) and not _closes_quote(doc[end - 1]):
        end -= 1
    return (start, end) if end > start else None


def _edge(token: Token) -> bool:
    """True for a token a content does not start or end with: punctuation, 'and', the complementiser 'that'."""
    return token.dep_ in ("punct", "cc") or (token.dep_ == "mark" and token.lower_ == "that")


def _balanced(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The range with the closing mark of a quote it opens but does not close ('called it "a forgery"')."""
    if span is None:
        return None
    start, end = span
    marks = sum(1 for t in doc[start:end] if t.text in ('"', "\u201c", "\u201d"))
    if marks % 2 == 1 and end < len(doc) and _closes_quote(doc[end]):
        return start, end + 1
    return span


def _opens_quote(token: Token) -> bool:
    """True for an opening quotation mark."""
    return token.text in ('"', "\u201c", "\u00ab")


def _closes_quote(token: Token) -> bool:
    """True for a closing quotation mark."""
    return token.text in ('"', "\u201d", "\u00bb")
