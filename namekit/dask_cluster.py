"""Connecting to a Dask cluster, or starting a local one, with one-line errors.

Distributed's own failures are tracebacks and minutes of retries; here a malformed
address, a scheduler that is not running and a worker lost mid-run are each one line.
Dask's loggers are quietened so that stderr carries only namekit's progress and summary.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import CancelledError, Client, LocalCluster
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.comm.core import CommClosedError
from distributed.comm.registry import backends
from distributed.scheduler import KilledWorker

from namekit.errors import ClusterError

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler before giving up
_QUIET_LOGGERS = ("distributed", "dask", "tornado", "bokeh")


@contextmanager
def cluster_client(scheduler: str | None) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster started for the run."""
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    if scheduler is None:
        try:
            cluster = LocalCluster(
                n_workers=os.cpu_count() or 1,
                threads_per_worker=1,  # scoring is pure Python: a process per core, not threads
                processes=True,
                dashboard_address=":0",  # any free port: a taken fixed one prints a warning
                silence_logs=logging.CRITICAL,  # else a worker outliving the run logs its loss
            )
        except (OSError, RuntimeError) as error:
            raise ClusterError(
                f"cannot start a local Dask cluster ({error}). "
                "Start one with `dask scheduler` and `dask worker`, and pass --scheduler."
            ) from None
        try:
            with Client(cluster, set_as_default=False) as client:
                yield client
        finally:
            cluster.close()
        return
    _check_reachable(scheduler)
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(_unreachable(scheduler, str(error))) from None
    with client:
        yield client


def _check_reachable(scheduler: str) -> None:
    """Fail fast, in one line, on an address that is malformed or where nothing listens."""
    try:
        scheme, location = parse_address(scheduler)
        if scheme not in backends or scheme == "inproc":
            raise ValueError(f"unknown scheme '{scheme}'")
        host, port = parse_host_port(location)
    except ValueError as error:
        raise ClusterError(
            f"'{scheduler}' is not a scheduler address ({error}). "
            "Give one like tcp://scheduler-host:8786."
        ) from None
    if scheme == "tcp":
        try:
            socket.create_connection((host, port), timeout=CONNECT_TIMEOUT).close()
        except OSError as error:
            raise ClusterError(_unreachable(scheduler, error.strerror or str(error))) from None


def _unreachable(scheduler: str, detail: str) -> str:
    """The message for a scheduler that does not answer."""
    return (
        f"cannot reach the Dask scheduler at {scheduler} ({detail}). "
        "Check that it is running and the address, or leave out --scheduler for a local cluster."
    )


@contextmanager
def cluster_errors(scheduler: str | None) -> Iterator[None]:
    """Turn a cluster that lost its workers or its connection into a one-line error."""
    where = scheduler or "the local cluster"
    try:
        yield
    except KilledWorker as error:
        raise ClusterError(
            f"a worker of {where} died while running {error.task} (out of memory?). "
            "Give the workers more memory, or use more, smaller input files."
        ) from None
    except (CommClosedError, CancelledError) as error:
        raise ClusterError(
            f"lost the connection to {where} ({error or 'the work was cancelled'})."
        ) from None
