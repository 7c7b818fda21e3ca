"""memory:// rate-limit counters: no thread per hit, counting and expiry unchanged."""
from __future__ import annotations

import threading

from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from matchmaker import rate_limit_storage
from matchmaker.rate_limit_storage import InlinePruningMemoryStorage


def test_memory_uri_uses_the_inline_pruning_storage():
    assert isinstance(storage_from_string("memory://"), InlinePruningMemoryStorage)


def test_hits_start_no_thread_and_still_count(monkeypatch):
    storage = InlinePruningMemoryStorage()  # (MemoryStorage's constructor starts one timer; it is cancelled)
    limiter = FixedWindowRateLimiter(storage)
    started = []
    monkeypatch.setattr(threading.Thread, "start", lambda self: started.append(self))
    limit = RateLimitItemPerSecond(3)
    assert [limiter.hit(limit, "client") for _ in range(4)] == [True, True, True, False]
    assert started == []


def test_expired_counters_are_pruned_inline(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(rate_limit_storage.time, "monotonic", lambda: clock[0])
    storage = InlinePruningMemoryStorage()
    storage.incr("old", expiry=1)
    storage.expirations["old"] = 0  # expired long ago
    clock[0] += rate_limit_storage.PRUNE_EVERY + 0.1
    storage.incr("new", expiry=60)
    assert "old" not in storage.storage and storage.storage["new"] == 1
