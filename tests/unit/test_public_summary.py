"""The public event page's count of organisations by kind never lets a visitor single out who takes part."""
from __future__ import annotations

from matchmaker.services.events_public import visible_summary


def test_kinds_of_at_least_three_are_shown_most_first():
    assert visible_summary([("university", 3), ("sme", 5)]) == [("sme", 5), ("university", 3)]


def test_smaller_kinds_fold_into_other_when_they_reach_three():
    assert visible_summary([("sme", 4), ("university", 2), ("investor", 1)]) == [("sme", 4), ("other", 3)]
    assert visible_summary([("sme", 4), ("university", 1), ("other", 2)]) == [("sme", 4), ("other", 3)]


def test_a_folded_count_under_three_is_left_out():
    assert visible_summary([("sme", 4), ("university", 2)]) == [("sme", 4)]
    assert visible_summary([("sme", 3), ("other", 1), ("investor", 1)]) == [("sme", 3)]


def test_fewer_than_three_in_all_show_nothing():
    assert visible_summary([("sme", 2)]) == []
    assert visible_summary([("sme", 1), ("university", 1)]) == []
    assert visible_summary([]) == []


def test_three_of_different_kinds_are_only_an_other_count():
    assert visible_summary([("sme", 1), ("university", 1), ("investor", 1)]) == [("other", 3)]


def test_the_total_is_stated_from_three_up_so_a_left_out_kind_still_counts():
    from matchmaker.services.events_public import visible_total

    counts = [("sme", 100), ("university", 48), ("investor", 2)]
    assert visible_summary(counts) == [("sme", 100), ("university", 48)] and visible_total(counts) == 150
    assert visible_total([("sme", 1), ("university", 1)]) == 0 and visible_total([]) == 0
    assert visible_total([("sme", 1), ("university", 1), ("investor", 1)]) == 3
