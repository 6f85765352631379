"""Bulk work with Python's cycle collector paused.

Deduping keeps millions of objects alive at once (parsed names, scored pairs, caches),
and Python's cycle collector walks every one of them each time enough new objects have
been made: at 100,000 names that was a quarter of the time, and more the more names are
alive. namekit's bulk work frees what it makes by reference counting (it makes no
cycles worth collecting), so the collector is paused while it runs and resumed after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (or decorated function), then restore it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
