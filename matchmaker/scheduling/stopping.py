"""Stopping a solve before its time limit (a cancelled job): the caller's flag, polled on a thread, ends the phase
that is running (a CP-SAT search, RC2, the wait on the MaxSAT processes) and skips the phases after it.

Once fired, the running phases are told again at every poll until the solve ends: an interrupt can land before the
search it is meant for has started and be lost (CpSolver.stop_search does nothing until Solve has made its search,
which a stop landing just after the hook is entered missed: a repair solve ran 51 s of its 60 in CI)."""
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
            if self._fired.is_set():
                self._interrupt_running()  # again: an interrupt that came before its search started is lost
                continue
            try:
                asked = should_stop()
            except Exception:  # a flag that cannot be read does not stop the solve  # noqa: BLE001
                asked = False
            if asked:
                self.fire()

    def fire(self) -> None:
        """Stop now: every running phase is told, and later phases see `stopped`."""
        self._fired.set()
        self._interrupt_running()

    def _interrupt_running(self) -> None:
        # Under the lock, so that a phase leaving its block waits for a call in progress: an interrupt must never
        # reach a solver already freed (pysat's interrupt on a deleted solver). The interrupts do not block.
        with self._lock:
            for hook in self._hooks:
                try:
                    hook()
                except Exception:  # noqa: BLE001  (a failing interrupt must not keep the others from being told)
                    pass

    @contextmanager
    def hook(self, interrupt: Callable[[], None]) -> Iterator[None]:
        """While the block runs, `interrupt()` is called if the stop fires (at once if it already has), and again at
        every poll after that (it must bear being called more than once)."""
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
