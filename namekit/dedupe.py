"""Deduplicating a column of names into people: the workflow behind `namekit dedupe`.

Every distinct name is parsed and scored once however many rows repeat it. The result
gives each input row a person id, the person's canonical name, the score of the row's
name against its person and the reason it joined (alias, exact, normalized,
romanization, fuzzy, surname, or new for a person seen under one name only), plus the
suggestions a reviewer should look at.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from namekit.aliases import AliasIndex, Relation, load_aliases
from namekit.blocking import candidate_pairs
from namekit.candidates import Report, Scored, score_candidates
from namekit.collector import collector_paused
from namekit.memory import release_free_memory
from namekit.normalize import ParsedName, parse_name
from namekit.resolution import (
    BLANK,
    Assignment,
    Resolution,
    resolve_people,
)

# Re-exported: review and its judgements import these from here.
from namekit.resolution import SuggestedPair as SuggestedPair
from namekit.resolution import person_id_for as person_id_for
from namekit.scoring import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF
from namekit.tables import require_free_columns, text_cells
from namekit.workers import run_in_chunks

OUTPUT_COLUMNS = ("person_id", "canonical_name", "match_score", "match_reason")
SUGGESTION_COLUMNS = (
    "name_a",
    "name_b",
    "score",
    "explanation",
    "rows_a",
    "rows_b",
    "person_id_a",
    "person_id_b",
    "canonical_a",
    "canonical_b",
)

# Told how far a stage has got: (stage, done, total); the CLI draws it on a terminal.
Progress = Report

CONTEXT_COLUMNS = ("context_a", "context_b")
_CONTEXT_SAMPLES = 3

# Sample values of context columns per person: person id -> column -> values.
Samples = dict[str, dict[str, list[str]]]

# How an engine parses distinct names and scores candidate pairs (see resolve_counts).
Parser = Callable[[list[str], Progress], list[ParsedName]]
PairScorer = Callable[[list[ParsedName], list[tuple[int, int]], Progress], list[Scored]]


def _silent(stage: str, done: int, total: int) -> None:
    """A progress reporter that reports nothing."""


@dataclass(frozen=True)
class DedupeResult:
    """Per-input-name assignments (aligned with the input), suggestions and a summary."""

    person_ids: list[str]
    canonical_names: list[str]
    match_scores: list[float | None]
    match_reasons: list[str]
    explanations: list[str]
    suggestions: list[SuggestedPair]
    distinct_names: int
    candidate_pairs: int
    merges: dict[str, int] = field(default_factory=dict)

    @property
    def people(self) -> int:
        """How many people the non-blank names resolved to."""
        return len({p for p in self.person_ids if p})

    def summary(self) -> str:
        """A few lines for stderr: rows, names, people, merges by reason, suggestions."""
        blank = sum(1 for p in self.person_ids if not p)
        return summary_text(
            len(self.person_ids),
            blank,
            self.distinct_names,
            self.people,
            self.merges,
            len(self.suggestions),
        )


def summary_text(
    rows: int, blank: int, distinct: int, people: int, merges: Mapping[str, int], suggestions: int
) -> str:
    """The summary every engine prints on stderr."""
    merged = ", ".join(f"{reason} {n}" for reason, n in merges.items() if n) or "none"
    return (
        f"{rows} rows ({blank} blank), {distinct} distinct names, {people} people\n"
        f"names merged by reason: {merged}\n"
        f"{suggestions} suggestions for review"
    )


# The stages of a dedupe. `dedupe_names` runs them here; the Dask engine runs the same
# functions, counting, parsing and scoring on a cluster's workers instead.


def count_names(names: Iterable[str]) -> Counter[str]:
    """How many rows carry each non-blank name."""
    return Counter(n for n in names if n.strip())


def distinct_names(counts: Counter[str], aliases: AliasIndex) -> list[str]:
    """The names to resolve: the input's, then the alias tables' forms not in the input.

    The alias tables' name forms take part so that "Adm. Samuel J. Paparo" can find the
    table's "Samuel Paparo" even when that exact form is not in the input. Sorted, so the
    result does not depend on row order.
    """
    known = {
        row.name for row in aliases.rows if row.relation in (Relation.CANONICAL, Relation.ALIAS)
    }
    return sorted(counts) + sorted(known - set(counts))


def row_assignments(names: Iterable[str], by_name: Mapping[str, Assignment]) -> list[Assignment]:
    """Each row's assignment; a blank name gets an empty one."""
    return [by_name.get(n, BLANK) if n.strip() else BLANK for n in names]


@dataclass(frozen=True)
class WrittenResult:
    """What a dedupe that wrote its rows straight to the output found (file or cluster)."""

    rows: int
    blank: int
    distinct_names: int
    people: int
    candidate_pairs: int
    merges: dict[str, int]
    suggestions: list[SuggestedPair]

    def summary(self) -> str:
        """The same summary as `DedupeResult.summary`."""
        return summary_text(
            self.rows,
            self.blank,
            self.distinct_names,
            self.people,
            self.merges,
            len(self.suggestions),
        )


@collector_paused()
def dedupe_names(
    names: Sequence[str],
    *,
    aliases: AliasIndex | None = None,
    score_cutoff: float | None = None,
    review_cutoff: float | None = None,
    progress: Progress | None = None,
) -> DedupeResult:
    """Resolve a sequence of names (one per row) into people."""
    aliases = load_aliases() if aliases is None else aliases
    report = progress or _silent
    counts = count_names(names)
    resolution, pair_count = resolve_counts(
        counts, aliases, score_cutoff=score_cutoff, review_cutoff=review_cutoff, report=report
    )
    rows = row_assignments(names, resolution.assignments)
    return DedupeResult(
        person_ids=[a.person_id for a in rows],
        canonical_names=[a.canonical for a in rows],
        match_scores=[a.score for a in rows],
        match_reasons=[a.reason for a in rows],
        explanations=[a.explanation for a in rows],
        suggestions=resolution.suggestions,
        distinct_names=len(counts),
        candidate_pairs=pair_count,
        merges=resolution.merges,
    )


@collector_paused()
def resolve_counts(
    counts: Counter[str],
    aliases: AliasIndex,
    *,
    score_cutoff: float | None,
    review_cutoff: float | None,
    report: Progress,
    parse: Parser | None = None,
    score: PairScorer | None = None,
) -> tuple[Resolution, int]:
    """The people of the distinct names of `counts`, and how many candidate pairs were
    scored: parse, find candidate pairs, score them, cluster. Parsing and scoring run on
    this machine's cores unless another engine passes its own."""
    distinct = distinct_names(counts, aliases)
    parsed = (parse or parse_all)(distinct, report)
    report("finding candidate pairs", 0, 1)
    pairs = candidate_pairs(parsed)
    release_free_memory()  # what blocking's arrays freed: about 0.85 GiB at a million names
    pair_count = len(pairs)
    if score is None:
        # Below the review cutoff a pair is neither a link nor a suggestion, so nothing
        # shows its explanation.
        review = DEFAULT_REVIEW_CUTOFF if review_cutoff is None else review_cutoff
        scored = score_candidates(parsed, pairs, report, plain_below=review)
    else:
        scored = score(parsed, pairs, report)
    del pairs  # a million names have millions of pairs: free them before clustering
    release_free_memory()
    resolution = resolve(
        distinct,
        parsed,
        counts,
        scored,
        aliases=aliases,
        score_cutoff=score_cutoff,
        review_cutoff=review_cutoff,
        report=report,
    )
    return resolution, pair_count


def parse_all(distinct: list[str], report: Progress) -> list[ParsedName]:
    """Parse every distinct name (on every core when there are many), reporting progress."""

    def parse(start: int, end: int) -> list[ParsedName]:
        return [parse_name(name) for name in distinct[start:end]]

    return run_in_chunks(parse, len(distinct), report, "parsing names")


def resolve(
    distinct: list[str],
    parsed: list[ParsedName],
    counts: Counter[str],
    scored: Sequence[Scored],
    *,
    aliases: AliasIndex,
    score_cutoff: float | None,
    review_cutoff: float | None,
    report: Progress,
) -> Resolution:
    """Cluster the scored names into people, with the default cutoffs where none is given."""
    report("clustering", 0, 1)
    resolution = resolve_people(
        distinct,
        parsed,
        counts,
        scored,
        aliases=aliases,
        score_cutoff=DEFAULT_SCORE_CUTOFF if score_cutoff is None else score_cutoff,
        review_cutoff=DEFAULT_REVIEW_CUTOFF if review_cutoff is None else review_cutoff,
    )
    report("clustering", 1, 1)
    return resolution


def dedupe_frame(
    frame: pd.DataFrame,
    column: str,
    *,
    aliases: AliasIndex | None = None,
    score_cutoff: float | None = None,
    review_cutoff: float | None = None,
    explain: bool = False,
    context: Sequence[str] = (),
    progress: Progress | None = None,
) -> tuple[pd.DataFrame, DedupeResult]:
    """The input table with person_id, canonical_name, match_score and match_reason added.

    `context` names columns whose sample values each suggestion carries for its two people.
    """
    require_free_columns(frame, OUTPUT_COLUMNS)
    names = text_cells(frame, column)
    result = dedupe_names(
        names,
        aliases=aliases,
        score_cutoff=score_cutoff,
        review_cutoff=review_cutoff,
        progress=progress,
    )
    rows = [
        Assignment(p, c, s, r, e)
        for p, c, s, r, e in zip(
            result.person_ids,
            result.canonical_names,
            result.match_scores,
            result.match_reasons,
            result.explanations,
            strict=True,
        )
    ]
    out = with_output_columns(frame, rows, explain=explain)
    if context:
        samples = context_samples(frame, result.person_ids, context)
        result = replace(result, suggestions=with_context(result.suggestions, samples))
    return out, result


def with_output_columns(
    frame: pd.DataFrame, rows: Sequence[Assignment], *, explain: bool
) -> pd.DataFrame:
    """A copy of the table with each row's assignment added (and its explanation if asked)."""
    out = frame.copy()
    out["person_id"] = [a.person_id for a in rows]
    out["canonical_name"] = [a.canonical for a in rows]
    out["match_score"] = ["" if a.score is None else f"{a.score:g}" for a in rows]
    out["match_reason"] = [a.reason for a in rows]
    if explain:
        out["match_explanation"] = [a.explanation for a in rows]
    return out


def context_samples(
    frame: pd.DataFrame, person_ids: Sequence[str], columns: Sequence[str]
) -> Samples:
    """The first few distinct non-blank values of `columns` for each person, in row order."""
    samples: Samples = {}
    for index, person in enumerate(person_ids):
        if not person:
            continue
        per_column = samples.setdefault(person, {c: [] for c in columns})
        for column in columns:
            _add_sample(per_column[column], str(frame[column].iat[index]).strip())
    return samples


def merge_samples(into: Samples, more: Samples) -> None:
    """Add the samples of later rows to those of earlier rows, as if read in one pass."""
    for person, per_column in more.items():
        seen = into.setdefault(person, {c: [] for c in per_column})
        for column, values in per_column.items():
            for value in values:
                _add_sample(seen[column], value)


def _add_sample(seen: list[str], value: str) -> None:
    """Keep a value if it is new, non-blank and there is room."""
    if value and value not in seen and len(seen) < _CONTEXT_SAMPLES:
        seen.append(value)


def with_context(suggestions: Sequence[SuggestedPair], samples: Samples) -> list[SuggestedPair]:
    """The suggestions with a few sample values of the context columns for each side."""

    def describe(person: str) -> str:
        found = samples.get(person, {})
        return " | ".join(f"{c}: {'; '.join(v)}" for c, v in found.items() if v)

    return [
        replace(s, context_a=describe(s.person_id_a), context_b=describe(s.person_id_b))
        for s in suggestions
    ]


def suggestions_frame(
    suggestions: Sequence[SuggestedPair], *, context: bool = False
) -> pd.DataFrame:
    """Suggestions as a table for the suggestions file (with context_a/b when asked)."""
    columns = SUGGESTION_COLUMNS + (CONTEXT_COLUMNS if context else ())
    return pd.DataFrame(
        [[getattr(s, c) for c in columns] for s in suggestions],
        columns=list(columns),
    )
