"""Stopping a solve before its time limit (a cancelled job): the caller's flag, polled on a thread, ends the phase
that is running (a CP-SAT search, RC2, the wait on the MaxSAT processes) and skips the phases after it."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

POLL_SECONDS = 0.25  # how often the caller's flag is read (a cancelled job stops within about this long)


class Stop:
    """`should_stop()` (None: never) read every POLL_SECONDS until closed; `stopped` once it has said yes."""

    def __init__(self, should_stop: Callable[[], bool] | None = None, poll: float = POLL_SECONDS) -> None:
        self._fired = threading.Event()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._hooks: list[Callable[[], None]] = []
        self._thread: threading.Thread | None = None
        if should_stop is not None:
            self._thread = threading.Thread(target=self._watch, args=(should_stop, poll), daemon=True,
                                            name="scheduling-stop")
            self._thread.start()

    @property
    def stopped(self) -> bool:
        return self._fired.is_set()

    def _watch(self, should_stop: Callable[[], bool], poll: float) -> None:
        while not self._closed.wait(poll):
            try:
                asked = should_stop()
            except Exception:  # a flag that cannot be read does not stop the solve  # noqa: BLE001
                asked = False
            if asked:
                self.fire()
                return

    def fire(self) -> None:
        """Stop now: every running phase is told, and later phases see `stopped`."""
        with self._lock:
            self._fired.set()
            hooks = list(self._hooks)
        for hook in hooks:
            hook()

    @contextmanager
    def hook(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """While the block runs, `interrupt()` is called if the stop fires (at once if it already has)."""
        with self._lock:
            self._hooks.append(interrupt)
            fired = self._fired.is_set()
        if fired:
            interrupt()
        try:
            yield
        finally:
            with self._lock:
                self._hooks.remove(interrupt)

    def close(self) -> None:
        """End the polling thread (the solve is over)."""
        self._closed.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=1)


NEVER = Stop()  # for callers that cannot be stopped
