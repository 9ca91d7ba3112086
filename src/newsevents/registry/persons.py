"""Join the names of one person across the corpus, conservatively.

1. A name the dictionary lists (by person key, so spellings fold) is that dictionary person.
2. Full names with one person key ("Volodymyr Zelenskiy", "Volodymyr Zelensky") join when their
   countries agree: when the forms of a key show two countries, only forms of one country join
   and forms without a country stay apart.
3. A short form ("Putin", "Mir Mousavi"; titles were dropped already, so "President Putin" and
   "Mr Putin" are "Putin") joins the one person whose longer name holds its words in order and
   ends with its surname — only when exactly one such person is known in the corpus and the
   countries do not disagree. Longer forms are settled first, so "Recep Erdogan" joins "Recep
   Tayyip Erdogan" before "Erdogan" looks for its person. Where names are written family name
   first (``FAMILY_NAME_FIRST``: "Lee Jae-myung", "Wang Yi"), a one-word form also looks for the
   person whose name starts with it ("Mr Lee", "Mr Wang"), and in the Gulf monarchies
   (``GIVEN_NAME_FIRST``) the one person named in full in the corpus whose name is given name,
   "bin" and father's name ("Prince Mohammed" of "Mohammed bin Salman"); the one-person rule still holds. A
   given name and a surname may also be the start of a double surname ("Edmundo Gonzalez" of
   "Edmundo González Urrutia"), with the same rule.
"""

from __future__ import annotations

from collections import defaultdict

from newsevents.registry.keys import folded, person_key, tkey, word_keys
from newsevents.registry.unionfind import Clusters

#: Countries whose people's names are written family name first in English-language news
#: ("Xi Jinping" is Mr Xi, "Kim Jong Un" Mr Kim). Japan is left out: English-language news mostly writes Japanese names given name first.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "KHM"})
#: States whose royals and officials English-language news calls by title and given name ("Prince Mohammed", "Sheikh
#: Tamim"), when the name goes on with "bin" (son of) or "bint" (daughter of).
GIVEN_NAME_FIRST = frozenset({"SAU", "ARE", "QAT", "BHR", "KWT", "OMN"})
#: The word after a given name that says "son of" or "daughter of".
_PATRONYMIC = frozenset({"bin", "bint"})
_MIN_SURNAME = 4  # a shorter word before the last ("bin", "da", "al") is no first surname
#: Words after a surname that tell a father from his son: "Marcos" is the surname of "Ferdinand Marcos Jr.".
_SUFFIXES = frozenset({"jr", "sr", "i", "iv"})  # as tkey folds them: Jr., Sr., II and III, IV


def _subsequence(short: list[str], long: list[str]) -> bool:
    """True when ``short``'s words occur in ``long`` in the same order."""
    it = iter(long)
    return all(word in it for word in short)


def _words(name: str) -> list[str]:
    """Word keys of a name (its titles are dropped when its node is made)."""
    return word_keys(name)


def join_persons(clusters: Clusters, forms: dict[str, str], dictionary: dict[str, list[str]],
                 loose: dict[str, str] | None = None) -> None:  # fmt: skip
    """Join person nodes (node -> name without titles); ``dictionary`` maps dict node -> its names.

    ``loose`` are one-word names of other nodes that may be a surname ("Tshisekedi" the NER took for
    a place): each joins the one person whose name ends with it, as a short form would (rule 3).
    """
    clusters.join_listed(forms, dictionary, person_key)
    _join_spellings(clusters, forms)
    _join_short_forms(clusters, forms, dictionary, loose or {})


def _join_spellings(clusters: Clusters, forms: dict[str, str]) -> None:
    """Rule 2: full names with one key, when their countries agree."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for node, name in sorted(forms.items()):
        if len(name.split()) >= 2:
            by_key[person_key(name)].append(node)
    for nodes in by_key.values():
        if len(nodes) < 2:
            continue
        countries = {clusters.country(n) for n in nodes} - {None}
        for country in sorted(countries) if len(countries) > 1 else [None]:
            members = [n for n in nodes if len(countries) <= 1 or clusters.country(n) == country]
            for node in members[1:]:
                same = folded(forms[node]) == folded(forms[members[0]])
                clusters.union(members[0], node, "name" if same else "transliteration")


def _join_short_forms(clusters: Clusters, forms: dict[str, str], dictionary: dict[str, list[str]], loose: dict[str, str]) -> None:
    """Rule 3: a short form joins the one person whose longer name ends with its surname (``loose``: one-word names of other nodes)."""
    long_forms = [(node, _words(name)) for node, name in forms.items()]
    long_forms += [(d, _words(name)) for d, names in dictionary.items() for name in names]
    by_surname: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    by_first_surname: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    by_family: dict[str, list[str]] = defaultdict(list)
    by_given: dict[str, list[str]] = defaultdict(list)  # "Prince Mohammed" of "Mohammed bin Salman"
    for node, words in long_forms:
        if len(words) >= 3 and words[-1] in _SUFFIXES:
            by_surname[words[-2]].append((node, words[:-1]))  # "Mr Marcos" of "Ferdinand Marcos Jr.", not "Ferdinand Marcos"
        if len(words) >= 2:
            by_surname[tkey(words[-1])].append((node, words))
            by_family[words[0]].append(node)
        if len(words) >= 3 and words[1] in _PATRONYMIC and node in forms:  # named in full in the corpus, not only listed
            by_given[words[0]].append(node)
        if len(words) >= 3 and len(words[-2]) >= _MIN_SURNAME and words[-1] not in _SUFFIXES:
            by_first_surname[words[-2]].append((node, words))
    for node, name in sorted((*forms.items(), *loose.items()), key=lambda item: (-len(item[1].split()), item[0])):
        words = _words(name)
        if not words:
            continue
        country = clusters.country(node)
        candidates = {
            clusters.find(other)
            for other, long_words in by_surname.get(tkey(words[-1]), [])
            if len(long_words) > len(words) and _subsequence(words[:-1], long_words[:-1])
        }
        if len(words) >= 2:  # given name and first surname of a double one: "Edmundo Gonzalez" of "Edmundo González Urrutia"
            candidates |= {clusters.find(other) for other, long_words in by_first_surname.get(tkey(words[-1]), [])
                           if len(long_words) > len(words) and _subsequence(words[:-1], long_words[:-2])}  # fmt: skip
        if len(words) == 1:
            candidates |= {clusters.find(other) for other in by_family.get(words[0], []) if clusters.country(other) in FAMILY_NAME_FIRST}
            candidates |= {clusters.find(other) for other in by_given.get(words[0], []) if clusters.country(other) in GIVEN_NAME_FIRST}
        candidates = {c for c in candidates if country is None or clusters.country(c) in (None, country)}
        if len(candidates) == 1 and clusters.find(node) not in candidates:
            clusters.union(next(iter(candidates)), node, "surname" if len(words) == 1 else "short-form")
