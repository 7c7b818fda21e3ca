"""A field-weighted TF-IDF index with two sides per profile: what it offers and what it seeks."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from collections import Counter, defaultdict

from matchmaker.matching.analysis import analyze, terms_and_words
from matchmaker.matching.documents import ProfileDoc


@dataclass(frozen=True)
class FieldWeights:
    """How much each text field counts on each side (each field's vector is normalised first)."""

    offer: float = 1.0
    seek: float = 1.0
    keywords: float = 0.6
    description: float = 0.3


def _identity(tokens: list[str]) -> list[str]:
    return tokens


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
                for name in ("offer", "seek", "keywords", "description")}

    def fit(self, docs: list[ProfileDoc]) -> ProfileIndex:
        """Learn the vocabulary on every field of every profile; build both sides."""
        analysed = [self._fields(doc) for doc in docs]
        corpus = [sum(fields.values(), []) for fields in analysed]
        # min_df/max_df prune noise in a real directory; a handful of profiles keeps every term.
        small = len(docs) < 50
        self.vectorizer_ = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=1 if small else self.min_df,
                                           max_df=1.0 if small else self.max_df, dtype=np.float32)
        self.vectorizer_.fit(corpus if any(corpus) else [["<empty>"]])
        self.surface_ = self._surfaces(docs)
        self.terms_ = self.vectorizer_.get_feature_names_out()
        self.ids_ = [doc.id for doc in docs]
        self.position_ = {doc_id: i for i, doc_id in enumerate(self.ids_)}
        self.offer_, self.seek_ = self._sides(analysed)
        return self

    @staticmethod
    def _surfaces(docs: list[ProfileDoc], sample: int = 5000) -> dict[str, str]:
        """The most frequent written form of each stem, for readable reasons (from up to `sample` profiles)."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for doc in docs[:sample]:
            for text in (doc.offer[:3000], doc.seek, doc.keywords):
                for term, word in terms_and_words(text, doc.language):
                    counts[term][word] += 1
        return {term: words.most_common(1)[0][0] for term, words in counts.items()}

    def readable(self, term: str) -> str:
        """A stem (or a bigram of stems) as people wrote it."""
        return " ".join(self.surface_.get(part, part) for part in term.split(" "))

    def _field_matrix(self, analysed: list[dict[str, list[str]]], name: str) -> sparse.csr_matrix:
        return normalize(self.vectorizer_.transform([fields[name] for fields in analysed]))

    def _sides(self, analysed: list[dict[str, list[str]]]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        w = self.weights
        offer_text = self._field_matrix(analysed, "offer")
        seek_text = self._field_matrix(analysed, "seek")
        keywords = self._field_matrix(analysed, "keywords")
        description = self._field_matrix(analysed, "description")
        offer = w.offer * offer_text + w.keywords * keywords + w.description * description
        # No seek text: the offer stands for the interests.
        no_seek = np.asarray(seek_text.getnnz(axis=1) == 0)
        seek_source = seek_text + sparse.diags(no_seek.astype(np.float32)) @ offer_text
        seek = w.seek * seek_source + w.keywords * keywords
        return normalize(offer).astype(np.float32).tocsr(), normalize(seek).astype(np.float32).tocsr()

    def transform(self, docs: list[ProfileDoc]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Offer-side and seek-side vectors of new or edited profiles, with the fitted vocabulary."""
        return self._sides([self._fields(doc) for doc in docs])

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
