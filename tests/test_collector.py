"""Bulk work pauses Python's cycle collector and leaves it as the caller had it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pandas as pd
import pytest

from namekit import compare_frame, dedupe_names


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_dedupe_pauses_the_collector_while_working_and_resumes_it() -> None:
    during: list[bool] = []
    dedupe_names(["Wu Yanan", "Yanan Wu"], progress=lambda *_: during.append(gc.isenabled()))
    assert during and not any(during)
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_caller_that_paused_the_collector_finds_it_paused() -> None:
    gc.disable()
    dedupe_names(["Wu Yanan", "Yanan Wu"])
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_the_collector_resumes_when_the_work_is_interrupted() -> None:
    def interrupt(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        compare_frame(
            pd.DataFrame({"a": ["Wu Yanan"], "b": ["Wu Yenan"]}), "a", "b", progress=interrupt
        )
    assert gc.isenabled()
