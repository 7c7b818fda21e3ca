"""Track record on similar work and the partner network: each profile's funded projects as one summed vector,
and who has worked with whom."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from matchmaker.matching.documents import INVESTOR, ProfileDoc
from matchmaker.matching.index import ProfileIndex
from matchmaker.matching.scoring import HUB_EXPONENT, TRACK_EXPONENT


class Network:
    """track_[i] = sum of the L2-normalised vectors of profile i's projects divided by their number to the power
    TRACK_EXPONENT (so seek · track_[i] sums the cosines of its projects with that seek, damped for big
    generalists); partners_[i, j] = 1 when i and j have worked together; discounted_ is partners_ with row i
    divided by i's number of partners to the power HUB_EXPONENT; standing_[i] = ln(1 + activity) / ln(1 + the largest
    activity), investors and everyone else on separate scales (an investor's activity is its deal count)."""

    def __init__(self, index: ProfileIndex, projects: dict[str, str]):
        self.index = index
        self.projects = projects
        self._vectors: tuple[dict[str, int], sparse.csr_matrix] | None = None

    def size(self) -> int:
        """Rows of the matrices (one per indexed profile)."""
        return self.partners_.shape[0]

    def _project_matrix(self) -> tuple[dict[str, int], sparse.csr_matrix]:
        """Every project's L2-normalised offer-side vector, with the fitted vocabulary (computed once)."""
        if self._vectors is None:
            ids = sorted(self.projects)
            docs = [ProfileDoc(p, "other", offer=self.projects[p]) for p in ids]
            matrix = self.index.transform(docs)[0] if docs else \
                sparse.csr_matrix((0, len(self.index.terms_)), dtype=np.float32)
            self._vectors = ({p: i for i, p in enumerate(ids)}, matrix)
        return self._vectors

    def build(self, docs: list[ProfileDoc]) -> Network:
        """(Re)build both matrices for `docs`, in index order."""
        position, n = self.index.position_, len(self.index.ids_)
        column, projects = self._project_matrix()
        rows, cols, own_rows, own_cols = [], [], [], []
        for doc in docs:
            i = position[doc.id]
            for partner in doc.partners:
                if partner in position:
                    rows.append(i)
                    cols.append(position[partner])
            for project in doc.projects:
                if project in column:
                    own_rows.append(i)
                    own_cols.append(column[project])
        self.partners_ = _ones(rows, cols, (n, n))
        degree = np.asarray(self.partners_.sum(axis=1)).ravel()
        discount = np.where(degree > 0, np.maximum(degree, 1) ** -HUB_EXPONENT, 0).astype(np.float32)
        self.discounted_ = (sparse.diags(discount) @ self.partners_).tocsr()
        own = _ones(own_rows, own_cols, (n, len(column)))
        count = np.asarray(own.sum(axis=1)).ravel()
        damp = np.where(count > 0, np.maximum(count, 1) ** -TRACK_EXPONENT, 0).astype(np.float32)
        self.track_ = (sparse.diags(damp) @ (own @ projects)).astype(np.float32).tocsr()
        for matrix in (self.partners_, self.discounted_, self.track_):  # columns in order (see index._normalized)
            matrix.sort_indices()
        activity = np.zeros(n, dtype=np.float64)
        self.investor_ = np.zeros(n, dtype=bool)
        for doc in docs:
            activity[position[doc.id]] = doc.activity
            self.investor_[position[doc.id]] = doc.side == INVESTOR
        standing = np.zeros(n, dtype=np.float64)
        for group in (self.investor_, ~self.investor_):  # investors' deal counts are on a scale of their own
            top = activity[group].max(initial=0.0)
            if top > 0:
                standing[group] = np.log1p(activity[group]) / np.log1p(top)
        self.standing_ = standing.astype(np.float32)
        return self

    def project_vectors(self, projects: frozenset[str]) -> sparse.csr_matrix | None:
        """The vectors of some projects (None when none of them is known)."""
        column, matrix = self._project_matrix()
        rows = [column[p] for p in sorted(projects) if p in column]
        return matrix[rows] if rows else None


def _ones(rows: list[int], cols: list[int], shape: tuple[int, int]) -> sparse.csr_matrix:
    """A 0/1 matrix with ones at (rows[i], cols[i])."""
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=shape)
    matrix.data[:] = 1.0
    return matrix
