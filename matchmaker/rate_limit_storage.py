"""The rate limits' in-process counters without a thread per hit.

limits' MemoryStorage starts a timer thread (0.01 s) to prune expired counters whenever the last one has ended: under
load that is a new thread for most rate-limited requests (the API, the login), about as much CPU as the request's
own database work. This subclass prunes inline, at most once a second; counting is unchanged (each read checks
its counter's expiry itself). Declaring the "memory" scheme makes `memory://` (RATELIMIT_STORAGE_URI's default)
use it: limits registers storages by their STORAGE_SCHEME.
"""
from __future__ import annotations

import time

from limits.storage import MemoryStorage

PRUNE_EVERY = 1.0  # seconds


class InlinePruningMemoryStorage(MemoryStorage):
    """MemoryStorage whose expired entries are pruned by the requests themselves, not by timer threads."""

    STORAGE_SCHEME = ["memory"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.timer.cancel()  # the one MemoryStorage starts in __init__
        self._next_prune = 0.0

    def _MemoryStorage__schedule_expiry(self) -> None:  # noqa: N802  (overrides the name-mangled private method)
        now = time.monotonic()
        if now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY
            self._MemoryStorage__expire_events()

    def __setstate__(self, state) -> None:
        super().__setstate__(state)
        self.timer.cancel()
        self._next_prune = 0.0
