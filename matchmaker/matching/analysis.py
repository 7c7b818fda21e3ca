"""Text analysis for Italian and English profiles: accents folded, stop words removed (both languages and
funding-programme boilerplate), Snowball stems tagged by language, technical tokens (gene names, acronyms,
anything with a digit or a hyphen) kept as they are, glossary concepts, plus bigrams.

Italian and English meet on technical tokens and glossary concepts ("tumore" and "cancer" both yield
~oncology), never on stems: an Italian stem is "it:univers", so "università" never matches "universe"."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from stop_words import get_stop_words

from matchmaker import glossary

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*")
# Tokens plus the punctuation that ends a phrase (punctuation, like every single character, has no term).
PHRASE = re.compile(TOKEN.pattern + r"|[.,;:!?()\[\]]")
LANGUAGES = {"en": "english", "it": "italian"}
# Words that carry no partnering signal in this domain, in both languages: funding-programme boilerplate.
DOMAIN_STOP = set("""
project projects progetto progetti also will new nuovo nuova nuovi within based well use used using via per can may
eu europe european europa europeo europea horizon h2020 programme programmes program programma programmi
consortium consortia consorzio aim aims aimed aiming objective objectives obiettivo obiettivi overall partner
partners partenariato profile profiles profilo result results risultato risultati activity activities attivita
task tasks work package packages wp deliverable deliverables call calls bando bandi proposal proposals funding
funded grant grants matchmaker stakeholder stakeholders dissemination exploitation communication action actions
impact impacts approach approaches ambition ambitious novel key main field fields including include includes
towards furthermore moreover thus therefore however among various different several specific specifically
provide provides providing develop developed developing development sviluppo sviluppare ensure enable enables
support supports supporting achieve address addresses need needs first one two three years year month months
""".split())


def fold(text: str) -> str:
    """Strip accents (perché -> perche) but keep case, which tells acronyms apart; other non-ASCII characters
    (which the tokenizer ignores anyway) are dropped."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English and Italian stop words (both: Italian profiles often mix in English), accent-folded."""
    words = set(DOMAIN_STOP)
    for language in LANGUAGES.values():
        words.update(fold(w).lower() for w in get_stop_words(language))
    return frozenset(words)


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(LANGUAGES.get(language, "english"))


def is_technical(token: str) -> bool:
    """Acronyms and identifiers such as BRCA1, CAR-T, IL-6, mRNA-1273, CRISPR: never stemmed."""
    return any(c.isdigit() for c in token) or "-" in token or "/" in token or (token.isupper() and len(token) > 1)


def term_of(token: str, language: str) -> str | None:
    """The term of one token as written, or None for a stop word, a number or a single character. Stems of
    Italian words carry an "it:" tag so that they never meet an unrelated English stem."""
    lower = token.lower()
    if len(lower) < 2 or lower in stop_words() or lower.isdigit():
        return None
    if is_technical(token):
        return lower
    stem = _stemmer(language).stemWord(lower)
    return stem if language != "it" else "it:" + stem


def concept_term(token: str) -> str | None:
    """The glossary concept term ("~oncology") of one token as written, or None."""
    code = glossary.concept_of(token.lower())
    return glossary.CONCEPT_PREFIX + code if code else None


_CONCEPTS: dict[str, str | None] = {}


def _concepts_of(tokens: list[str]) -> list[str]:
    if len(_CONCEPTS) > _TERMS_CAP:
        _CONCEPTS.clear()
    found = []
    for token in tokens:
        concept = _CONCEPTS.get(token, _MISSING)
        if concept is _MISSING:
            concept = _CONCEPTS[token] = concept_term(token)
        if concept is not None:
            found.append(concept)
    return found


def concepts(text: str) -> list[str]:
    """The glossary concepts met in `text`, one term ("~oncology") per word that belongs to one."""
    return _concepts_of(TOKEN.findall(fold(text)))


# token as written -> term, per language. A profile's words repeat across the directory, so nearly every token is
# a dictionary hit; the cap keeps a long-running process from growing without bound.
_TERMS: dict[str, dict[str, str | None]] = {}
_TERMS_CAP = 500_000
_MISSING = object()


def _terms_of(tokens: list[str], language: str) -> list[str | None]:
    cache = _TERMS.setdefault(language, {})
    if len(cache) > _TERMS_CAP:
        cache.clear()
    result = []
    for token in tokens:
        term = cache.get(token, _MISSING)
        if term is _MISSING:
            term = cache[token] = term_of(token, language)
        result.append(term)
    return result


def terms_and_words(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(term, word) pairs: the term is the stem (or the technical token), the word how it was written."""
    tokens = TOKEN.findall(fold(text))
    return [(term, _written(token)) for token, term in zip(tokens, _terms_of(tokens, language)) if term is not None]


@lru_cache(maxsize=200_000)
def _written(token: str) -> str:
    """How a reason shows a token: technical ones as written (MRI, CAR-T), words in lower case."""
    return token if is_technical(token) else token.lower()


def written_phrases(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(bigram, written words) for the bigrams of `text` whose two words were written next to each other (no stop
    word, number or punctuation between them): "drug discovery" in "drug discovery, models" but not "discovery
    model" ("models" follows a comma). The index's bigrams join terms across dropped words; reasons show only
    these, as written ("medicinal chemistry", not the stems' most frequent forms "medicine chemistry")."""
    tokens = PHRASE.findall(fold(text))
    every = _terms_of(tokens, language)
    return [(f"{a} {b}", f"{_written(x)} {_written(y)}")
            for a, b, x, y in zip(every, every[1:], tokens, tokens[1:]) if a is not None and b is not None]


def phrases(text: str, language: str = "en") -> list[str]:
    """The bigrams of `text` whose two words were written next to each other (see written_phrases)."""
    return [term for term, _ in written_phrases(text, language)]


def terms(text: str, language: str = "en") -> list[str]:
    """Unigram terms of `text`: stems for words, lower-cased tokens for technical terms."""
    return [term for term in _terms_of(TOKEN.findall(fold(text)), language) if term is not None]


def analyze(text: str, language: str = "en", bigrams: bool = True) -> list[str]:
    """Terms of `text` and, with `bigrams`, each adjacent pair joined by a space."""
    tokens = TOKEN.findall(fold(text))
    unigrams = [term for term in _terms_of(tokens, language) if term is not None]
    if not bigrams:
        return unigrams + _concepts_of(tokens)
    return unigrams + _concepts_of(tokens) + [f"{a} {b}" for a, b in zip(unigrams, unigrams[1:])]
