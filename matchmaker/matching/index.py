"""A field-weighted TF-IDF index with two sides per profile: what it offers and what it seeks."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from matchmaker.matching.analysis import analyze, terms_and_words, written_phrases
from matchmaker.matching.bulk import gc_paused
from matchmaker.matching.counting import count_terms
from matchmaker.matching.documents import ProfileDoc


@dataclass(frozen=True)
class FieldWeights:
    """How much each text field counts on each side (each field's vector is normalised first)."""

    offer: float = 1.0
    seek: float = 1.0
    keywords: float = 0.6
    description: float = 0.3


FIELDS = ("offer", "seek", "keywords", "description")
EMPTY = "<empty>"  # the placeholder term of a directory without text (the analyzer never yields it)


class ProfileIndex:
    """fit(docs) learns the vocabulary and IDF and builds the offer-side and seek-side matrices.

    A profile without "seek" text lets its "offer" text stand for its interests (imported CORDIS profiles).
    """

    def __init__(self, weights: FieldWeights = FieldWeights(), bigrams: bool = True, min_df: int = 2,
                 max_df: float = 0.5):
        self.weights = weights
        self.bigrams = bigrams
        self.min_df = min_df
        self.max_df = max_df

    def _fields(self, doc: ProfileDoc) -> dict[str, list[str]]:
        return {name: analyze(getattr(doc, name), doc.language, self.bigrams)
                for name in FIELDS}

    def fit(self, docs: list[ProfileDoc]) -> ProfileIndex:
        """Learn the vocabulary and IDF on every field of every profile; build both sides.

        One counting pass over every field of every profile: a term's document frequency is the number of
        profiles that use it in any field, and the IDF is scikit-learn's smooth one, ln((1 + n) / (1 + df)) + 1.
        """
        with gc_paused():  # bulk work: token lists, term tuples
            return self._fit(docs)

    def _fit(self, docs: list[ProfileDoc]) -> ProfileIndex:
        counts, spell = count_terms([getattr(doc, name) for doc in docs for name in FIELDS],
                                    [doc.language for doc in docs for _ in FIELDS], self.bigrams)
        width = counts.shape[1]
        # The same entries grouped by profile (a profile's fields are consecutive rows): document frequencies.
        profiles = sparse.csr_matrix((counts.data.copy(), counts.indices.copy(), counts.indptr[::len(FIELDS)].copy()),
                                     shape=(len(docs), width))
        profiles.sum_duplicates()
        df = np.bincount(profiles.indices, minlength=width)
        # min_df/max_df prune noise in a real directory; a handful of profiles keeps every term.
        min_df, max_df = (1, 1.0) if len(docs) < 50 else (self.min_df, self.max_df)
        used = np.flatnonzero((df >= max(min_df, 1)) & (df <= max_df * len(docs)))
        spelled = sorted(zip(map(spell, used.tolist()), used.tolist()))
        terms = [term for term, _ in spelled]
        old_columns = np.array([column for _, column in spelled], dtype=np.int64)
        idf = np.log((1 + len(docs)) / (1 + df[old_columns])) + 1
        remap = np.full(width, -1, dtype=np.int64)
        remap[old_columns] = np.arange(len(terms))
        if not terms:  # no text yet: one column that no profile uses keeps every matrix well-formed
            terms, idf = [EMPTY], np.ones(1)
        self.vocabulary_ = {term: column for column, term in enumerate(terms)}
        self.terms_ = np.array(terms, dtype=object)
        self.idf_ = idf.astype(np.float32)
        fields = _by_field(_weigh(_remap_columns(counts, remap, len(terms)), self.idf_))
        self._surface_docs, self._surface, self._phrases = docs[:5000], None, None  # written forms, when needed
        self.ids_ = [doc.id for doc in docs]
        self.position_ = {doc_id: i for i, doc_id in enumerate(self.ids_)}
        self.offer_, self.seek_ = self._sides(fields)
        return self

    @staticmethod
    def _surfaces(docs: list[ProfileDoc], sample: int = 5000) -> tuple[dict[str, str], dict[str, str]]:
        """The most frequent written form of each stem, for readable reasons, and of each bigram written as a
        phrase (from up to `sample` profiles)."""
        counts: dict[str, Counter] = defaultdict(Counter)
        written: dict[str, Counter] = defaultdict(Counter)
        for doc in docs[:sample]:
            for text in (doc.offer[:3000], doc.seek, doc.keywords):
                for term, word in terms_and_words(text, doc.language):
                    counts[term][word] += 1
                for term, words in written_phrases(text, doc.language):
                    written[term][words] += 1
        return ({term: words.most_common(1)[0][0] for term, words in counts.items()},
                {term: words.most_common(1)[0][0] for term, words in written.items()})

    def _written_forms(self) -> tuple[dict[str, str], dict[str, str]]:
        if self._surface is None or getattr(self, "_phrases", None) is None:
            self._surface, self._phrases = self._surfaces(self._surface_docs)
        return self._surface, self._phrases

    def readable(self, term: str) -> str:
        """A stem (or a bigram of stems) as people wrote it (a bigram as its words were most often written)."""
        surface, written = self._written_forms()
        if term in written:
            return written[term]
        return " ".join(surface.get(part, part) for part in term.split(" "))

    def is_phrase(self, term: str) -> bool:
        """False for a bigram whose words were never written next to each other ("target contribute" from
        "target, and contribute"): a reason must not show it. Unigrams and concepts are always True."""
        return term in self._written_forms()[1] or " " not in term

    def _vectors(self, analysed: list[dict[str, list[str]]]) -> dict[str, sparse.csr_matrix]:
        """Each field's TF-IDF rows (sublinear TF, L2-normalised) with the fitted vocabulary."""
        counts = _count([fields[name] for fields in analysed for name in FIELDS], self.vocabulary_.get,
                        len(self.vocabulary_))
        return _by_field(_weigh(counts, self.idf_))

    def _sides(self, fields: dict[str, sparse.csr_matrix]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        w = self.weights
        offer_text, seek_text = fields["offer"], fields["seek"]
        offer = w.offer * offer_text + w.keywords * fields["keywords"] + w.description * fields["description"]
        # No seek text: the offer stands for the interests.
        no_seek = np.asarray(seek_text.getnnz(axis=1) == 0)
        seek_source = seek_text + sparse.diags(no_seek.astype(np.float32)) @ offer_text
        seek = w.seek * seek_source + w.keywords * fields["keywords"]
        return _normalized(offer), _normalized(seek)

    def transform(self, docs: list[ProfileDoc]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Offer-side and seek-side vectors of new or edited profiles, with the fitted vocabulary."""
        return self._sides(self._vectors([self._fields(doc) for doc in docs]))

    def replace(self, docs: list[ProfileDoc]) -> None:
        """Insert or update profiles (vocabulary and IDF unchanged until the next fit)."""
        offer, seek = self.transform(docs)
        for row, doc in enumerate(docs):
            i = self.position_.get(doc.id)
            if i is None:  # new profile: append a row
                self.position_[doc.id] = len(self.ids_)
                self.ids_.append(doc.id)
                self.offer_ = sparse.vstack([self.offer_, offer[row]], format="csr")
                self.seek_ = sparse.vstack([self.seek_, seek[row]], format="csr")
            else:  # edited profile: splice its row in (C-level copies, no format round trip)
                self.offer_ = _splice(self.offer_, i, offer[row])
                self.seek_ = _splice(self.seek_, i, seek[row])

    def terms(self) -> np.ndarray:
        """The vocabulary, indexed like the matrices' columns."""
        return self.terms_


def _splice(matrix: sparse.csr_matrix, i: int, row: sparse.csr_matrix) -> sparse.csr_matrix:
    """`matrix` with row i replaced by `row`."""
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    data = np.concatenate([matrix.data[:start], row.data, matrix.data[end:]]).astype(np.float32)
    indices = np.concatenate([matrix.indices[:start], row.indices, matrix.indices[end:]])
    indptr = matrix.indptr.copy()
    indptr[i + 1:] += row.nnz - (end - start)
    return sparse.csr_matrix((data, indices, indptr), shape=matrix.shape)


def _count(lists: list[list[str]], column: Callable[[str], int | None], width: int | None) -> sparse.csr_matrix:
    """Term counts, one row per token list. `column` maps a term to its column (None: not in the vocabulary);
    `width` is the number of columns (None: as many as the largest column seen)."""
    indices: list[int] = []
    indptr = [0]
    for tokens in lists:
        indices.extend(c for c in map(column, tokens) if c is not None)
        indptr.append(len(indices))
    columns = np.asarray(indices, dtype=np.int64)
    if width is None:
        width = int(columns.max()) + 1 if columns.size else 0
    counts = sparse.csr_matrix((np.ones(columns.size, dtype=np.float32), columns, np.asarray(indptr, dtype=np.int64)),
                               shape=(len(lists), width))
    counts.sum_duplicates()
    return counts


def _by_field(rows: sparse.csr_matrix) -> dict[str, sparse.csr_matrix]:
    """Split rows laid out profile by profile, field by field, into one matrix per field."""
    return {name: rows[f::len(FIELDS)] for f, name in enumerate(FIELDS)}


def _remap_columns(matrix: sparse.csr_matrix, remap: np.ndarray, width: int) -> sparse.csr_matrix:
    """`matrix` with column c moved to remap[c]; columns mapped to -1 are dropped."""
    new = remap[matrix.indices]
    kept = new >= 0
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))[kept]
    indptr = np.zeros(matrix.shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=matrix.shape[0]), out=indptr[1:])
    result = sparse.csr_matrix((matrix.data[kept], new[kept], indptr), shape=(matrix.shape[0], width))
    result.sort_indices()
    return result


def _weigh(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear TF (1 + ln count) times IDF, each row L2-normalised (scikit-learn's TfidfVectorizer weighting)."""
    weighted = counts.copy()
    weighted.data = ((1 + np.log(weighted.data)) * idf[weighted.indices]).astype(np.float32)
    return _normalized(weighted)


def _normalized(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    """Rows L2-normalised, as float32 CSR with each row's columns in ascending order (an empty directory has no
    rows: scikit-learn refuses those). The order makes every product of two rows sum its terms column by column,
    whichever path computes it (see products.row_dots)."""
    if matrix.shape[0] == 0:
        return sparse.csr_matrix(matrix.shape, dtype=np.float32)
    result = normalize(matrix).astype(np.float32).tocsr()
    result.sort_indices()
    return result
