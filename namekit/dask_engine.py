"""`namekit dedupe --engine dask`: the same dedupe, with the heavy stages on a Dask cluster.

It runs the stages of `dedupe_names` (`dedupe.py`) and changes only where some of them
run. The workers read the input's partitions and count their names, parse the distinct
names and score the candidate pairs (in chunks, against the parsed names sent to every
worker once), and put each row's person onto its partition. The driver (this process)
keeps what needs all names at once: the distinct names with their row counts, candidate
generation, and clustering the scored pairs into people. It also writes the output, one
partition at a time. The same functions on the same names give the same people as the
local engine. Without a scheduler address a LocalCluster with one worker per core is
started for the run.
"""

from __future__ import annotations

import pickle
from collections import Counter, deque
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from namekit.errors import MissingDependencyError

try:
    import dask
    from distributed import Client, Future, as_completed
except ImportError:  # an extra: say how to install it rather than fail with a traceback
    raise MissingDependencyError("--engine dask needs Dask: pip install 'namekit[dask]'") from None

from namekit.aliases import AliasIndex, load_aliases
from namekit.candidates import Scored, without_details
from namekit.dask_cluster import cluster_client, cluster_errors
from namekit.dask_io import check_output, open_dataset, write_output
from namekit.dedupe import (
    OUTPUT_COLUMNS,
    Progress,
    Samples,
    WrittenResult,
    context_samples,
    count_names,
    merge_samples,
    resolve_counts,
    row_assignments,
    suggestions_frame,
    with_context,
    with_output_columns,
)
from namekit.normalize import ParsedName, parse_name
from namekit.resolution import Assignment
from namekit.scoring import NameMatch, score_parsed
from namekit.tables import require_column, require_free_columns, text_cells

_PARSE_CHUNK = 5_000
_SCORE_CHUNK = 5_000

Pairs = npt.NDArray[np.int64]


def dedupe_dataset(
    source: str,
    column: str,
    *,
    output: str,
    suggestions_path: Path,
    scheduler: str | None = None,
    aliases: AliasIndex | None = None,
    score_cutoff: float | None = None,
    review_cutoff: float | None = None,
    explain: bool = False,
    context: Sequence[str] = (),
    encoding: str | None = None,
    progress: Progress | None = None,
) -> WrittenResult:
    """Dedupe a file, glob or Parquet folder on a Dask cluster and write the result.

    `output` is a file (CSV, TSV or Parquet by extension), `-` for stdout, or a folder
    for one part per partition; the suggestions go to `suggestions_path`. Output and
    suggestions appear together or not at all.
    """
    aliases = load_aliases() if aliases is None else aliases
    report = progress or _silent
    check_output(output)
    # Partitions keep the column types the local reader gives, not Dask's own strings.
    with dask.config.set({"dataframe.convert-string": False}):
        dataset = open_dataset(source, encoding=encoding)  # problems show before any cluster
        header = pd.DataFrame(columns=dataset.columns)
        require_column(header, column, source)
        for context_column in context:
            require_column(header, context_column, source, option="--context")
        require_free_columns(header, OUTPUT_COLUMNS)
        with cluster_client(scheduler) as client, cluster_errors(scheduler):
            parts = client.compute(dataset.frame.to_delayed())
            counts, rows, blank = _count_on(client, parts, column, report)
            resolution, pairs = resolve_counts(
                counts,
                aliases,
                score_cutoff=score_cutoff,
                review_cutoff=review_cutoff,
                report=report,
                parse=lambda distinct, report: _parse(client, distinct, report),
                score=lambda parsed, pairs, report: _score(client, parsed, pairs, report),
            )
            outs = client.map(
                _output_part,
                parts,
                by_name=_send_to_all(client, _packed(resolution.assignments)),
                column=column,
                explain=explain,
            )
            del parts  # the outputs hold the input partitions for as long as they need them
            suggestions = resolution.suggestions
            if context:
                suggestions = with_context(suggestions, _samples(client, outs, context, report))
            report("writing", 0, len(outs))
            write_output(
                _one_by_one(outs, report),
                output,
                part_format=dataset.part_format,
                suggestions=suggestions_frame(suggestions, context=bool(context)),
                suggestions_path=suggestions_path,
            )
    return WrittenResult(
        rows=rows,
        blank=blank,
        distinct_names=len(counts),
        people=resolution.people,
        candidate_pairs=pairs,
        merges=resolution.merges,
        suggestions=suggestions,
    )


def _count_on(
    client: Client, parts: list[Future[Any]], column: str, report: Progress
) -> tuple[Counter[str], int, int]:
    """Rows per non-blank name over all partitions, the rows, and the blank rows."""
    counts: Counter[str] = Counter()
    rows = blank = 0
    counted = client.map(_count_part, parts, column=column)
    for part_counts, part_rows, part_blank in _gather(client, counted, "counting names", report):
        counts.update(part_counts)
        rows, blank = rows + part_rows, blank + part_blank
    return counts, rows, blank


def _silent(stage: str, done: int, total: int) -> None:
    """A progress reporter that reports nothing."""


# What runs on the workers: plain functions of a partition or a chunk, shipped by name.
# Python objects travel pickled by us (`_packed`): distributed's own transfer of many
# small objects (parsed names, scores) costs several times what pickle does.


def _count_part(frame: pd.DataFrame, column: str) -> bytes:
    """One partition's rows per non-blank name, its row count and its blank rows."""
    names = text_cells(frame, column)
    counts = count_names(names)
    return _packed((counts, len(names), len(names) - counts.total()))


def _parse_chunk(names: list[str]) -> bytes:
    """Parse a chunk of distinct names."""
    return _packed([parse_name(name) for name in names])


def _score_chunk(pairs: Pairs, names: bytes) -> bytes:
    """Score a chunk of candidate pairs against the parsed names every worker holds."""
    parsed: Sequence[ParsedName] = _unpacked(names)
    return _packed([without_details(score_parsed(parsed[i], parsed[j])) for i, j in pairs.tolist()])


def _output_part(frame: pd.DataFrame, by_name: bytes, column: str, explain: bool) -> pd.DataFrame:
    """A partition with its rows' person, canonical name, score and reason added."""
    assignments: Mapping[str, Assignment] = _unpacked(by_name)
    rows = row_assignments(text_cells(frame, column), assignments)
    return with_output_columns(frame, rows, explain=explain)


def _sample_part(frame: pd.DataFrame, columns: list[str]) -> bytes:
    """The context samples of one output partition."""
    return _packed(context_samples(frame, frame["person_id"].tolist(), columns))


def _packed(value: object) -> bytes:
    """A value pickled for the trip between driver and worker."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


# The objects every worker holds, unpickled once per worker rather than once per task.
_held: list[tuple[bytes, Any]] = []


def _unpacked(data: bytes) -> Any:
    """What a worker-held pickle holds, unpickled on its first use in this process."""
    for held, value in _held:
        if held is data:
            return value
    value = pickle.loads(data)
    _held[:] = [(data, value), *_held[:1]]  # the parsed names and the people: two at a time
    return value


# The driver's side: sending chunks out and gathering them back in order.


def _parse(client: Client, distinct: list[str], report: Progress) -> list[ParsedName]:
    """Parse the distinct names on the workers, in order."""
    chunks = [distinct[i : i + _PARSE_CHUNK] for i in range(0, len(distinct), _PARSE_CHUNK)]
    futures = client.map(_parse_chunk, client.scatter(chunks, hash=False))
    return [p for chunk in _gather(client, futures, "parsing names", report) for p in chunk]


def _score(
    client: Client, parsed: list[ParsedName], pairs: list[tuple[int, int]], report: Progress
) -> list[Scored]:
    """Score the candidate pairs on the workers; the parsed names are sent to each once."""
    if not pairs:
        return []
    names = _send_to_all(client, _packed(parsed))
    array = np.asarray(pairs, dtype=np.int64)
    chunks = [array[i : i + _SCORE_CHUNK] for i in range(0, len(array), _SCORE_CHUNK)]
    futures = client.map(_score_chunk, client.scatter(chunks, hash=False), names=names)
    matches: list[list[NameMatch]] = _gather(client, futures, "scoring candidate pairs", report)
    return [
        (m, i, j) for m, (i, j) in zip((m for chunk in matches for m in chunk), pairs, strict=True)
    ]


def _samples(
    client: Client, outs: list[Future[Any]], columns: Sequence[str], report: Progress
) -> Samples:
    """The context samples of all output partitions, merged in partition order."""
    samples: Samples = {}
    sampled = client.map(_sample_part, outs, columns=list(columns))
    for part_samples in _gather(client, sampled, "collecting context", report):
        merge_samples(samples, part_samples)
    return samples


def _send_to_all(client: Client, data: bytes) -> Future[Any]:
    """Put a pickle in every worker's memory, once, for the tasks that read it."""
    futures: list[Future[Any]] = client.scatter([data], broadcast=True, hash=False)
    return futures[0]


def _gather(
    client: Client, futures: list[Future[Any]], stage: str, report: Progress = _silent
) -> list[Any]:
    """The futures' (pickled) results in their order, reporting each as it completes."""
    report(stage, 0, len(futures))
    for done, _ in enumerate(as_completed(futures, loop=client.loop), start=1):
        report(stage, done, len(futures))
    return [pickle.loads(data) for data in client.gather(futures)]


def _one_by_one(futures: list[Future[Any]], report: Progress) -> Iterator[pd.DataFrame]:
    """The output partitions in order, each fetched when the writer gets to it, then let go."""
    pending, total = deque(futures), len(futures)
    futures.clear()  # the queue holds the only references, so a written part is released
    while pending:
        yield pending.popleft().result()
        report("writing", total - len(pending), total)
