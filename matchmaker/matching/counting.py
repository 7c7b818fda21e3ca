"""Term counts of many texts at once (the fit's hot path): each token is mapped to an integer term id through
per-token caches and each bigram is a pair of ids, so only the terms that survive pruning are ever spelled out.

The counts are exactly those of analysis.analyze() (unigrams, glossary concepts, bigrams of adjacent unigrams):
unigrams never contain a space nor start with "~", concepts start with "~" and bigrams contain a space, so a
term id, a concept id and a pair of unigram ids never spell the same term."""
from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import chain

import numpy as np
from scipy import sparse

from matchmaker.matching.analysis import TOKEN, concept_term, fold, term_of

_CAP = 500_000  # distinct terms kept between fits (a long-running process never grows without bound)
_LOCK = threading.Lock()


class _Interned(dict):
    """term -> id; a new term gets the next id, spelled[id] is the term."""

    def __init__(self) -> None:
        super().__init__()
        self.spelled: list[str] = []

    def __missing__(self, term: str) -> int:
        value = self[term] = len(self.spelled)
        self.spelled.append(term)
        return value


class _TokenCodes(dict):
    """token as written -> both its term ids in one integer, computed once per token: (unigram id + 1) << 32 |
    (glossary concept id + 1), 0 in either half meaning no such term (one dictionary lookup per token)."""

    def __init__(self, interned: _Interned, language: str) -> None:
        super().__init__()
        self.interned, self.language = interned, language

    def __missing__(self, token: str) -> int:
        term, concept = term_of(token, self.language), concept_term(token)
        value = self[token] = (0 if term is None else self.interned[term] + 1) << 32 | \
            (0 if concept is None else self.interned[concept] + 1)
        return value


_INTERNED = _Interned()
_CODES: dict[str, _TokenCodes] = {}


def _codes(language: str) -> _TokenCodes:
    if language not in _CODES:
        _CODES[language] = _TokenCodes(_INTERNED, language)
    return _CODES[language]


def count_terms(texts: list[str], languages: list[str], bigrams: bool = True
                ) -> tuple[sparse.csr_matrix, Callable[[int], str]]:
    """Term counts of `texts` (one row each, analysed in the matching entry of `languages`) and a function that
    spells a column's term. Columns are ids private to this call; empty columns may exist."""
    global _INTERNED
    with _LOCK:
        if len(_INTERNED.spelled) > _CAP:
            _INTERNED = _Interned()
            _CODES.clear()
        token_lists = [TOKEN.findall(fold(text)) for text in texts]
        total = sum(map(len, token_lists))
        text_of = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) for t in token_lists])
        codes = np.fromiter(chain.from_iterable(map(_codes(language).__getitem__, tokens)
                                                for tokens, language in zip(token_lists, languages)),
                            dtype=np.int64, count=total)
        spelled = _INTERNED.spelled[:]
    unigram, concept = (codes >> 32) - 1, (codes & 0xFFFFFFFF) - 1
    width = len(spelled)
    kept = unigram >= 0
    ids, owners = unigram[kept], text_of[kept]
    rows, cols = [owners, text_of[concept >= 0]], [ids, concept[concept >= 0]]
    pairs = np.zeros(0, dtype=np.int64)
    if bigrams and ids.size > 1:
        same = owners[1:] == owners[:-1]
        pairs, inverse = np.unique(ids[:-1][same] * width + ids[1:][same], return_inverse=True)
        rows.append(owners[1:][same])
        cols.append(width + inverse.ravel())
    row, col = np.concatenate(rows), np.concatenate(cols)
    counts = sparse.csr_matrix((np.ones(row.size, dtype=np.float32), (row, col)),
                               shape=(len(texts), width + pairs.size))
    counts.sum_duplicates()

    def spell(column: int) -> str:
        if column < width:
            return spelled[column]
        first, second = divmod(int(pairs[column - width]), width)
        return f"{spelled[first]} {spelled[second]}"

    return counts, spell
