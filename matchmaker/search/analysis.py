"""Text to search terms, the same way for profiles and queries, whatever their language (pure, no Flask).

Accents are folded and each word is indexed under its English and its Italian Snowball stem, so plurals
and the two languages' spellings of shared roots meet ("oncologia" and "oncology" both give "oncolog").
Phrases of the glossary in either language add a concept term ("terapia genica" and "gene therapy" both
give "zcgenetherapy").
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer
from stop_words import get_stop_words

from matchmaker import glossary, taxonomy
from matchmaker.search.glossary import GENERIC_CODES, WORDS, concepts

WORD = re.compile(r"[a-z0-9]+")
CONCEPT_PREFIX = "zc"  # concept terms cannot collide with a stem: no stem starts with it and is that long
MAX_PHRASE = 4
VOCABULARY_OF = {"sector": taxonomy.SECTORS, "therapeutic_area": taxonomy.THERAPEUTIC_AREAS}


def fold(text: str) -> str:
    """Lower case without accents."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    words = {fold(w) for language in ("english", "italian") for w in get_stop_words(language) if len(w) <= 6}
    return frozenset(words)


_EN, _IT = Stemmer.Stemmer("english"), Stemmer.Stemmer("italian")


@lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """The word's English and Italian stems (one when they agree)."""
    en, it = _EN.stemWord(word), _IT.stemWord(word)
    return (en,) if en == it else (en, it)


def words(text: str) -> list[str]:
    """Folded words of `text`, stop words dropped."""
    stop = _stop_words()
    return [w for w in WORD.findall(fold(text)) if w not in stop]


# Function words a glossary phrase may contain ("rilascio di farmaci"); any other stop word keeps the phrase whole.
PHRASE_GLUE = frozenset({"di", "del", "della", "dei", "delle", "per", "e", "of", "the", "for", "and", "a", "in"})


def _phrase_words(phrase: str) -> list[str]:
    return [w for w in WORD.findall(fold(phrase)) if w not in PHRASE_GLUE]


@lru_cache(maxsize=1)
def _phrases() -> dict[str, list[tuple[tuple[frozenset[str], ...], str]]]:
    """First stem -> [(stems of each word of the phrase, concept term)], longest phrases first."""
    index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    for concept, phrases in concepts().items():
        for phrase in phrases:
            keys = tuple(frozenset(stems(w)) for w in _phrase_words(phrase))
            if keys and len(keys) <= MAX_PHRASE:
                for first in keys[0]:
                    index.setdefault(first, []).append((keys, CONCEPT_PREFIX + concept))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def find_concepts(tokens: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, concept term) for every glossary phrase in `tokens` (longest match at each position)."""
    index, found = _phrases(), []
    keys = [stems(t) for t in tokens]
    for i, key in enumerate(keys):
        seen = set()
        for first in key:
            for phrase, concept in index.get(first, ()):
                end = i + len(phrase)
                if concept not in seen and end <= len(keys) and all(
                        set(keys[i + k]) & phrase[k] for k in range(len(phrase))):
                    found.append((i, end, concept))
                    seen.add(concept)
    return found


def document_terms(text: str) -> list[str]:
    """The terms a field of a profile is indexed under: every word's stems, then the concepts it names."""
    tokens = words(text)
    terms = [s for t in tokens for s in stems(t)]
    terms.extend(concept for _, _, concept in find_concepts(tokens))
    return terms


@dataclass(frozen=True)
class Query:
    """A search as groups of alternative terms: a profile matches when it has one term of every group
    (or, when asked, of any group) and every `required` term (the directory's filters)."""

    groups: tuple[tuple[str, ...], ...]
    required: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)


@lru_cache(maxsize=1)
def _translations() -> dict[str, tuple[str, ...]]:
    """Stem -> the stems of the same word in the other language (from the glossary's WORDS)."""
    out: dict[str, set[str]] = {}
    for same in WORDS:
        group = {s for w in same for s in stems(w)}
        for stem in group:
            out.setdefault(stem, set()).update(group)
    return {stem: tuple(sorted(group)) for stem, group in out.items()}


@lru_cache(maxsize=4096)
def concept_terms(token: str) -> tuple[str, ...]:
    """What a query word also accepts through the bilingual glossary (matchmaker.glossary), so that Italian and
    English words of one concept find each other: a word of a concept ("tumore", "cancro", "cuore") also accepts
    the concept's name ("oncolog": "Oncologia", "oncology"); the name itself ("oncologia") also accepts the
    concept's synonym sets ("tumour": tumore, cancro, cancer...)."""
    own = set(stems(token))
    words = (token, *(t for s in own for t in _translations().get(s, ())))
    terms: list[str] = []
    for code in dict.fromkeys(code for code in map(glossary.concept_of, words) if code):
        names, synonyms = _anchors().get(code, ((), ()))
        terms += synonyms if own & set(names) else names
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=1)
def _anchors() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Glossary concept -> (the stems of its one-word taxonomy names in both languages, the search concepts whose
    one-word phrases known to the glossary all belong to it: "tumour" for oncology)."""
    out: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    synonyms: dict[str, list[str]] = {}
    for name, phrases in concepts().items():
        singles = [_phrase_words(p) for p in phrases]
        codes = {glossary.concept_of(w[0]) for w in singles if len(w) == 1} - {None}
        if len(codes) == 1:
            synonyms.setdefault(codes.pop(), []).append(CONCEPT_PREFIX + name)
    for concept in glossary.CONCEPTS:
        labels = [VOCABULARY_OF[facet].label(code, lang) for facet, code in concept.tags
                  if facet in VOCABULARY_OF and code not in GENERIC_CODES for lang in ("en", "it")]
        names = tuple(dict.fromkeys(s for label in labels if len(words(label)) == 1 for s in stems(words(label)[0])))
        if names:
            out[concept.code] = (names, tuple(synonyms.get(concept.code, ())))
    return out


def alternatives(token: str) -> tuple[str, ...]:
    """A query word's stems, those of its translations and its glossary concept's terms."""
    own, translated = stems(token), _translations()
    return tuple(dict.fromkeys([*own, *(t for s in own for t in translated.get(s, ())), *concept_terms(token)]))


def parse_query(text: str) -> Query:
    """Each word becomes a group of its stems and its translations'; a glossary phrase also accepts its concept."""
    tokens = words(text)[:12]
    groups: list[tuple[str, ...]] = [alternatives(t) for t in tokens]
    for start, end, concept in find_concepts(tokens):
        for k in range(start, end):  # every word of the phrase may be met by the concept
            groups[k] = tuple(dict.fromkeys(groups[k] + (concept,)))
    return Query(tuple(dict.fromkeys(groups)))
