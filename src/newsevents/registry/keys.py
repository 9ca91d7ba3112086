"""Name keys for joining forms across articles: person keys that fold transliteration, acronym initials, ids.

The person key is conservative: it folds case, accents, punctuation, y to i, -iy/-yy endings and
doubled letters ("Zelenskiy", "Zelensky", "Zelenskyy" -> "zelenski"; "Pezeshkiyan" ->
"pezeshkian"), and nothing that changes a consonant. Two forms with one key join only when their
countries agree as well (see ``newsevents.registry.persons``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.names import name_key

#: Small words that acronyms skip ("Organisation of African Unity" -> OAU).
_FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "el", "al", "on", "in", "to", "a"})
_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
#: Letters that have no accent to strip, written as English-language news writes them ("Radosław" is "Radoslaw").
_PLAIN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ß": "ss", "æ": "ae", "Æ": "Ae"})
#: Spellings that transliteration from French or English gives one sound: Zourabichvili and Zurabishvili, Mahmoud and Mahmud.
_SOUNDS = ((re.compile(r"ou"), "u"), (re.compile(r"(?<=[aeiou])ch"), "sh"), (re.compile(r"(?<=\w{3})[ae]h$"), "a"),
           (re.compile(r"(?<=\w)x"), "ks"))  # Haniyeh, Haniya; Alexei, Aleksei
_DOUBLED = re.compile(r"(.)\1+")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady"})

__all__ = ["acronym", "folded", "initials", "is_acronym", "spellings", "person_key", "person_tokens", "slug", "tkey", "word_keys"]


@lru_cache(maxsize=1)
def _titles() -> frozenset[tuple[str, ...]]:
    """Lower-case word tuples of titles and offices written before names (nlp_titles.tsv)."""
    from newsevents.nlp.lexicon import lexicon

    return frozenset(tuple(w.rstrip(".") for w in title) for title in lexicon().titles)  # "Gen Munir" as "Gen. Munir"


def person_tokens(name: str) -> list[str]:
    """The words of a person's name without leading titles: "President Vladimir Putin" -> [Vladimir, Putin]."""
    words = name.replace("’", "'").split()
    titles = _titles()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (4, 3, 2, 1):
            head = tuple(w.lower().rstrip(".") for w in words[:size])
            if size < len(words) and (head in titles or (size == 1 and head[0] in _HONORIFICS)):
                words = words[size:]
                changed = True
                break
    if words and words[-1].lower() in ("'s", "s'"):
        words = words[:-1]
    return [re.sub(r"['’]s$", "", w) for w in words]


@lru_cache(maxsize=1 << 18)
def folded(name: str) -> str:
    """``names.name_key`` of a name, cached: a build folds the same few thousand names hundreds of thousands of times."""
    return name_key(name)


#: Spellings of common Arabic given names that English-language news uses for one name (keys as ``tkey`` folds them).
_GIVEN = {"mohamad": "mohamed", "muhamad": "mohamed", "muhamed": "mohamed", "husain": "husein", "abdala": "abdula", "ibn": "bin"}
#: An Arabic article written as a word of its own inside a name ("Tamim Al Thani") is no part of its key ("al-Thani").
#: Only al/el, and never a name's first word: "Ash Carter", "An Cheol-soo" and "Al Gore" keep theirs.
_ARTICLES = frozenset({"al", "el"})


def tkey(word: str) -> str:
    """Transliteration key of one word: Zelenskiy, Zelensky, Zelenskyy -> zelenski; al-Sisi, el-Sisi -> sisi (no Arabic article);
    Mohammad, Muhammad, Mohammed -> mohamed; Zourabichvili, Zurabishvili -> zurabishvili; Haniyeh, Haniya -> hania; Radosław -> radoslaw."""
    folded = name_key(_without_article(word).translate(_PLAIN_LETTERS)).replace(" ", "")
    for pattern, sound in _SOUNDS:
        folded = pattern.sub(sound, folded)
    folded = folded.replace("y", "i")
    folded = re.sub(r"ii$", "i", folded)
    folded = _DOUBLED.sub(r"\1", folded)
    return _GIVEN.get(folded, folded)


def word_keys(name: str) -> list[str]:
    """``tkey`` of each word of a name, an Arabic article standing alone left out ("Tamim Al Thani" -> tamim, thani)."""
    words = name.split()
    return [tkey(w) for i, w in enumerate(words) if i in (0, len(words) - 1) or w.lower() not in _ARTICLES]


def person_key(name: str) -> str:
    """The key of a whole person name, titles dropped and words run together ("Yoon Suk-yeol" = "Yoon Suk Yeol")."""
    return _DOUBLED.sub(r"\1", "".join(word_keys(" ".join(person_tokens(name)))))


def _without_article(word: str) -> str:
    """A word without a leading Arabic article, which news spells al-, el-, ad- ...: "el-Sisi" -> "Sisi"."""
    lowered = word.lower()
    for particle in _PARTICLES:
        if lowered.startswith(particle) and len(lowered) > len(particle) + 1:
            return word[len(particle) :]
    return word


def is_acronym(text: str) -> bool:
    """True for an all-capital short form: IRGC, NATO, U.N., PML-N."""
    return bool(_ACRONYM.match(re.sub(r"(?<=[A-Z])-(?=[A-Z])", "", text.replace(".", ""))))


def acronym(text: str) -> str:
    """The acronym as letters only: "U.N." -> "UN", "PML-N" -> "PMLN"."""
    return text.replace(".", "").replace("-", "").upper()


def initials(name: str) -> str:
    """Initials of the content words: "Islamic Revolutionary Guard Corps" -> "IRGC"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in _FUNCTION_WORDS]
    return "".join(w[0] for w in words if w[0].isalnum()).upper()


def spellings(name: str) -> set[str]:
    """The acronyms a name may have: its content words' initials, and every word's where a small word counts
    ("Economic Community of West African States" -> ECWAS and ECOWAS)."""
    every = "".join(w[0] for w in re.split(r"[\s\-]+", name) if w and w[0].isalnum() and w.lower() not in ("the", "&")).upper()
    return {initials(name), every}


_ID_KINDS = (
    (re.compile(r"^[A-Z]{3}$"), "country"),
    (re.compile(r"^[A-Z]{3}-[A-Z]{2,4}$"), "agent"),
    (re.compile(r"^person:[a-z0-9]+(?:-[a-z0-9]+)*$"), "person"),
    (re.compile(r"^org:[a-z0-9]+(?:-[a-z0-9]+)*$"), "organisation"),
    (re.compile(r"^group:[a-z0-9]+(?:-[a-z0-9]+)*$"), "group"),
)
ID_SCHEME = "IRN (country), IRN-COP (agent), person:vladimir-putin, org:nato, group:kurds"


def kind_of(actor_id: str) -> str | None:
    """The kind an actor id names by its shape, or None when it fits no shape of the scheme."""
    return next((kind for pattern, kind in _ID_KINDS if pattern.match(actor_id)), None)
