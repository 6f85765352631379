"""From scored candidate pairs to people: the last stage of a dedupe, shared by every engine.

The distinct names are clustered (`clustering.py`), and each gets its person: an id (the
alias table's, else a hash of the person's normalised names), a canonical name, its
score against the person and the reason it joined. Pairs left between the cutoffs become
suggestions, ordered by how many rows they affect and how uncertain they are.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from namekit.aliases import AliasIndex, Relation, name_key
from namekit.candidates import Scored
from namekit.clustering import Clustering, cluster_names
from namekit.memory import release_free_memory
from namekit.normalize import ParsedName
from namekit.scoring import clear_caches

REASONS = ("alias", "exact", "normalized", "romanization", "fuzzy", "surname", "new")


@dataclass(frozen=True, slots=True)
class Assignment:
    """What one distinct name resolved to."""

    person_id: str
    canonical: str
    score: float | None
    reason: str
    note: str
    # The name it joined through, kept apart from the note: the joined text is made only
    # when asked for, as at a million names it would take about 200 MB nothing shows.
    via: str = ""

    @property
    def explanation(self) -> str:
        """Why the name joined its person, and through which name."""
        return f"{self.note} (via {self.via})" if self.via else self.note


BLANK = Assignment("", "", None, "", "")


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True)
class Resolution:
    """Each distinct name's person, the suggestions, and how many names merged by reason."""

    assignments: dict[str, Assignment]
    suggestions: list[SuggestedPair]
    merges: dict[str, int]
    people: int


def resolve_people(
    distinct: list[str],
    parsed: list[ParsedName],
    counts: Counter[str],
    scored: Sequence[Scored],
    *,
    aliases: AliasIndex,
    score_cutoff: float,
    review_cutoff: float,
) -> Resolution:
    """Cluster the distinct names and give each its person; `counts` are rows per name."""
    clustering = cluster_names(
        parsed, scored, aliases=aliases, score_cutoff=score_cutoff, review_cutoff=review_cutoff
    )
    # Clustering's fresh scores filled the scorer's caches, which nothing below scores
    # with: emptied, their memory is free for the people and suggestions.
    clear_caches()
    release_free_memory()
    people = _people(distinct, parsed, counts, clustering, aliases)
    merges = Counter(a.reason for name, a in zip(distinct, people, strict=True) if counts[name])
    return Resolution(
        assignments=dict(zip(distinct, people, strict=True)),
        suggestions=_suggested_pairs(
            distinct,
            parsed,
            counts,
            clustering,
            people,
            score_cutoff,
            review_cutoff,
            decided=_decided_pairs(aliases),
        ),
        merges={reason: merges.get(reason, 0) for reason in REASONS},
        people=len({a.person_id for name, a in zip(distinct, people, strict=True) if counts[name]}),
    )


def _people(
    distinct: list[str],
    parsed: list[ParsedName],
    counts: Counter[str],
    clustering: Clustering,
    aliases: AliasIndex,
) -> list[Assignment]:
    """Person id, canonical name, score and reason for each distinct name."""
    members: dict[int, list[int]] = {}
    for index, label in enumerate(clustering.labels):
        members.setdefault(label, []).append(index)
    out: list[Assignment | None] = [None] * len(distinct)
    for group in members.values():
        person = next(
            (clustering.alias_person[m] for m in group if m in clustering.alias_person), None
        )
        if person is not None:
            canonical = aliases.canonical_of[person]
        else:
            best = max(
                group, key=lambda m: _display_rank(distinct[m], counts[distinct[m]], parsed[m])
            )
            canonical = distinct[best]
            person = person_id_for(parsed[m].sorted_key for m in group)
        for m in group:
            out[m] = _assignment_of(m, distinct, group, canonical, person, clustering)
    return [a for a in out if a is not None]


def _display_rank(
    name: str, rows: int, parsed: ParsedName
) -> tuple[int, bool, int, tuple[int, ...]]:
    """How good a name is as a person's display name: most rows first, then written as a
    name is usually written (Wu Yanan over "WU, Yanan"), fuller, alphabetically first."""
    plain = "," not in name and not name.isupper() and name == name.strip()
    return rows, plain, len(parsed.tokens), _reverse(name)


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
) -> Assignment:
    """The score and reason of one name within its person."""
    name = distinct[index]
    link = clustering.links.get(index)
    if link is not None and link.reason == "alias":
        return Assignment(person, canonical, 100.0, "alias", link.explanation)
    if len(group) == 1:
        return Assignment(person, canonical, 100.0, "new", "a person seen under this name only")
    if name == canonical:
        return Assignment(person, canonical, 100.0, "exact", "the canonical name")
    if link is None:  # joined as the far end of another name's link: via that name
        via = next(
            m for m in group if (lk := clustering.links.get(m)) is not None and lk.other == index
        )
        link = clustering.links[via]
    else:
        via = link.other
    return Assignment(person, canonical, link.score, link.reason, link.explanation, distinct[via])


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
    parsed: list[ParsedName],
    counts: Counter[str],
    clustering: Clustering,
    people: list[Assignment],
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
    for name, parse, assignment in zip(distinct, parsed, people, strict=True):
        rows_of[assignment.person_id] += counts[name]
        keys_of.setdefault(assignment.person_id, set()).add(parse.sorted_key)

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
