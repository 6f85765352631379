"""Candidate generation (blocking): which pairs of distinct names are worth scoring.

Comparing every pair of a million names is a trillion comparisons, so each name gets a
few cheap keys and only names sharing a key are scored. Keys come from each name part:
the part itself, its romanization-equivalence keys (Hsi ~ Xi), the part with confusable
letters folded (Perosi ~ Pelosi), and, for longer parts, the part with one letter deleted,
which catches one-letter typos. A key shared by very many names (Wang, Muhammad) would
make its bucket quadratic, so large buckets are sorted by name and only near neighbours
are paired, which keeps cost close to linear.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz, process

from namekit import romanization
from namekit.normalize import ParsedName
from namekit.skeleton import consonant_skeleton

_CONFUSABLE = str.maketrans("rmpvtgqzx", "lnbbdkkss")
# Pairs whose sketches are less alike than this cannot reach a review cutoff; the exact
# scorer is ~100x slower than rapidfuzz's batch ratio, so it only sees the rest.
PREFILTER_CUTOFF = 50.0
BUCKET_CAP = 48
NEIGHBOURS = 6
_MIN_DELETION_LENGTH = 5


def name_keys(name: ParsedName) -> set[str]:
    """The blocking keys of one name."""
    keys: set[str] = set()
    for token in name.tokens:
        if len(token) < 2:
            continue
        keys.add(token)
        folded = token.translate(_CONFUSABLE)
        keys.add("~" + folded)
        keys.update(romanization.token_keys(token))
        skeleton = consonant_skeleton(token, name.script)
        if len(skeleton) >= 3:
            keys.add("#" + skeleton)
        if len(folded) >= _MIN_DELETION_LENGTH:
            keys.update("-" + folded[:k] + folded[k + 1 :] for k in range(len(folded)))
    if len(name.tokens) > 1:
        keys.add("=" + "".join(sorted(name.tokens)))
    return keys


def sketch(name: ParsedName) -> str:
    """A cheap stand-in for a name: parts in one romanization, confusable letters folded, sorted."""
    parts = []
    for token in name.tokens:
        keys = romanization.token_keys(token) if len(token) > 1 else frozenset()
        parts.append(min(keys) if keys else token.translate(_CONFUSABLE))
    return " ".join(sorted(parts))


def candidate_pairs(names: Sequence[ParsedName]) -> list[tuple[int, int]]:
    """Index pairs (i < j) worth exact scoring: sharing a key and alike in sketch."""
    pairs = shared_key_pairs(names)
    if not pairs:
        return []
    sketches = [sketch(n) for n in names]
    similarity = process.cpdist(
        [sketches[i] for i, _ in pairs],
        [sketches[j] for _, j in pairs],
        scorer=fuzz.token_set_ratio,
        workers=-1,
    )
    return [
        pair
        for pair, score in zip(pairs, similarity.tolist(), strict=True)
        if score >= PREFILTER_CUTOFF
    ]


def shared_key_pairs(names: Sequence[ParsedName]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names that share a blocking key, sorted."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        for key in name_keys(name):
            buckets[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            pairs.update(_bucket_pairs(members, names))
    return sorted(pairs)


def _bucket_pairs(members: list[int], names: Sequence[ParsedName]) -> Iterator[tuple[int, int]]:
    """All pairs of a small bucket; near neighbours in name order for a large one."""
    if len(members) <= BUCKET_CAP:
        for position, i in enumerate(members):
            for j in members[position + 1 :]:
                yield (i, j) if i < j else (j, i)
        return
    ordered = sorted(members, key=lambda i: names[i].sorted_key)
    for position, i in enumerate(ordered):
        for j in ordered[position + 1 : position + 1 + NEIGHBOURS]:
            yield (i, j) if i < j else (j, i)
