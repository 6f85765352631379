"""`namekit dedupe`, `namekit compare` and `namekit explain`."""

from __future__ import annotations

import functools
import glob
from collections.abc import Callable
from pathlib import Path

import click

from namekit.cli.base import alias_options, load_alias_index, progress_line
from namekit.compare import compare_frame
from namekit.dedupe import WrittenResult
from namekit.dedupe_file import dedupe_file
from namekit.errors import InputError
from namekit.scoring import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF, score_names
from namekit.tables import STDIO, read_table, require_column, write_table

_cutoff = click.FloatRange(0, 100)


def default_suggestions_path(input_path: Path, output: str) -> Path:
    """Where suggestions go by default: beside the output file (or folder), else named
    after the input (a glob's folder for a glob)."""
    if output != STDIO:
        base = Path(output)
    elif glob.has_magic(str(input_path)):
        base = Path((input_path.parent.resolve().name or "input") + ".csv")
    else:
        base = Path(input_path.name)
    return base.with_name(base.name.rsplit(".", 1)[0] + ".suggestions.csv")


@click.command()
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("-c", "--column", required=True, help="The column holding the names.")
@click.option(
    "-o",
    "--output",
    default=STDIO,
    show_default=True,
    metavar="PATH",
    help="Where to write the result (CSV; TSV or Parquet by extension); - for stdout.",
)
@click.option(
    "--score-cutoff",
    type=_cutoff,
    default=DEFAULT_SCORE_CUTOFF,
    show_default=True,
    help="Auto-merge names scoring at or above this (0-100).",
)
@click.option(
    "--review-cutoff",
    type=_cutoff,
    default=DEFAULT_REVIEW_CUTOFF,
    show_default=True,
    help="Pairs scoring from this up to --score-cutoff become suggestions for review.",
)
@click.option(
    "--suggestions",
    "suggestions_path",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Where to write suggestions [default: OUTPUT.suggestions.csv, or "
    "INPUT.suggestions.csv in the current folder when writing to stdout].",
)
@click.option(
    "--explain", is_flag=True, help="Add a match_explanation column saying why each row joined."
)
@click.option("--encoding", help="The input's encoding [default: UTF-8, with or without BOM].")
@click.option(
    "--context",
    "context_columns",
    multiple=True,
    metavar="COL",
    help="A column (repeatable) whose sample values each suggestion carries for review.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where to run: this process, or a Dask cluster (namekit[dask]; INPUT may be a "
    "glob of CSV files or a folder of Parquet files).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --engine dask: the scheduler to use, e.g. tcp://host:8786 "
    "[default: a local cluster with a worker per core].",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@alias_options
def dedupe(
    input_path: Path,
    column: str,
    output: str,
    score_cutoff: float,
    review_cutoff: float,
    suggestions_path: Path | None,
    explain: bool,
    encoding: str | None,
    context_columns: tuple[str, ...],
    engine: str,
    scheduler: str | None,
    quiet: bool,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Resolve the names in one column of a CSV, TSV or Parquet file into people.

    Writes every input row unchanged and in order, plus person_id, canonical_name,
    match_score (0-100, the row's name against its person) and match_reason (alias,
    exact, normalized, romanization, fuzzy, surname, or new). Rows with the same
    person_id are one person. Blank names get an empty person_id.

    The cutoffs were chosen on real labelled data (see the README's quality table).
    Pairs between --review-cutoff and --score-cutoff are written to the suggestions
    file (CSV: name_a, name_b, score, explanation, rows_a, rows_b, person_id_a,
    person_id_b, canonical_a, canonical_b, and context_a, context_b with --context),
    most impactful first, for `namekit review`. Pairs a reviewer already answered are
    not suggested again.

    A CSV or TSV file is read a chunk of rows at a time, twice (the names, then the rows
    to write), so memory grows with the distinct names, not with the file.

    With --engine dask the work is spread over a Dask cluster, with the same result.
    INPUT may then also be a glob ('data/*.csv') or a folder of Parquet files, and -o a
    folder (ending in /) to get one part file per input partition.

    \b
    Examples:
      namekit dedupe people.csv --column name -o people.deduped.csv
      namekit dedupe mentions.tsv -c speaker --aliases team_aliases.csv -o - | head
      namekit dedupe 'data/*.csv' -c name --engine dask --scheduler tcp://host:8786 -o out/
    """
    if review_cutoff > score_cutoff:
        raise click.BadParameter("must not be above --score-cutoff", param_hint="--review-cutoff")
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask.")
    aliases = load_alias_index(alias_paths, no_default_aliases)
    suggestions_path = suggestions_path or default_suggestions_path(input_path, output)
    run: Callable[..., WrittenResult]
    if engine == "dask":
        from namekit import dask_engine  # here: Dask is an extra, and slow to import

        run = functools.partial(dask_engine.dedupe_dataset, scheduler=scheduler)
    elif glob.has_magic(str(input_path)) and not input_path.exists():
        raise InputError(
            f"file {input_path} not found. To read every file it matches, add --engine dask."
        )
    else:
        run = dedupe_file
    progress = progress_line(quiet)
    try:
        result = run(
            str(input_path),
            column,
            output=output,
            suggestions_path=suggestions_path,
            aliases=aliases,
            score_cutoff=score_cutoff,
            review_cutoff=review_cutoff,
            explain=explain,
            context=context_columns,
            encoding=encoding,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
    if not quiet:
        click.echo(result.summary() + f" (written to {suggestions_path})", err=True)


@click.command()
@click.argument("pairs_path", metavar="PAIRS", type=click.Path(path_type=Path))
@click.option("--left", required=True, help="The column with the first name of each pair.")
@click.option("--right", required=True, help="The column with the second name of each pair.")
@click.option(
    "-o",
    "--output",
    default=STDIO,
    show_default=True,
    metavar="PATH",
    help="Where to write the result; - for stdout.",
)
@click.option(
    "--score-cutoff",
    type=_cutoff,
    default=DEFAULT_SCORE_CUTOFF,
    show_default=True,
    help="Pairs scoring at or above this get same=1.",
)
@click.option("--encoding", help="The input's encoding [default: UTF-8, with or without BOM].")
@click.option("-q", "--quiet", is_flag=True, help="No progress line on stderr.")
def compare(
    pairs_path: Path,
    left: str,
    right: str,
    output: str,
    score_cutoff: float,
    encoding: str | None,
    quiet: bool,
) -> None:
    """Score a file of name pairs: adds score (0-100), same (1/0) and reason.

    Every row is kept, in order. Each distinct pair is scored once however often it
    repeats (either way round), and a large file is scored on every core.

    \b
    Example:
      namekit compare pairs.csv --left name_a --right name_b -o scored.csv
    """
    frame = read_table(pairs_path, encoding=encoding)
    require_column(frame, left, pairs_path, option="--left")
    require_column(frame, right, pairs_path, option="--right")
    progress = progress_line(quiet)
    try:
        scored = compare_frame(
            frame,
            left,
            right,
            score_cutoff=score_cutoff,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.close()
    write_table(scored, output)


@click.command()
@click.argument("name_a")
@click.argument("name_b")
def explain(name_a: str, name_b: str) -> None:
    """Score two names and say, in words, why.

    \b
    Example:
      namekit explain "Hsi Chin-p'ing" "习近平"
    """
    match = score_names(name_a, name_b)
    if match.score >= DEFAULT_SCORE_CUTOFF and not match.decisive:
        verdict = (
            "same person only if no one else in the data fits"
            " (rests on an initial, a nickname or one part)"
        )
    elif match.score >= DEFAULT_SCORE_CUTOFF:
        verdict = "same person (auto-merge)"
    elif match.score >= DEFAULT_REVIEW_CUTOFF:
        verdict = "maybe: suggested for review"
    else:
        verdict = "different people"
    click.echo(
        f"score: {match.score:g} ({verdict}; "
        f"cutoffs {DEFAULT_SCORE_CUTOFF:g}/{DEFAULT_REVIEW_CUTOFF:g})"
    )
    click.echo(f"reason: {match.reason}")
    for part in match.details or (match.explanation,):
        click.echo(f"  {part}")
