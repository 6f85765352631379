"""`namekit evaluate`: measure namekit on a labelled sample of your own."""

from __future__ import annotations

from pathlib import Path

import click

from namekit.cli.base import alias_options, load_alias_index
from namekit.dedupe import dedupe_names
from namekit.evaluation import (
    DEFAULT_SWEEP_CUTOFFS,
    ClusterReport,
    PairReport,
    evaluate_cluster_file,
    evaluate_pair_file,
    format_report,
)
from namekit.scoring import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF, score_pairs

_cutoff = click.FloatRange(0, 100)


@click.command()
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--pairs", is_flag=True, help="FILE holds name pairs with a same/different label.")
@click.option("--column", default="name", show_default=True, help="Cluster files: the name column.")
@click.option(
    "--truth",
    help="The true person column (cluster files) or same 1/0 column (--pairs) "
    "[default: cluster_id, or same with --pairs].",
)
@click.option("--left", default="name_a", show_default=True, help="Pair files: first name column.")
@click.option(
    "--right", default="name_b", show_default=True, help="Pair files: second name column."
)
@click.option(
    "--group", help="Cluster files: dedupe each value of this column separately (e.g. source)."
)
@click.option(
    "--by", help="Break the figures down by this column (e.g. variant_kind, lang_or_script)."
)
@click.option(
    "--exclude-tag",
    "exclude_tags",
    multiple=True,
    metavar="WORD",
    help="Drop rows whose tag column contains WORD (repeatable; e.g. disjoint).",
)
@click.option(
    "--tag-column",
    help="The column --exclude-tag looks in [default: variant_kind, or kind with --pairs].",
)
@click.option(
    "--show-errors",
    type=click.IntRange(0),
    default=0,
    metavar="N",
    help="List the N worst false merges and missed pairs.",
)
@click.option(
    "--score-cutoff",
    type=_cutoff,
    default=DEFAULT_SCORE_CUTOFF,
    show_default=True,
    help="The auto-merge cutoff to report at.",
)
@click.option(
    "--review-cutoff",
    type=_cutoff,
    default=DEFAULT_REVIEW_CUTOFF,
    show_default=True,
    help="The suggestions cutoff used while clustering.",
)
@alias_options
def evaluate(
    path: Path,
    pairs: bool,
    column: str,
    truth: str | None,
    left: str,
    right: str,
    group: str | None,
    by: str | None,
    exclude_tags: tuple[str, ...],
    tag_column: str | None,
    show_errors: int,
    score_cutoff: float,
    review_cutoff: float,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Measure namekit on labelled names: pair precision / recall / F1 and B-cubed F1.

    Prints the figures at the chosen cutoffs and a table over a range of auto-merge
    cutoffs, so you can choose one for your data.

    \b
    Examples:
      namekit evaluate people.csv --column name --truth person --by source
      namekit evaluate people.csv --truth cluster_id --group source --exclude-tag disjoint
      namekit evaluate pairs.csv --pairs --left name_a --right name_b --truth same --show-errors 10
    """
    report: ClusterReport | PairReport
    if pairs:
        report = evaluate_pair_file(
            path,
            scorer=score_pairs,
            score_cutoff=score_cutoff,
            left_column=left,
            right_column=right,
            truth_column=truth or "same",
            exclude_tags=exclude_tags,
            tag_column=tag_column or "kind",
            sweep_cutoffs=DEFAULT_SWEEP_CUTOFFS,
            by=by,
            show_errors=show_errors,
        )
    else:
        aliases = load_alias_index(alias_paths, no_default_aliases)

        def cluster(names: list[str], cutoff: float) -> list[str]:
            return dedupe_names(
                names,
                aliases=aliases,
                score_cutoff=cutoff,
                review_cutoff=min(review_cutoff, cutoff),
            ).person_ids

        report = evaluate_cluster_file(
            path,
            cluster=cluster,
            score_cutoff=score_cutoff,
            name_column=column,
            truth_column=truth or "cluster_id",
            group_column=group,
            exclude_tags=exclude_tags,
            tag_column=tag_column or "variant_kind",
            sweep_cutoffs=DEFAULT_SWEEP_CUTOFFS,
            by=by,
            show_errors=show_errors,
            scorer=score_pairs,
        )
    click.echo(format_report(report))
