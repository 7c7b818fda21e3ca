"""scoring.rounded(): the vectorised round(x, 6) that rank_all uses must equal Python's, bit for bit."""
import numpy as np

from matchmaker.matching.scoring import rounded


def test_rounded_equals_python_round_bit_for_bit():
    rng = np.random.default_rng(7)
    values = np.concatenate([
        rng.random(50_000) * 3, -rng.random(1_000),
        (np.arange(20_000) + 0.5) / 1e6,  # halves of the sixth decimal: the doubtful cases
        np.array([0.0, -0.0, 2.5e-7, 5e-7, 1.5e-6, 0.1234565, 1e7, np.inf, -np.inf])])
    expected = np.array([round(v, 6) for v in values.tolist()])
    assert np.array_equal(rounded(values).view(np.int64), expected.view(np.int64))
