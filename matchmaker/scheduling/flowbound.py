"""An upper bound on how many meetings can be placed, by max-flow on a relaxation of the problem.

source → meeting (1) → (owner, slot) (1) → slot (tables) → sink. Each meeting takes one eligible slot, its
owner (the busier of its participants) has at most one meeting per slot, and each slot has its tables. Only the
other participants' conflicts are relaxed, so no schedule can place more meetings than this flow.
"""
from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from matchmaker.scheduling.model import Instance


def placement_upper_bound(instance: Instance) -> int:
    """Maximum flow of the relaxation: no schedule places more meetings."""
    load = [len(ms) for ms in instance.meetings_of()]
    n_meetings, n_slots = len(instance.meetings), len(instance.slots)
    source, first_meeting = 0, 1
    first_slot = first_meeting + n_meetings
    sink = first_slot + n_slots
    pair_node: dict[tuple[int, int], int] = {}
    rows, cols, caps = [], [], []

    def edge(a: int, b: int, capacity: int) -> None:
        rows.append(a)
        cols.append(b)
        caps.append(capacity)

    for m, meeting in enumerate(instance.meetings):
        slots = instance.eligible_slots(m)
        if not slots:
            continue
        owner = max(meeting.participants, key=lambda p: (load[p], -p))
        edge(source, first_meeting + m, 1)
        for s in slots:
            node = pair_node.get((owner, s))
            if node is None:
                node = pair_node[owner, s] = sink + 1 + len(pair_node)
                edge(node, first_slot + s, 1)
            edge(first_meeting + m, node, 1)
    for s in range(n_slots):
        edge(first_slot + s, sink, instance.capacity(s))
    size = sink + 1 + len(pair_node)
    graph = csr_matrix((np.array(caps, dtype=np.int32), (np.array(rows), np.array(cols))), shape=(size, size))
    return int(maximum_flow(graph, source, sink).flow_value)
