"""Running a command as a child process and measuring it: wall time and peak memory.

namekit's CLI and every anchor are measured the same way: wall time from start to exit,
peak resident memory from the child's own `wait4` rusage (the largest of the child and
the processes it waited for, such as worker pools, not a sampled running maximum), and
CPU time from the same rusage.

Linux counts the memory a process had when it forked (or vforked) towards the peak of
the program it then executes, so a child started straight from this script would
report at least this script's own size, which grows as the benchmark goes. The command
is therefore started by a small launcher (this file run as a script), and the launcher
reports the command's wall time and rusage.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildRun:
    """Wall time, peak resident memory and CPU time of one child process."""

    seconds: float
    peak_mib: float
    # User and system time of the child and the processes it waited for (its workers):
    # on a machine busy with other work, a steadier measure of the work done than wall time.
    cpu_seconds: float = 0.0


class ChildFailed(Exception):
    """The command exited non-zero; the message ends with its stderr."""


class ChildTimedOut(Exception):
    """The command ran past its time limit and was killed."""


def run_child(cmd: list[str], *, time_limit: float | None = None) -> ChildRun:
    """Run a command to its end (or kill it, with its workers, at the time limit)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        # Its own process group, so that a kill also reaches the command and its workers.
        launcher = subprocess.Popen(
            [sys.executable, __file__, *cmd], stdout=out, stderr=err, start_new_session=True
        )
        lock = threading.Lock()
        reaped = False
        killed = threading.Event()

        def kill() -> None:
            with lock:
                if not reaped:
                    killed.set()
                    os.killpg(launcher.pid, signal.SIGKILL)

        timer = threading.Timer(time_limit, kill) if time_limit is not None else None
        if timer is not None:
            timer.start()
        try:
            _, status, _ = os.wait4(launcher.pid, 0)
        except BaseException:  # Ctrl-C: the command is in its own group, so end it too
            kill()
            os.wait4(launcher.pid, 0)
            raise
        finally:
            with lock:
                reaped = True
            if timer is not None:
                timer.cancel()
        if killed.is_set():
            raise ChildTimedOut(f"{' '.join(cmd)} ran past {time_limit:g} s")
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise ChildFailed(f"{' '.join(cmd)} failed ({code}):\n{tail}")
        out.seek(0)
        seconds, peak_kib, cpu = out.read().decode("ascii").split()
    return ChildRun(float(seconds), float(peak_kib) / 1024, float(cpu))


def _launch(cmd: list[str]) -> int:
    """Run the command; print its wall seconds, peak RSS (KiB) and CPU seconds; return its
    exit code."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    print(time.perf_counter() - start, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(_launch(sys.argv[1:]))
