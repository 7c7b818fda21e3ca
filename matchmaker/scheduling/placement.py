"""Which meetings to place when not all can be: weighted MaxSAT (RC2) on the encoding with a soft clause "m is placed"
per meeting, in the caller's process (see solver._placement)."""
from __future__ import annotations

import threading

from pysat.examples.rc2 import RC2

from matchmaker.scheduling.encoding import ENCODINGS, Encoding
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.stopping import NEVER, Stop

# RC2 for the placement runs in the caller's process, stopped by an interrupt (which pysat's CaDiCaL lacks);
# Glucose 3 is as fast on it (0.1-0.7 s on every benchmark instance and variant; CaDiCaL 0.1-1.7 s).
PLACEMENT_SAT_SOLVER = "g3"


def maximise_placement(instance: Instance, weights: list[int], time_limit: float, stop: Stop = NEVER
                       ) -> dict[int, int] | None:
    """The most meetings that can be placed together, weighted by `weights`: RC2 on the encoding with a soft
    clause "m is placed" per meeting instead of the breaks. None if the time limit (or `stop`) interrupted it.

    Core-guided MaxSAT suits events where few meetings must be left out: each core it finds is a set of
    meetings of which one must go. On the benchmark's events with forbidden slots it proves the best placement
    in under a second, where CP-SAT found no proof in 10 s and placed 1-5 fewer; when hundreds must be left
    out it needs as many cores and is slower than CP-SAT (see solver._placement).
    """
    if stop.stopped:
        return None
    everyone = list(range(len(instance.meetings)))
    encoding = Encoding(instance, everyone, **ENCODINGS["exact"], placement=weights)
    with RC2(encoding.wcnf, solver=PLACEMENT_SAT_SOLVER) as rc2:
        timer = threading.Timer(time_limit, rc2.interrupt)
        timer.start()
        try:
            with stop.hook(rc2.interrupt):
                model = None if stop.stopped else rc2.compute(expect_interrupt=True)
        finally:
            timer.cancel()
    return None if model is None else encoding.decode(model)
