"""Clustering distinct names into people, with the alias table's links and refusals.

Order of evidence: names the alias table knows join their person first; names equal
after normalisation form one group; then candidate pairs scoring at or above the
auto-merge cutoff join groups, strongest first. Two groups are joined only when the join
is defensible against both whole groups (their average cross score is at least the
review cutoff), never across a recorded "different people" decision, and never between
two people of the alias table, so weak links cannot chain different people together.
A mention by one name part ("Paparo") joins the one person whose family name it is;
with a few such people it becomes a suggestion for each, with many it is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, combinations

import numpy as np

from namekit.aliases import AliasIndex
from namekit.candidates import plain
from namekit.normalize import ParsedName
from namekit.reference import formal_names
from namekit.scoring import NameMatch, part_similarity, score_parsed

_MAX_CROSS_PAIRS = 400
# Fresh cross pairs meet parts in no useful order, so the scorer's part cache, sized for
# candidate pairs in name order, gains few hits from them: emptied whenever it holds more
# than this, it stays under 0.1 GiB instead of growing by 0.2 GiB at a million names, and
# clustering takes no longer.
_FRESH_PART_CACHE = 262_144
# A name resting on initials that fits more clusters than this fits several people, even
# when no two of them refuse to join.
_MAX_SPLIT_FITS = 3
# The share of cross pairs that may read as different people when two clusters join: a
# few odd forms in a large multilingual cluster (Volodymyr / Vladimir), but not a chain.
_CONFLICT_SHARE = 0.25
# A lone family name shared by more people than this gets no suggestions: a reviewer could
# not choose among them from the name alone, and a million names would bring a lone "Yu"
# two thousand suggestions.
MAX_SURNAME_SUGGESTIONS = 10
Scored = tuple[NameMatch, int, int]


@dataclass(frozen=True, slots=True)
class Link:
    """How one distinct name joined its cluster: the name it linked to, the score and reason."""

    other: int
    score: float
    reason: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A pair of names whose people a reviewer should look at."""

    left: int
    right: int
    score: float
    explanation: str


@dataclass(frozen=True)
class Clustering:
    """Cluster label per distinct name, the link that put each name in, and suggestions."""

    labels: list[int]
    links: dict[int, Link]
    alias_person: dict[int, str]
    suggestions: list[Suggestion]


class _Clusters:
    """Union-find over distinct names that keeps each cluster's members and alias person."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        # Only clusters of two or more names keep a list: a million one-name lists would
        # take about 100 MB.
        self._joined: dict[int, list[int]] = {}
        self.person: dict[int, str] = {}

    def members(self, root: int) -> list[int]:
        """The names of the cluster with this root (not to be changed by the caller)."""
        return self._joined.get(root) or [root]

    def find(self, i: int) -> int:
        """The root of i's cluster."""
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        """Join the clusters of a and b; return the new root."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return root_a
        if len(self.members(root_a)) < len(self.members(root_b)):
            root_a, root_b = root_b, root_a
        self.parent[root_b] = root_a
        self._joined.setdefault(root_a, [root_a]).extend(self._joined.pop(root_b, [root_b]))
        if root_b in self.person:
            self.person[root_a] = self.person.pop(root_b)
        return root_a


def cluster_names(
    names: Sequence[ParsedName],
    scored_pairs: Sequence[Scored],
    *,
    aliases: AliasIndex,
    score_cutoff: float,
    review_cutoff: float,
) -> Clustering:
    """Cluster distinct names into people given scored candidate pairs and the alias tables."""
    clusters = _Clusters(len(names))
    links: dict[int, Link] = {}
    alias_person = _join_alias_names(names, aliases, clusters, links)
    _join_normalized(names, clusters, links)

    known = _PairScores(names, scored_pairs)
    # The candidates' own tuples, not copies: a million names have over a million above the cutoff.
    scored = [item for item in scored_pairs if item[0].score >= review_cutoff]
    scored.sort(key=lambda item: (-item[0].score, item[1], item[2]))
    held_back: list[Scored] = []
    vague: list[Scored] = []
    for match, i, j in scored:
        if clusters.find(i) == clusters.find(j):
            continue
        if not match.decisive:
            vague.append((match, i, j))
        elif match.score >= score_cutoff and _may_join(
            names, aliases, clusters, known, i, j, review_cutoff
        ):
            clusters.union(i, j)
            _record_link(links, i, j, match)
        else:
            held_back.append((match, i, j))
    held_back += _join_unique_fits(
        names, aliases, clusters, known, links, vague, score_cutoff, review_cutoff
    )
    # After the names resting on initials have joined their person, so that "В. В. Путин"
    # is not counted as a second bearer of the family name Putin.
    surname_suggestions = _join_surname_mentions(names, aliases, clusters, links)
    suggestions = _suggestions(names, aliases, clusters, held_back) + surname_suggestions
    labels = [clusters.find(i) for i in range(len(names))]
    return Clustering(labels, links, alias_person, suggestions)


def _join_alias_names(
    names: Sequence[ParsedName], aliases: AliasIndex, clusters: _Clusters, links: dict[int, Link]
) -> dict[int, str]:
    """Join names that the alias table assigns to one person; return name -> person id."""
    alias_person: dict[int, str] = {}
    first_of: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name.tokens:
            continue
        person = aliases.person_of.get(name.sorted_key)
        if person is None:
            continue
        alias_person[index] = person
        if person in first_of:
            clusters.union(first_of[person], index)
            links[index] = Link(first_of[person], 100.0, "alias", f"alias table: {person}")
        else:
            first_of[person] = index
            links[index] = Link(index, 100.0, "alias", f"alias table: {person}")
        clusters.person[clusters.find(index)] = person
    return alias_person


def _join_normalized(
    names: Sequence[ParsedName], clusters: _Clusters, links: dict[int, Link]
) -> None:
    """Join names equal after normalisation (Wu Yanan, WU, Yanan, Gen. Wu Yanan)."""
    first_of: dict[str, int] = {}
    for index, name in enumerate(names):
        if not name.tokens:
            continue
        first = first_of.setdefault(name.sorted_key, index)
        if first == index:
            continue
        if clusters.person.get(clusters.find(first)) and clusters.person.get(clusters.find(index)):
            continue  # both already placed by the alias table
        clusters.union(first, index)
        links.setdefault(
            index, Link(first, 100.0, "normalized", f"same name once normalised: {name.normalized}")
        )


class _PairScores:
    """Scores of pairs of names: the candidate pairs' as scored, any other computed on demand.

    Names that parse alike (Wu Yanan, WU, Yanan, Gen. Wu Yanan) score alike against any
    other name, so pairs are scored per parse: checking a join against two clusters that
    hold several spellings of one parse scores each pair of parses once.
    """

    def __init__(self, names: Sequence[ParsedName], scored_pairs: Sequence[Scored]) -> None:
        self.names = names
        # The candidate pairs' codes (i * len(names) + j), sorted, with their matches in that
        # order: as a dict, a million names' 3 million pairs took about 200 MB more.
        size = len(names)
        codes = np.fromiter((i * size + j for _, i, j in scored_pairs), np.int64, len(scored_pairs))
        order = np.argsort(codes, kind="stable")
        self.codes = codes[order]
        self.matches = [scored_pairs[k][0] for k in order.tolist()]
        self.fresh: dict[tuple[int, int], NameMatch] = {}
        first: dict[tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]], int] = {}
        self.parse_of = [
            first.setdefault((n.tokens, n.family, n.suffixes), index)
            for index, n in enumerate(names)
        ]

    def at_hand(self, pairs: list[tuple[int, int]]) -> list[NameMatch | None]:
        """Each pair's score if it is at hand (a candidate's, or one computed before), else
        None; looked up all at once, as one search of the sorted codes."""
        if not pairs:
            return []
        size = len(self.names)
        codes = np.fromiter((a * size + b if a < b else b * size + a for a, b in pairs), np.int64)
        found: list[NameMatch | None] = [None] * len(pairs)
        if len(self.codes):
            at = np.searchsorted(self.codes, codes).clip(max=len(self.codes) - 1)
            for k in np.flatnonzero(self.codes[at] == codes).tolist():
                found[k] = self.matches[at[k]]
        if self.fresh:
            for k, (a, b) in enumerate(pairs):
                if found[k] is None:
                    found[k] = self.fresh.get(self._parses(a, b))
        return found

    def computed(self, a: int, b: int) -> NameMatch:
        """The score of names a and b, which are no candidate pair, computed once per pair
        of parses, without its explanation."""
        parses = self._parses(a, b)
        found = self.fresh.get(parses)
        if found is None:
            # Uncached and plain (shared, without explanation): clustering scores up to
            # millions of these once each, and needs only the score and the conflicts.
            low, high = parses
            match = score_parsed.__wrapped__(self.names[low], self.names[high])
            found = self.fresh[parses] = plain(match)
            if len(self.fresh) % 4096 == 0 and (
                part_similarity.cache_info().currsize > _FRESH_PART_CACHE
            ):
                part_similarity.cache_clear()
        return found

    def _parses(self, a: int, b: int) -> tuple[int, int]:
        """The pair of parses of names a and b, in order."""
        # Compared, not sorted: this runs a few million times at a million names.
        parse_a, parse_b = self.parse_of[a], self.parse_of[b]
        return (parse_a, parse_b) if parse_a <= parse_b else (parse_b, parse_a)

    def distinct_pairs(self, left: list[int], right: list[int]) -> list[tuple[int, int]]:
        """Pairs across two groups of names, one per pair of parses."""
        seen: set[tuple[int, int]] = set()
        pairs = []
        for a in left:
            for b in right:
                parses = (self.parse_of[a], self.parse_of[b])
                if parses not in seen:
                    seen.add(parses)
                    pairs.append((a, b))
        return pairs


def _may_join(
    names: Sequence[ParsedName],
    aliases: AliasIndex,
    clusters: _Clusters,
    known: _PairScores,
    i: int,
    j: int,
    floor: float,
) -> bool:
    """Whether joining i's and j's clusters is allowed and defensible against both."""
    root_i, root_j = clusters.find(i), clusters.find(j)
    if _kept_apart(names, aliases, clusters, root_i, root_j):
        return False
    cross = known.distinct_pairs(clusters.members(root_i), clusters.members(root_j))
    if len(cross) == 1:
        return True  # the pair that is being joined: it has passed the cutoff
    return _defensible(known, cross, floor)


def _defensible(known: _PairScores, cross: list[tuple[int, int]], floor: float) -> bool:
    """Whether the pairs across two clusters let them be one person."""
    # Every member must be defensible against the other cluster: on average, and with few
    # pairs that read as two different people (Hua Rong ~ Hua Jung ~ Hua Zhong chains) and
    # none whose family, father's or middle names differ.
    # The verdict does not depend on the order of the pairs (the sums only grow), so the
    # pairs already scored go first: a refusal found among them spares scoring the rest.
    pairs = cross[:_MAX_CROSS_PAIRS]
    found = known.at_hand(pairs)
    ready = [match for match in found if match is not None]
    unscored = [pair for pair, match in zip(pairs, found, strict=True) if match is None]
    # Most checks that fail are settled before every pair is scored: stop as soon as the
    # rest, even if all scored 100 without conflict, could not pass.
    shortfall_allowed = (100.0 - floor) * len(pairs)
    conflicts_allowed = _CONFLICT_SHARE * len(pairs)
    shortfall = conflicts = 0.0
    for match in chain(ready, (known.computed(a, b) for a, b in unscored)):
        shortfall += 100.0 - match.score
        conflicts += match.conflict
        if match.hard_conflict or shortfall > shortfall_allowed or conflicts > conflicts_allowed:
            return False
    return True


def _kept_apart(
    names: Sequence[ParsedName], aliases: AliasIndex, clusters: _Clusters, root_a: int, root_b: int
) -> bool:
    """Whether the alias table (two people) or a reviewer keeps two clusters apart."""
    person_a, person_b = clusters.person.get(root_a), clusters.person.get(root_b)
    if person_a and person_b and person_a != person_b:
        return True
    return _refused(names, aliases, clusters, root_a, root_b)


def _refused(
    names: Sequence[ParsedName], aliases: AliasIndex, clusters: _Clusters, root_a: int, root_b: int
) -> bool:
    """Whether a recorded "different people" decision separates two clusters."""
    if not aliases.not_person:
        return False
    for root, other in ((root_a, root_b), (root_b, root_a)):
        person = clusters.person.get(root)
        if person in aliases.refusing and any(
            (person, names[m].sorted_key) in aliases.not_person for m in clusters.members(other)
        ):
            return True
    return False


def _record_link(links: dict[int, Link], i: int, j: int, match: NameMatch) -> None:
    """Remember the strongest link of each of the two names."""
    for a, b in ((i, j), (j, i)):
        if a not in links or links[a].score < match.score:
            links[a] = Link(b, match.score, match.reason, match.explanation)


def _join_surname_mentions(
    names: Sequence[ParsedName], aliases: AliasIndex, clusters: _Clusters, links: dict[int, Link]
) -> list[Suggestion]:
    """Join one-part mentions to the single person with that family name; else suggest
    the few people it may be."""
    holders: dict[str, set[int]] = {}
    for index, name in enumerate(names):
        if len(name.tokens) > 1:
            for position in name.family:
                holders.setdefault(name.tokens[position], set()).add(index)
    suggestions: list[Suggestion] = []
    for index, name in enumerate(names):
        root = clusters.find(index)
        if len(name.tokens) != 1 or any(len(names[m].tokens) > 1 for m in clusters.members(root)):
            continue
        # Each person's first bearer, found in one pass: a common surname (Yu, Kim) has
        # thousands of bearers, so looking them up per person would be quadratic.
        first_bearer: dict[int, int] = {}
        for bearer in sorted(holders.get(name.tokens[0], ())):
            first_bearer.setdefault(clusters.find(bearer), bearer)
        first_bearer.pop(root, None)
        people = [
            p for p in sorted(first_bearer) if not _refused(names, aliases, clusters, root, p)
        ]
        if len(people) == 1 and not (clusters.person.get(root) and clusters.person.get(people[0])):
            target = first_bearer[people[0]]
            clusters.union(index, target)
            links[index] = Link(
                target, 100.0, "surname", f"the only person here with family name {name.tokens[0]}"
            )
        elif len(people) <= MAX_SURNAME_SUGGESTIONS:
            for person_root in people:
                suggestions.append(
                    Suggestion(
                        index,
                        first_bearer[person_root],
                        75.0,
                        f"family name {name.tokens[0]} is shared by {len(people)} people",
                    )
                )
    return suggestions


def _join_unique_fits(
    names: Sequence[ParsedName],
    aliases: AliasIndex,
    clusters: _Clusters,
    known: _PairScores,
    links: dict[int, Link],
    vague: list[Scored],
    score_cutoff: float,
    review_cutoff: float,
) -> list[Scored]:
    """Join each name resting on initials or a nickname ("J. Smith", "Lisa Smith") to the one
    person it fits, if only one.

    A few clusters that could all be one person's count as one fit (see `_one_person`).
    Returns the pairs left for review: every fit of a name that fits several people.
    """
    # The fits of a whole cluster count together: "Nawal Haddad" and "Nawal Hadad" are one
    # person's mentions, so one fitting Nawal Mahir Haddad and the other Nawal Fuad Haddad
    # makes two candidates for that person, not one each.
    fits: dict[int, list[tuple[Scored, int]]] = {}
    left_over: list[Scored] = []
    for match, i, j in vague:
        if match.score < score_cutoff:
            left_over.append((match, i, j))
            continue
        loose = i if _looseness(names[i]) <= _looseness(names[j]) else j
        fits.setdefault(clusters.find(loose), []).append(((match, i, j), loose))
    for root in sorted(fits):
        edges = fits[root]
        own = clusters.find(root)
        targets = {clusters.find(i if j == loose else j) for (_, i, j), loose in edges} - {own}
        if len(targets) == 1 or _one_person(
            names, aliases, clusters, known, targets, review_cutoff
        ):
            outward = [e for e, _ in edges if clusters.find(e[1]) != clusters.find(e[2])]
            match, i, j = max(outward, key=lambda e: (e[0].score, -e[1], -e[2]))
            if _may_join(names, aliases, clusters, known, i, j, review_cutoff):
                clusters.union(i, j)
                _record_link(links, i, j, match)
                continue
        left_over += [edge for edge, _ in edges]
    return left_over


def _one_person(
    names: Sequence[ParsedName],
    aliases: AliasIndex,
    clusters: _Clusters,
    known: _PairScores,
    roots: set[int],
    floor: float,
) -> bool:
    """Whether a few clusters could all be one person's, no two of them refusing to join:
    a name that fits each of them (S. James: Stephanie L. James, Stephanie Lisa James) then
    fits one person whose mentions are not yet joined, not several people."""
    if not 1 < len(roots) <= _MAX_SPLIT_FITS:
        return False
    for a, b in combinations(sorted(roots), 2):
        if _kept_apart(names, aliases, clusters, a, b):
            return False
        cross = known.distinct_pairs(clusters.members(a), clusters.members(b))
        if not _defensible(known, cross, floor):
            return False
    return True


def _looseness(name: ParsedName) -> tuple[int, int]:
    """How many people a name may fit, as a sort key (lowest fits most): fewer parts that
    are more than an initial, then more given names its nicknames may stand for (Lisa
    Marsh fits Elizabeth Marsh and Melissa Marsh; Elizabeth Marsh fits one of them)."""
    full = [token for token in name.tokens if len(token) > 1]
    return len(full), -sum(len(formal_names(token)) for token in full)


def _suggestions(
    names: Sequence[ParsedName],
    aliases: AliasIndex,
    clusters: _Clusters,
    held_back: list[Scored],
) -> list[Suggestion]:
    """The best held-back pair between each two clusters that are still apart."""
    best: dict[tuple[int, int], Suggestion] = {}
    for match, i, j in held_back:
        root_i, root_j = clusters.find(i), clusters.find(j)
        if root_i == root_j or _refused(names, aliases, clusters, root_i, root_j):
            continue
        key = (min(root_i, root_j), max(root_i, root_j))
        if key not in best or best[key].score < match.score:
            best[key] = Suggestion(i, j, match.score, match.explanation)
    return list(best.values())
