"""Deduplicating a table file a chunk of rows at a time: `namekit dedupe`'s local engine.

A CSV or TSV file is never held whole. The first pass reads it a chunk at a time and
keeps only each name's row count; the stages of `dedupe_names` then run on the distinct
names; with context columns, a second pass collects their samples for the people in the
suggestions; the last pass reads the rows again and writes each chunk with its person
added as soon as it is read. Memory grows with the distinct names and the chunk, not with
the file, and the output is byte for byte what `dedupe_frame` on the whole table gives.
Output and suggestions appear together or not at all. A Parquet file is read whole in
each pass (only the name and context columns for the samples), and a pipe, which can be
read only once, is held whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import pandas as pd

from namekit.aliases import AliasIndex, load_aliases
from namekit.collector import collector_paused
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
from namekit.errors import InputError
from namekit.resolution import Assignment, SuggestedPair
from namekit.tables import (
    CHUNK_ROWS,
    parts_writer,
    read_table_chunks,
    require_column,
    require_free_columns,
    text_cells,
    write_all_atomically,
)


@collector_paused()
def dedupe_file(
    path: Path | str,
    column: str,
    *,
    output: Path | str,
    suggestions_path: Path | str,
    aliases: AliasIndex | None = None,
    score_cutoff: float | None = None,
    review_cutoff: float | None = None,
    explain: bool = False,
    context: Sequence[str] = (),
    encoding: str | None = None,
    progress: Progress | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> WrittenResult:
    """Dedupe a CSV, TSV or Parquet file and write the result and the suggestions.

    `output` is a file (CSV, TSV or Parquet by extension) or `-` for stdout. The result
    is the input with person_id, canonical_name, match_score and match_reason added
    (and match_explanation with `explain`), as `dedupe_frame` gives it.
    """
    aliases = load_aliases() if aliases is None else aliases
    report = progress or _silent

    # A pipe (`<(zcat big.csv.gz)`) can be read only once: its chunks are held, as the
    # whole table was before. A file is read again for each pass.
    held = None if Path(path).is_file() else list(_read(path, encoding, None, chunk_rows))

    def chunks(columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        if held is None:
            return _read(path, encoding, columns, chunk_rows)
        return iter(held if columns is None else [c[list(columns)] for c in held])

    counts, rows = _count(chunks(), column, context, path, report)
    resolution, pairs = resolve_counts(
        counts, aliases, score_cutoff=score_cutoff, review_cutoff=review_cutoff, report=report
    )
    by_name = resolution.assignments
    suggestions = resolution.suggestions
    if context:
        samples = _samples(chunks([column, *context]), column, context, by_name, suggestions)
        suggestions = with_context(suggestions, samples)
    parts = _output_parts(chunks(), column, by_name, explain, rows, path, report)
    # Written by the suggestions path's extension, as `write_tables` writes a table.
    suggestions_writer = parts_writer(
        [suggestions_frame(suggestions, context=bool(context))], suggestions_path
    )
    # Suggestions are staged first, the output last: its chunks are read while it is written.
    write_all_atomically(
        [(suggestions_path, suggestions_writer), (output, parts_writer(parts, output))]
    )
    return WrittenResult(
        rows=rows,
        blank=rows - counts.total(),
        distinct_names=len(counts),
        people=resolution.people,
        candidate_pairs=pairs,
        merges=resolution.merges,
        suggestions=suggestions,
    )


def _read(
    path: Path | str, encoding: str | None, columns: Sequence[str] | None, chunk_rows: int
) -> Iterator[pd.DataFrame]:
    """The file's chunks, with only `columns` kept when given."""
    return read_table_chunks(path, encoding=encoding, columns=columns, chunk_rows=chunk_rows)


def _count(
    chunks: Iterable[pd.DataFrame],
    column: str,
    context: Sequence[str],
    path: Path | str,
    report: Progress,
) -> tuple[Counter[str], int]:
    """Rows per non-blank name, and all rows; the columns are checked on the first chunk."""
    counts: Counter[str] = Counter()
    rows = 0
    for index, chunk in enumerate(chunks):
        if index == 0:
            require_column(chunk, column, path)
            for context_column in context:
                require_column(chunk, context_column, path, option="--context")
            require_free_columns(chunk, OUTPUT_COLUMNS)
        names = text_cells(chunk, column)
        counts.update(count_names(names))
        rows += len(names)
        report("reading names", rows, 0)
    return counts, rows


def _samples(
    chunks: Iterable[pd.DataFrame],
    column: str,
    context: Sequence[str],
    by_name: Mapping[str, Assignment],
    suggestions: Sequence[SuggestedPair],
) -> Samples:
    """The context samples of the people in the suggestions, as one pass over all rows
    would collect them."""
    wanted = {s.person_id_a for s in suggestions} | {s.person_id_b for s in suggestions}
    samples: Samples = {}
    for chunk in chunks:
        people = [a.person_id for a in row_assignments(text_cells(chunk, column), by_name)]
        # Other people's samples would never be shown: a blank id makes them skipped.
        merge_samples(
            samples, context_samples(chunk, [p if p in wanted else "" for p in people], context)
        )
    return samples


def _output_parts(
    chunks: Iterable[pd.DataFrame],
    column: str,
    by_name: Mapping[str, Assignment],
    explain: bool,
    rows: int,
    path: Path | str,
    report: Progress,
) -> Iterator[pd.DataFrame]:
    """Each chunk with its rows' person, canonical name, score and reason added."""
    written = 0
    report("writing", written, rows)
    for chunk in chunks:
        assignments = row_assignments(text_cells(chunk, column), by_name)
        yield with_output_columns(chunk, assignments, explain=explain)
        written += len(chunk)
        report("writing", written, rows)
    if written != rows:
        # Names read now may be ones the first pass never saw: refuse rather than guess.
        raise InputError(f"{path} changed while it was being deduped. Run namekit again.")


def _silent(stage: str, done: int, total: int) -> None:
    """A progress reporter that reports nothing."""
