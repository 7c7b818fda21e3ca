"""The home page's counts of organisations by kind agree with their number, in both languages."""
from __future__ import annotations

from matchmaker.taxonomy import KIND_COUNTED, KINDS, kind_counts


def test_every_kind_has_both_forms_in_both_languages():
    assert set(KIND_COUNTED) == set(KINDS.codes())
    assert all(len(forms) == 2 and all(len(pair) == 2 and all(pair) for pair in forms)
               for forms in KIND_COUNTED.values())


def test_the_label_follows_the_count_and_the_language():
    counts = {"large_company": 853, "investor": 1, "public_research_centre": 780, "sme": 0}
    assert kind_counts(counts) == [("large_company", 853, "large companies"),
                                   ("public_research_centre", 780, "public research centres"),
                                   ("investor", 1, "investor")]  # none of a kind: not listed
    assert [label for _code, _n, label in kind_counts(counts, "it")] == [
        "grandi imprese", "centri di ricerca pubblici", "investitore"]
