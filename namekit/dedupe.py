"""Deduplicating a column of names into people: the workflow behind `namekit dedupe`.

Every distinct name is parsed and scored once however many rows repeat it. The result
gives each input row a person id, the person's canonical name, the score of the row's
name against its person and the reason it joined (alias, exact, normalized,
romanization, fuzzy, surname, or new for a person seen under one name only), plus the
suggestions a reviewer should look at.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from namekit.aliases import AliasIndex, Relation, load_aliases, name_key
from namekit.blocking import candidate_pairs
from namekit.candidates import Report, score_candidates
from namekit.clustering import Clustering, cluster_names
from namekit.normalize import ParsedName, parse_name
from namekit.scoring import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF
from namekit.tables import require_free_columns, text_cells

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
REASONS = ("alias", "exact", "normalized", "romanization", "fuzzy", "surname", "new")

# Told how far a stage has got: (stage, done, total); the CLI draws it on a terminal.
Progress = Report
_REPORT_EVERY = 10_000


def _silent(stage: str, done: int, total: int) -> None:
    """A progress reporter that reports nothing."""


@dataclass(frozen=True)
class SuggestedPair:
    """Two names a reviewer should decide on, with what each stands for."""

    name_a: str
    name_b: str
    score: float
    explanation: str
    rows_a: int
    rows_b: int
    person_id_a: str
    person_id_b: str
    canonical_a: str
    canonical_b: str
    context_a: str = ""
    context_b: str = ""


CONTEXT_COLUMNS = ("context_a", "context_b")
_CONTEXT_SAMPLES = 3


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
        merges = ", ".join(f"{reason} {n}" for reason, n in self.merges.items() if n) or "none"
        return (
            f"{len(self.person_ids)} rows ({blank} blank), {self.distinct_names} distinct names, "
            f"{self.people} people\n"
            f"names merged by reason: {merges}\n"
            f"{len(self.suggestions)} suggestions for review"
        )


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
    score_cutoff = DEFAULT_SCORE_CUTOFF if score_cutoff is None else score_cutoff
    review_cutoff = DEFAULT_REVIEW_CUTOFF if review_cutoff is None else review_cutoff
    report = progress or _silent
    counts = Counter(n for n in names if n.strip())
    # The alias tables' name forms take part too, so that "Adm. Samuel J. Paparo" can find
    # the table's "Samuel Paparo" even when that exact form is not in the input.
    known = {
        row.name for row in aliases.rows if row.relation in (Relation.CANONICAL, Relation.ALIAS)
    }
    distinct = sorted(counts) + sorted(known - set(counts))  # sorted: independent of row order
    parsed = []
    for done, name in enumerate(distinct):
        if done % _REPORT_EVERY == 0:
            report("parsing names", done, len(distinct))
        parsed.append(parse_name(name))
    report("finding candidate pairs", 0, 1)
    pairs = candidate_pairs(parsed)
    scored = score_candidates(parsed, pairs, report)
    report("clustering", 0, 1)
    clustering = cluster_names(
        parsed, scored, aliases=aliases, score_cutoff=score_cutoff, review_cutoff=review_cutoff
    )
    report("clustering", 1, 1)
    people = _people(distinct, parsed, counts, clustering, aliases)
    by_name = {name: people[i] for i, name in enumerate(distinct)}
    blank = _Assignment("", "", None, "", "")
    rows = [by_name.get(n, blank) if n.strip() else blank for n in names]
    merges = Counter(a.reason for name, a in zip(distinct, people, strict=True) if counts[name])
    return DedupeResult(
        person_ids=[a.person_id for a in rows],
        canonical_names=[a.canonical for a in rows],
        match_scores=[a.score for a in rows],
        match_reasons=[a.reason for a in rows],
        explanations=[a.explanation for a in rows],
        suggestions=_suggested_pairs(
            distinct,
            counts,
            clustering,
            people,
            score_cutoff,
            review_cutoff,
            decided=_decided_pairs(aliases),
        ),
        distinct_names=len(counts),
        candidate_pairs=len(pairs),
        merges={reason: merges.get(reason, 0) for reason in REASONS},
    )


@dataclass(frozen=True)
class _Assignment:
    """What one distinct name resolved to."""

    person_id: str
    canonical: str
    score: float | None
    reason: str
    explanation: str


def _people(
    distinct: list[str],
    parsed: list[ParsedName],
    counts: Counter[str],
    clustering: Clustering,
    aliases: AliasIndex,
) -> list[_Assignment]:
    """Person id, canonical name, score and reason for each distinct name."""
    members: dict[int, list[int]] = {}
    for index, label in enumerate(clustering.labels):
        members.setdefault(label, []).append(index)
    out: list[_Assignment | None] = [None] * len(distinct)
    for group in members.values():
        person = next(
            (clustering.alias_person[m] for m in group if m in clustering.alias_person), None
        )
        if person is not None:
            canonical = aliases.canonical_of[person]
        else:
            canonical = max((distinct[m] for m in group), key=lambda n: _display_rank(n, counts[n]))
            person = person_id_for(parsed[m].sorted_key for m in group)
        for m in group:
            out[m] = _assignment_of(m, distinct, group, canonical, person, clustering)
    return [a for a in out if a is not None]


def _display_rank(name: str, rows: int) -> tuple[int, bool, int, tuple[int, ...]]:
    """How good a name is as a person's display name: most rows first, then written as a
    name is usually written (Wu Yanan over "WU, Yanan"), fuller, alphabetically first."""
    plain = "," not in name and not name.isupper() and name == name.strip()
    return rows, plain, len(parse_name(name).tokens), _reverse(name)


def _reverse(text: str) -> tuple[int, ...]:
    """A key that sorts strings in reverse, so max() picks the alphabetically first on ties."""
    return tuple(-ord(c) for c in text)


def _assignment_of(
    index: int,
    distinct: list[str],
    group: list[int],
    canonical: str,
    person: str,
    clustering: Clustering,
) -> _Assignment:
    """The score and reason of one name within its person."""
    name = distinct[index]
    link = clustering.links.get(index)
    if link is not None and link.reason == "alias":
        return _Assignment(person, canonical, 100.0, "alias", link.explanation)
    if len(group) == 1:
        return _Assignment(person, canonical, 100.0, "new", "a person seen under this name only")
    if name == canonical:
        return _Assignment(person, canonical, 100.0, "exact", "the canonical name")
    if link is None:  # joined as the far end of another name's link
        partner = next(
            m for m in group if (lk := clustering.links.get(m)) is not None and lk.other == index
        )
        link = clustering.links[partner]
    return _Assignment(
        person,
        canonical,
        link.score,
        link.reason,
        f"{link.explanation} (via {distinct[link.other]})",
    )


def person_id_for(name_keys: Iterable[str]) -> str:
    """A stable id for a person not in any alias table, derived from its normalised names."""
    keys = sorted(set(name_keys))
    digest = hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()
    return f"nk-{digest[:12]}"


def _decided_pairs(aliases: AliasIndex) -> frozenset[tuple[str, str]]:
    """(person id, name key) pairs a reviewer already judged different or unsure."""
    return frozenset(
        (row.person_id, name_key(row.name))
        for row in aliases.rows
        if row.relation in (Relation.DIFFERENT, Relation.UNSURE)
    )


def _suggested_pairs(
    distinct: list[str],
    counts: Counter[str],
    clustering: Clustering,
    people: list[_Assignment],
    score_cutoff: float,
    review_cutoff: float,
    *,
    decided: frozenset[tuple[str, str]] = frozenset(),
) -> list[SuggestedPair]:
    """Suggestions with row counts, in order of impact: rows affected times uncertainty.

    A pair of people a reviewer already answered (different or unsure) is not suggested again.
    """
    rows_of: Counter[str] = Counter()
    keys_of: dict[str, set[str]] = {}
    for name, assignment in zip(distinct, people, strict=True):
        rows_of[assignment.person_id] += counts[name]
        keys_of.setdefault(assignment.person_id, set()).add(name_key(name))

    def answered(a: str, b: str) -> bool:
        return any((a, k) in decided for k in keys_of[b]) or any(
            (b, k) in decided for k in keys_of[a]
        )

    middle, half = (score_cutoff + review_cutoff) / 2, max((score_cutoff - review_cutoff) / 2, 1.0)
    out = []
    for s in clustering.suggestions:
        a, b = people[s.left], people[s.right]
        if a.person_id == b.person_id or (decided and answered(a.person_id, b.person_id)):
            continue
        out.append(
            SuggestedPair(
                distinct[s.left],
                distinct[s.right],
                s.score,
                s.explanation,
                rows_of[a.person_id],
                rows_of[b.person_id],
                a.person_id,
                b.person_id,
                a.canonical,
                b.canonical,
            )
        )

    def impact(p: SuggestedPair) -> float:
        uncertainty = max(0.1, 1.0 - abs(p.score - middle) / half)
        return (p.rows_a + p.rows_b) * uncertainty

    return sorted(out, key=lambda p: (-impact(p), p.name_a, p.name_b))


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
    out = frame.copy()
    out["person_id"] = result.person_ids
    out["canonical_name"] = result.canonical_names
    out["match_score"] = ["" if s is None else f"{s:g}" for s in result.match_scores]
    out["match_reason"] = result.match_reasons
    if explain:
        out["match_explanation"] = result.explanations
    if context:
        result = _with_context(result, frame, context)
    return out, result


def _with_context(
    result: DedupeResult, frame: pd.DataFrame, columns: Sequence[str]
) -> DedupeResult:
    """The result with a few sample values of `columns` for each side of each suggestion."""
    samples: dict[str, dict[str, list[str]]] = {}
    for index, person in enumerate(result.person_ids):
        if not person:
            continue
        per_column = samples.setdefault(person, {c: [] for c in columns})
        for column in columns:
            value = str(frame[column].iat[index]).strip()
            seen = per_column[column]
            if value and value not in seen and len(seen) < _CONTEXT_SAMPLES:
                seen.append(value)

    def describe(person: str) -> str:
        found = samples.get(person, {})
        return " | ".join(f"{c}: {'; '.join(v)}" for c, v in found.items() if v)

    suggestions = [
        replace(s, context_a=describe(s.person_id_a), context_b=describe(s.person_id_b))
        for s in result.suggestions
    ]
    return replace(result, suggestions=suggestions)


def suggestions_frame(
    suggestions: Sequence[SuggestedPair], *, context: bool = False
) -> pd.DataFrame:
    """Suggestions as a table for the suggestions file (with context_a/b when asked)."""
    columns = SUGGESTION_COLUMNS + (CONTEXT_COLUMNS if context else ())
    return pd.DataFrame(
        [[getattr(s, c) for c in columns] for s in suggestions],
        columns=list(columns),
    )
