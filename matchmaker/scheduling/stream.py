"""The anytime stream of solve(): a Result for each better schedule, handed to the caller as it is found."""
from __future__ import annotations

from collections.abc import Callable

from matchmaker.scheduling.cpsat import tier_weights
from matchmaker.scheduling.model import Instance, Result, Schedule
from matchmaker.scheduling.quality import total_breaks


class Stream:
    """Remembers the best schedule handed out; hands out a schedule only if it is better (more placed by
    priority tier, then fewer breaks), and always the final result."""

    def __init__(self, instance: Instance, previous: Schedule | None, started: float,
                 on_improvement: Callable[[Result], None] | None):
        self.instance, self.previous, self.started = instance, previous, started
        self.callback = on_improvement
        self.weights = tier_weights(instance) if on_improvement is not None else []
        self.best: tuple[int, int] | None = None

    def _key(self, slots: dict[int, int]) -> tuple[int, int]:
        return sum(self.weights[m] for m in slots), -total_breaks(self.instance, slots)

    def offer(self, slots: dict[int, int], status: str) -> None:
        """Hand `slots` to the caller if it beats every schedule handed out so far."""
        if self.callback is None or not slots and self.best is not None:
            return
        key = self._key(slots)
        if self.best is not None and key <= self.best:
            return
        self.best = key
        from matchmaker.scheduling.solver import build_result  # solver imports this module

        self.callback(build_result(self.instance, dict(slots), self.previous, status, self.started, []))

    def final(self, result: Result) -> None:
        """Hand out the result solve() returns (its status says whether it is proved optimal)."""
        if self.callback is not None:
            self.callback(result)
