"""The .dzn reader: the benchmark's format, 1-based there and 0-based here."""
from __future__ import annotations

import pytest

from matchmaker.scheduling.dzn import DznError, parse_dzn, read_dzn
from tests.conftest import UDG_INSTANCES

SMALL = """
% two participants' meetings, with every optional array
nBusiness = 3; nMeetings = 3; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;
requested = [| 1, 2, 1 | 2, 3, 2 | 1, 3, 3 |];
forbidden = [{0}, {}, {1, 4}];
fixed = [0, 3, 0];
precedences = [{}, {1}, {}];
"""


def test_parse_small_file():
    instance = parse_dzn(SMALL, "small")
    assert (instance.n_participants, len(instance.meetings), len(instance.tables), len(instance.slots)) == (3, 3, 1, 4)
    assert [s.session for s in instance.slots] == ["am", "am", "pm", "pm"]
    assert [m.participants for m in instance.meetings] == [(0, 1), (1, 2), (0, 2)]
    assert [m.sessions for m in instance.meetings] == [frozenset({"am"}), frozenset({"pm"}), None]
    assert [m.fixed_slot for m in instance.meetings] == [None, 2, None]
    assert instance.unavailable == (frozenset(), frozenset(), frozenset({0, 3}))
    assert instance.precedences == ((0, 1),)
    assert [m.key for m in instance.meetings] == ["1", "2", "3"]


@pytest.mark.parametrize("text, message", [
    ("nBusiness = 2;", "missing integer nMeetings"),
    (SMALL.replace("| 1, 3, 3 |", "|"), "requested holds 6 numbers"),
    (SMALL.replace("1, 2, 1", "1, 1, 1"), "invalid participants"),
    (SMALL.replace("2, 3, 2", "2, 3, 7"), "session 7"),
    (SMALL.replace("fixed = [0, 3, 0]", "fixed = [0, 9, 0]"), "outside 1..4"),
    (SMALL.replace("{1, 4}", "{1, 9}"), "beyond nTotalSlots"),
    (SMALL.replace("nMorningSlots = 2", "nMorningSlots = 5"), "nMorningSlots"),
    (SMALL.replace("nTables = 1", "nTables = 0"), "nTables must be at least 1"),
])
def test_malformed_files_are_clear_errors(text, message):
    with pytest.raises(DznError, match=message):
        parse_dzn(text)


def test_shared_instances_read_as_documented():
    folder = UDG_INSTANCES
    if not folder.is_dir():
        pytest.skip(f"the shared benchmark is not at {folder}")
    instance = read_dzn(folder / "forum-13.original.dzn")
    assert (instance.n_participants, len(instance.meetings), len(instance.tables), len(instance.slots)) == \
        (70, 154, 14, 21)
    assert sum(s.session == "am" for s in instance.slots) == 13
    assert sum(1 for m in read_dzn(folder / "tic-12.fixed020-Forb.dzn").meetings if m.fixed_slot is not None) == 25
    assert len(read_dzn(folder / "tic-12.prec15.dzn").precedences) == 24
    assert len(list(folder.glob("*.dzn"))) == 42
    for path in folder.glob("*.dzn"):
        read_dzn(path)
