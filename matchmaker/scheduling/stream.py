"""The anytime stream of solve(): a Result for each better schedule, handed to the caller as it is found."""
from __future__ import annotations

from collections.abc import Callable

from matchmaker.scheduling.cpsat import tier_weights
from matchmaker.scheduling.model import Instance, Result
from matchmaker.scheduling.quality import total_breaks


class Stream:
    """Hands a schedule to the caller only if it is better than every one handed out so far (more placed by
    priority tier, then fewer breaks), and always the final result. `build` turns a meeting -> slot mapping and
    a status into a Result (tables, reasons, report)."""

    def __init__(self, instance: Instance, on_improvement: Callable[[Result], None] | None,
                 build: Callable[[dict[int, int], str], Result]):
        self.instance, self.callback, self.build = instance, on_improvement, build
        self.weights = tier_weights(instance) if on_improvement is not None else []
        self.best: tuple[int, int] | None = None

    def offer(self, slots: dict[int, int], status: str) -> None:
        """Hand `slots` to the caller if it beats every schedule handed out so far."""
        if self.callback is None:
            return
        key = sum(self.weights[m] for m in slots), -total_breaks(self.instance, slots)
        if self.best is not None and key <= self.best:
            return
        self.best = key
        self.callback(self.build(dict(slots), status))

    def final(self, result: Result) -> None:
        """Hand out the result solve() returns (its status says whether it is proved optimal)."""
        if self.callback is not None:
            self.callback(result)
