"""Running a command as a child process and measuring it: wall time and peak memory.

namekit's CLI and every anchor are measured the same way: wall time from start to exit,
and peak resident memory from the child's own `wait4` rusage (the largest of the child
and the processes it waited for, such as worker pools), not a sampled running maximum.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildRun:
    """Wall time and peak resident memory of one child process."""

    seconds: float
    peak_mib: float


class ChildFailed(Exception):
    """The command exited non-zero; the message ends with its stderr."""


class ChildTimedOut(Exception):
    """The command ran past its time limit and was killed."""


def run_child(cmd: list[str], *, time_limit: float | None = None) -> ChildRun:
    """Run a command to its end (or kill it, with its workers, at the time limit)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        # Its own process group, so that a kill also reaches its worker processes.
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        lock = threading.Lock()
        reaped = False
        killed = threading.Event()

        def kill() -> None:
            with lock:
                if not reaped:
                    killed.set()
                    os.killpg(child.pid, signal.SIGKILL)

        timer = threading.Timer(time_limit, kill) if time_limit is not None else None
        if timer is not None:
            timer.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:  # Ctrl-C: the child is in its own group, so end it too
            kill()
            os.wait4(child.pid, 0)
            raise
        finally:
            with lock:
                reaped = True
            if timer is not None:
                timer.cancel()
        seconds = time.perf_counter() - start
        if killed.is_set():
            raise ChildTimedOut(f"{' '.join(cmd)} ran past {time_limit:g} s")
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise ChildFailed(f"{' '.join(cmd)} failed ({code}):\n{tail}")
    return ChildRun(seconds=seconds, peak_mib=usage.ru_maxrss / 1024)  # ru_maxrss is KiB
