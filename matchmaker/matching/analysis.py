"""Text analysis for Italian and English profiles: accents folded, stop words removed, Snowball stems,
technical tokens (gene names, acronyms, anything with a digit or a hyphen) kept as they are, plus bigrams."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from stop_words import get_stop_words

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*")
LANGUAGES = {"en": "english", "it": "italian"}
# Words that carry no partnering signal in this domain, in both languages.
DOMAIN_STOP = {"project", "projects", "progetto", "progetti", "also", "will", "new", "nuovo", "nuova", "nuovi",
               "within", "based", "well", "use", "used", "using", "via", "per", "can", "may", "eu", "europe",
               "european", "europa", "europeo", "europea"}


def fold(text: str) -> str:
    """Strip accents (perché -> perche) but keep case, which tells acronyms apart."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


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


def terms_and_words(text: str, language: str = "en") -> list[tuple[str, str]]:
    """(term, word) pairs: the term is the stem (or the technical token), the word how it was written."""
    stops, stemmer = stop_words(), _stemmer(language)
    result = []
    for token in TOKEN.findall(fold(text)):
        lower = token.lower()
        if len(lower) < 2 or lower in stops or lower.isdigit():
            continue
        result.append((lower if is_technical(token) else stemmer.stemWord(lower), lower))
    return result


def terms(text: str, language: str = "en") -> list[str]:
    """Unigram terms of `text`: stems for words, lower-cased tokens for technical terms."""
    return [term for term, _ in terms_and_words(text, language)]


def analyze(text: str, language: str = "en", bigrams: bool = True) -> list[str]:
    """Terms of `text` and, with `bigrams`, each adjacent pair joined by a space."""
    unigrams = terms(text, language)
    if not bigrams:
        return unigrams
    return unigrams + [f"{a} {b}" for a, b in zip(unigrams, unigrams[1:])]
