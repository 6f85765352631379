"""Candidate generation (blocking): which pairs of distinct names are worth scoring.

Comparing every pair of a million names is a trillion comparisons, so names meet only
under shared keys (`blocking_keys`), and a pair is kept only when the keys it shares
cover two different parts of each name (Wu Yanan / Wu Yenan), or one part when either
name has only one full part (Paparo, J. Smith), and cover each side's personal name (the
scorer caps pairs whose personal names differ). Sharing a lone common surname is not
enough. A key shared by too many names (Wang, Muhammad) is split by the keys of the
names' other parts, and what is still too large is paired with near neighbours in name
order only, so cost grows close to linearly. The pairing is done with numpy arrays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from namekit.blocking_keys import (
    MAX_PARTS,
    full_parts,
    key_script,
    part_keys,
    personal_bit,
    split_keys,
)
from namekit.normalize import ParsedName

# Buckets up to this size are paired exhaustively; larger ones are split by the names'
# other parts, whose (smaller) sub-buckets are paired exhaustively up to SUB_BUCKET_CAP.
BUCKET_CAP = 8
SUB_BUCKET_CAP = 32
_SPLIT_CHUNK = 200_000
_RULED_BUCKET_FACTOR = 4  # large-bucket entries split at a time
NEIGHBOURS = 6
Ints = npt.NDArray[np.int64]

# Which pairs a key may make: under "^" (an initial) only pairs with an initial; under "#"
# (a consonant skeleton, weak evidence) only pairs of names written in different scripts.
ANY, INITIAL, LATIN, OTHER_SCRIPT = 0, 1, 2, 3  # entry tags
ANY_PAIR, INITIAL_PAIR, SOUND = 0, 1, 2  # key rules
_POPCOUNT = np.array([bin(m).count("1") for m in range(256)], dtype=np.int64)


def candidate_pairs(names: Sequence[ParsedName]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names worth exact scoring, sorted."""
    if len(names) < 2:
        return []
    left, right, mask_left, mask_right = _shared_parts(names)
    keep = _worth_scoring(names, left, right, mask_left, mask_right)
    return list(zip(left[keep].tolist(), right[keep].tolist(), strict=True))


def _shared_parts(names: Sequence[ParsedName]) -> tuple[Ints, Ints, Ints, Ints]:
    """Every pair meeting under some key, with the parts each side shares (OR of masks)."""
    keys: list[str] = []
    owners: list[int] = []
    masks: list[int] = []
    for index, name in enumerate(names):
        for key, mask in part_keys(name):
            keys.append(key)
            owners.append(index)
            masks.append(mask)
    latin = np.array([name.script == "Latn" for name in names])
    codes, rules, splittable = _codes_and_rules(keys)
    owner = np.asarray(owners, dtype=np.int64)
    tag = np.where(rules[codes] == SOUND, np.where(latin[owner], LATIN, OTHER_SCRIPT), ANY)
    pairs, large = _bucket_pairs(codes, owner, np.asarray(masks, dtype=np.int64), tag, rules)
    # Large buckets of typo keys (one letter deleted, letters folded) are not split: their
    # pairs meet again under the part's own keys, and splitting them would multiply work.
    large = large[splittable[codes[large]]]
    large = large[np.argsort(codes[large], kind="stable")]
    pieces = [_combine([pairs], len(names))]
    # Large buckets are split a chunk at a time (whole buckets per chunk), so memory stays
    # bounded by the chunk, not by every meeting of every pair at once.
    for chunk in _whole_bucket_chunks(codes[large], _SPLIT_CHUNK):
        split = _split_pairs(large[chunk], owner, masks, codes, rules, names, latin)
        pieces.append(_combine([split], len(names)))
    return _combine(pieces, len(names))


def _whole_bucket_chunks(sorted_codes: Ints, size: int) -> list[slice]:
    """Slices of about `size` entries over codes sorted by bucket, never cutting a bucket."""
    chunks: list[slice] = []
    start = 0
    while start < len(sorted_codes):
        end = min(start + size, len(sorted_codes))
        while end < len(sorted_codes) and sorted_codes[end] == sorted_codes[end - 1]:
            end += 1
        chunks.append(slice(start, end))
        start = end
    return chunks


def _codes_and_rules(keys: list[str]) -> tuple[Ints, Ints, npt.NDArray[np.bool_]]:
    """A code per key; per code its pairing rule (ANY_PAIR, INITIAL_PAIR, SOUND) and whether
    a large bucket of it is worth splitting."""
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    first = pd.Series(uniques, dtype=object).str[:1].to_numpy()
    rules = np.where(first == "#", SOUND, np.where(first == "^", INITIAL_PAIR, ANY_PAIR))
    splittable = (first != "-") & (first != "~")
    return codes.astype(np.int64), rules.astype(np.int64), splittable


def _bucket_pairs(
    codes: Ints, owner: Ints, mask: Ints, tag: Ints, rules: Ints, cap: int = BUCKET_CAP
) -> tuple[tuple[Ints, Ints, Ints, Ints], Ints]:
    """All allowed pairs within buckets of at most `cap` entries; the larger buckets' entries."""
    order = np.argsort(codes, kind="stable")
    codes, owner, mask, tag = codes[order], owner[order], mask[order], tag[order]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else codes
    sizes = np.diff(np.r_[starts, len(codes)])
    if len(codes):
        # Drop buckets that cannot make a single allowed pair: an initial key without an
        # initial, a sound key with names of one script only.
        rule = rules[codes[starts]]
        low, high = np.minimum.reduceat(tag, starts), np.maximum.reduceat(tag, starts)
        useful = (
            (rule == ANY_PAIR)
            | ((rule == INITIAL_PAIR) & (np.maximum.reduceat(tag == INITIAL, starts) > 0))
            | ((rule == SOUND) & (low != high))
        )
        kept = np.repeat(useful, sizes)
        order, codes, owner, mask, tag = (
            order[kept],
            codes[kept],
            owner[kept],
            mask[kept],
            tag[kept],
        )
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]]) if len(codes) else codes
        sizes = np.diff(np.r_[starts, len(codes)])
    # Sound buckets pair only names across scripts, a few of their members: allow more.
    limit = np.where(rules[codes[starts]] == SOUND, cap * _RULED_BUCKET_FACTOR, cap)
    small = (sizes >= 2) & (sizes <= limit)
    firsts: list[Ints] = [np.zeros(0, dtype=np.int64)]
    seconds: list[Ints] = [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[small]).tolist():
        bucket_starts = starts[small & (sizes == size)]
        upper_a, upper_b = np.triu_indices(size, 1)
        firsts.append((bucket_starts[:, None] + upper_a).ravel())
        seconds.append((bucket_starts[:, None] + upper_b).ravel())
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    rule = rules[codes[a]]
    keep = (owner[a] != owner[b]) & (
        (rule == ANY_PAIR)
        | ((rule == INITIAL_PAIR) & ((tag[a] == INITIAL) | (tag[b] == INITIAL)))
        | ((rule == SOUND) & (tag[a] != tag[b]))
    )
    a, b = a[keep], b[keep]
    in_large = np.repeat(sizes > limit, sizes)
    return (owner[a], owner[b], mask[a], mask[b]), order[in_large]


def _split_pairs(
    entries: Ints,
    owner: Ints,
    masks: list[int],
    codes: Ints,
    parent_rules: Ints,
    names: Sequence[ParsedName],
    latin: npt.NDArray[np.bool_],
) -> tuple[Ints, Ints, Ints, Ints]:
    """Pairs from keys shared by too many names: split by the keys of the names' other parts.

    Wang is split into Wang+Wei, Wang+Li, ...; initials meet the parts they could stand
    for (J. / John) under "^" keys. What is still too large is paired with its nearest
    neighbours in name order.
    """
    involved = np.unique(owner[entries])
    offsets, positions, sub_codes, sub_tags, sub_rules = _other_part_table(names, involved, latin)
    slot = np.full(len(names), -1, dtype=np.int64)
    slot[involved] = np.arange(len(involved))
    entry_owner = owner[entries]
    first, count = offsets[slot[entry_owner]], np.diff(offsets)[slot[entry_owner]]
    # One row per (entry, part of its name): the entry's key combined with the part's key.
    row_entry = np.repeat(entries, count)
    row_part = np.repeat(first - np.r_[0, np.cumsum(count)[:-1]], count) + np.arange(count.sum())
    mask_array = np.asarray(masks, dtype=np.int64)
    row_mask = mask_array[row_entry]
    free = (row_mask & positions[row_part]) == 0
    row_entry, row_part, row_mask = row_entry[free], row_part[free], row_mask[free]
    combined = codes[row_entry] * (int(sub_codes.max()) + 1) + sub_codes[row_part]
    codes2, uniques = pd.factorize(combined)
    owner2, mask2 = owner[row_entry], row_mask | positions[row_part]
    # Under a sound key only names in different scripts pair, whatever the part splitting it.
    parent_sound = parent_rules[codes[row_entry]] == SOUND
    row_rules = np.where(parent_sound, SOUND, sub_rules[row_part])
    row_tags = np.where(
        parent_sound, np.where(latin[owner2], LATIN, OTHER_SCRIPT), sub_tags[row_part]
    )
    rules2 = np.zeros(len(uniques), dtype=np.int64)
    rules2[codes2] = row_rules
    pairs, large = _bucket_pairs(
        codes2.astype(np.int64), owner2, mask2, row_tags, rules2, SUB_BUCKET_CAP
    )
    large = large[rules2[codes2[large]] == ANY_PAIR]
    return _concat([pairs, _neighbour_pairs(large, codes2.astype(np.int64), owner2, mask2, names)])


def _other_part_table(
    names: Sequence[ParsedName], involved: Ints, latin: npt.NDArray[np.bool_]
) -> tuple[Ints, Ints, Ints, Ints, Ints]:
    """For the given names, every part's keys as flat arrays (CSR offsets per name)."""
    offsets = [0]
    positions: list[int] = []
    keys: list[str] = []
    tags: list[int] = []
    for index in involved.tolist():
        for position, key, tag in _other_part_keys(names[index], bool(latin[index])):
            positions.append(position)
            keys.append(key)
            tags.append(tag)
        offsets.append(len(keys))
    sub_codes, rules, _ = _codes_and_rules(keys)
    return (
        np.asarray(offsets, dtype=np.int64),
        np.asarray(positions, dtype=np.int64),
        sub_codes,
        np.asarray(tags, dtype=np.int64),
        rules[sub_codes],
    )


def _other_part_keys(name: ParsedName, latin: bool) -> list[tuple[int, str, int]]:
    """(parts bitmask, key, tag) for each part of a name, and each pair of adjacent parts joined.

    A part gives its first letter and its cheap keys; joined parts (Mei Ping ~ Meiping)
    give their cheap keys.
    """
    script = key_script(name.script)
    sound_tag = LATIN if latin else OTHER_SCRIPT
    tokens = name.tokens[:MAX_PARTS]
    out: list[tuple[int, str, int]] = []
    for position, token in enumerate(tokens):
        out.append((1 << position, "^" + token[0], INITIAL if len(token) == 1 else ANY))
        if len(token) > 1:
            out += [
                (1 << position, k, sound_tag if k[0] == "#" else ANY)
                for k in split_keys(token, script)
            ]
    for position in range(len(tokens) - 1):
        first, second = tokens[position], tokens[position + 1]
        if len(first) > 1 and len(second) > 1:
            keys = split_keys(first + second, script)
            out += [(3 << position, k, sound_tag if k[0] == "#" else ANY) for k in keys]
    return out


def _neighbour_pairs(
    entries: Ints, codes: Ints, owner: Ints, mask: Ints, names: Sequence[ParsedName]
) -> tuple[Ints, Ints, Ints, Ints]:
    """Each entry paired with its next NEIGHBOURS entries of the same bucket in name order."""
    if len(entries) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    rank = _name_rank(names)
    order = np.lexsort((rank[owner[entries]], codes[entries]))
    entries = entries[order]
    pieces = []
    for step in range(1, NEIGHBOURS + 1):
        a, b = entries[:-step], entries[step:]
        keep = (codes[a] == codes[b]) & (owner[a] != owner[b])
        a, b = a[keep], b[keep]
        pieces.append((owner[a], owner[b], mask[a], mask[b]))
    return _concat(pieces)


def _name_rank(names: Sequence[ParsedName]) -> Ints:
    """Each name's position in the order of order-insensitive keys."""
    order = sorted(range(len(names)), key=lambda i: names[i].sorted_key)
    rank = np.empty(len(names), dtype=np.int64)
    rank[order] = np.arange(len(names))
    return rank


def _concat(pieces: list[tuple[Ints, Ints, Ints, Ints]]) -> tuple[Ints, Ints, Ints, Ints]:
    """Pair arrays laid end to end."""
    a, b, c, d = (np.concatenate([p[k] for p in pieces]) for k in range(4))
    return a, b, c, d


def _combine(
    pieces: list[tuple[Ints, Ints, Ints, Ints]], count: int
) -> tuple[Ints, Ints, Ints, Ints]:
    """One row per pair (left < right), the masks of all its meetings OR-ed together."""
    first, second, mask_first, mask_second = _concat(pieces)
    swap = first > second
    left, right = np.where(swap, second, first), np.where(swap, first, second)
    mask_left = np.where(swap, mask_second, mask_first)
    mask_right = np.where(swap, mask_first, mask_second)
    code = left * count + right
    order = np.argsort(code, kind="stable")
    code, left, right = code[order], left[order], right[order]
    if len(code) == 0:
        return left, right, mask_left, mask_right
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    return (
        left[starts],
        right[starts],
        np.bitwise_or.reduceat(mask_left[order], starts),
        np.bitwise_or.reduceat(mask_right[order], starts),
    )


def _worth_scoring(
    names: Sequence[ParsedName], left: Ints, right: Ints, mask_left: Ints, mask_right: Ints
) -> npt.NDArray[np.bool_]:
    """Which pairs share enough parts, and both personal names, to be worth scoring."""
    with_initials = np.array([any(len(t) == 1 for t in n.tokens[:MAX_PARTS]) for n in names])
    for row in np.flatnonzero(with_initials[left] | with_initials[right]).tolist():
        i, j = int(left[row]), int(right[row])
        mask_i, mask_j = _fit_initials(
            names[i], int(mask_left[row]), names[j], int(mask_right[row])
        )
        mask_j, mask_i = _fit_initials(names[j], mask_j, names[i], mask_i)
        mask_left[row], mask_right[row] = mask_i, mask_j
    parts = np.array([full_parts(n) for n in names], dtype=np.int64)
    personal = np.array([personal_bit(n) for n in names], dtype=np.int64)
    fewest = np.minimum(parts[left], parts[right])
    needed = np.maximum(1, np.minimum(2, fewest))
    shared = np.minimum(_POPCOUNT[mask_left & 255], _POPCOUNT[mask_right & 255])
    # A one-part mention (Paparo) is about the family name: no personal name to share.
    personal_shared = ((mask_left & personal[left]) == personal[left]) & (
        (mask_right & personal[right]) == personal[right]
    )
    return np.asarray((shared >= needed) & (personal_shared | (fewest < 2)), dtype=bool)


def _fit_initials(
    name: ParsedName, mask: int, other: ParsedName, other_mask: int
) -> tuple[int, int]:
    """Both masks, with each initial of `name` and the part of the other it fits marked shared.

    An initial fits a part starting with it, or with a syllable starting with it (Q.F. /
    Qian-fen).
    """
    for position, token in enumerate(name.tokens[:MAX_PARTS]):
        if len(token) != 1 or mask >> position & 1:
            continue
        for other_position, syllables in enumerate(other.syllables[:MAX_PARTS]):
            if len(other.tokens[other_position]) > 1 and any(s[:1] == token for s in syllables):
                mask |= 1 << position
                other_mask |= 1 << other_position
                break
    return mask, other_mask
