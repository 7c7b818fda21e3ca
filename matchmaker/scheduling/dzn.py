"""Reader for the UdG B2B benchmark's MiniZinc data files (.dzn), 1-based there, 0-based here."""
from __future__ import annotations

import re
from pathlib import Path

from matchmaker.scheduling.model import Instance, Meeting, Priority, Slot, Table

SESSIONS = {1: frozenset({"am"}), 2: frozenset({"pm"}), 3: None}


class DznError(ValueError):
    """The file is not a B2B instance in the expected format."""


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("%", 1)[0] for line in text.splitlines())


def _int(text: str, name: str) -> int:
    match = re.search(rf"\b{name}\s*=\s*(-?\d+)\s*;", text)
    if not match:
        raise DznError(f"missing integer {name}")
    return int(match.group(1))


def _block(text: str, name: str) -> str | None:
    """The text between `name = [` and its matching `]`, or None when absent."""
    match = re.search(rf"\b{name}\s*=\s*\[", text)
    if not match:
        return None
    depth, start = 1, match.end()
    for i in range(start, len(text)):
        depth += {"[": 1, "]": -1}.get(text[i], 0)
        if depth == 0:
            return text[start:i]
    raise DznError(f"unterminated array {name}")


def _sets(block: str) -> list[set[int]]:
    return [{int(v) for v in re.findall(r"-?\d+", body)} for body in re.findall(r"\{([^{}]*)\}", block)]


def parse_dzn(text: str, name: str = "") -> Instance:
    """Build an Instance from .dzn text (forbidden, fixed and precedences are optional)."""
    text = _strip_comments(text)
    n_business, n_meetings = _int(text, "nBusiness"), _int(text, "nMeetings")
    n_tables, n_slots, n_morning = _int(text, "nTables"), _int(text, "nTotalSlots"), _int(text, "nMorningSlots")
    if not 0 <= n_morning <= n_slots:
        raise DznError("nMorningSlots must lie between 0 and nTotalSlots")
    if n_tables < 1:  # nobody could meet (an imported event would have no table)
        raise DznError("nTables must be at least 1")
    requested = _block(text, "requested")
    if requested is None:
        raise DznError("missing array requested")
    numbers = [int(v) for v in re.findall(r"-?\d+", requested)]
    if len(numbers) != 3 * n_meetings:
        raise DznError(f"requested holds {len(numbers)} numbers, expected 3 x nMeetings = {3 * n_meetings}")

    fixed_block = _block(text, "fixed")
    fixed = [int(v) for v in re.findall(r"-?\d+", fixed_block)] if fixed_block is not None else [0] * n_meetings
    if len(fixed) != n_meetings:
        raise DznError(f"fixed holds {len(fixed)} values, expected {n_meetings}")
    meetings = []
    for m in range(n_meetings):
        a, b, session = numbers[3 * m:3 * m + 3]
        if not (1 <= a <= n_business and 1 <= b <= n_business) or a == b:
            raise DznError(f"meeting {m + 1} names invalid participants {a}, {b}")
        if session not in SESSIONS:
            raise DznError(f"meeting {m + 1} has session {session}, expected 1, 2 or 3")
        slot = fixed[m]
        if not 0 <= slot <= n_slots:
            raise DznError(f"meeting {m + 1} is fixed to slot {slot}, outside 1..{n_slots}")
        meetings.append(Meeting((a - 1, b - 1), Priority.MUTUAL, SESSIONS[session],
                                fixed_slot=slot - 1 if slot else None, key=str(m + 1)))

    forbidden_block = _block(text, "forbidden")
    forbidden = _sets(forbidden_block) if forbidden_block is not None else [set() for _ in range(n_business)]
    if len(forbidden) != n_business:
        raise DznError(f"forbidden holds {len(forbidden)} sets, expected {n_business}")
    unavailable = tuple(frozenset(s - 1 for s in slots if s > 0) for slots in forbidden)  # {0} means none
    if any(s >= n_slots for slots in unavailable for s in slots):
        raise DznError("forbidden names a slot beyond nTotalSlots")

    precedence_block = _block(text, "precedences")
    precedences: list[tuple[int, int]] = []
    if precedence_block is not None:
        sets = _sets(precedence_block)
        if len(sets) != n_meetings:
            raise DznError(f"precedences holds {len(sets)} sets, expected {n_meetings}")
        for after, befores in enumerate(sets):  # precedences[i]: meetings that must come before meeting i
            precedences.extend((before - 1, after) for before in sorted(befores) if before > 0)

    slots = tuple(Slot(day=0, session="am" if s < n_morning else "pm", label=str(s + 1)) for s in range(n_slots))
    return Instance(n_participants=n_business, slots=slots, tables=tuple(Table(str(t + 1)) for t in range(n_tables)),
                    meetings=tuple(meetings), unavailable=unavailable, precedences=tuple(precedences), name=name)


def read_dzn(path: str | Path) -> Instance:
    """Read a .dzn file; the instance is named after the file (without .dzn)."""
    path = Path(path)
    return parse_dzn(path.read_text(encoding="utf-8"), name=path.name.removesuffix(".dzn"))
