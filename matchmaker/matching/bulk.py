"""Bulk work helpers: the engine's fits and rebuilds create hundreds of thousands of small objects at once."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while bulk work allocates many long-lived objects (result lists,
    token lists): its generation-2 passes would rescan the whole heap several times over, and none of these
    objects forms a reference cycle. Reference counting still frees everything as usual. The pause is process-wide:
    in a worker with several job threads the other jobs' cyclic garbage waits for the end of the bulk work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
