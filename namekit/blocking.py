"""Candidate generation (blocking): which pairs of distinct names are worth scoring.

Comparing every pair of a million names is a trillion comparisons, so names meet only
under shared keys (`blocking_keys`), and a pair is kept only when the keys it shares
cover two different parts of each name (Wu Yanan / Wu Yenan; all three of two Chinese or
Korean names written in three parts), or one part when either name has only one full
part (Paparo, J. Smith), and cover each side's personal name (the scorer caps pairs whose
personal names differ). Sharing a lone common surname is not enough. A key shared by too
many names (Wang, Muhammad) is split by the keys of the names' other parts, and what is
still too large is paired with near neighbours in name order only, so cost grows close
to linearly. The pairing is done with numpy arrays.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from namekit import romanization
from namekit.blocking_keys import (
    MAX_PARTS,
    full_parts,
    item_keys,
    key_script,
    part_items,
    personal_bit,
    split_keys,
)
from namekit.normalize import ParsedName
from namekit.workers import run_in_chunks

# Buckets up to this size are paired exhaustively; larger ones are split by the names'
# other parts, and sub-buckets still larger pair each name with its NEIGHBOURS next names
# in name order. A larger cap finds few more people but pairs grow faster than names:
# on the 100k benchmark, caps of 32 / 8 on sub-buckets give 360k / 210k pairs and F1
# 0.715 / 0.721, and the gap widens with size.
BUCKET_CAP = 8
NEIGHBOURS = 4
# Sound buckets pair only names across scripts, a few of their members, so they may be
# larger; split ones larger still (128: Putin in 15 scripts among 2,000 other names keeps
# F1 0.92, against 0.68 with 32).
_SOUND_CAP, _SPLIT_SOUND_CAP = 32, 128
_SPLIT_CHUNK = 200_000  # large-bucket entries split at a time
_ENTRIES_PER_PASS = 2_000_000  # key entries paired at a time
_MEETINGS_PER_SHARE = 2_000_000  # pair meetings judged at a time
_SPREAD_CHUNK = 1_000_000  # name parts whose keys are spread at a time
_PACKABLE = 1 << 47  # pair codes below this leave 16 bits of an int64 for two masks
_ACROSS_SCRIPTS_PARTS = 3  # parts met across scripts that stand in for the personal name
PARALLEL_MIN_ITEMS = 50_000  # distinct name parts from which keys are computed on every core
Ints = npt.NDArray[Any]  # integer arrays: int64 codes, int32 name indices, uint8 masks

# A key's code is its hash with the key's kind in the two low bits. The kind says which
# pairs the key may make: under "^" (an initial) only pairs with an initial; under "#" (a
# consonant skeleton, weak evidence) only pairs of names written in different scripts;
# typo keys ("-" one letter deleted, "~" letters folded) are never split when too common.
# Hashes stand for keys so that no table of millions of key strings is kept; two keys
# sharing a hash would only add candidate pairs, which the scorer then judges.
PLAIN, TYPO, SOUND_KEY, INITIAL_KEY = 0, 1, 2, 3  # key kinds
_KIND_OF_PREFIX = {"-": TYPO, "~": TYPO, "#": SOUND_KEY, "^": INITIAL_KEY}
_HASH_BITS = (1 << 60) - 1
_MIX = 0x9E3779B97F4A7C1  # combines two codes into one (odd, so no bits are lost)
ANY, INITIAL, LATIN, OTHER_SCRIPT = 0, 1, 2, 3  # entry tags
_BY_SCRIPT = -1  # a sound key's tag until the name's script is known
_POPCOUNT = np.array([bin(m).count("1") for m in range(256)], dtype=np.int64)


def candidate_pairs(names: Sequence[ParsedName]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of names worth exact scoring, sorted."""
    if len(names) < 2:
        return []
    pieces = _shared_parts(names)
    shape = _NameShape.of(names)
    # A pair's meetings are OR-ed together and judged a share of the names at a time (by
    # the smaller index), so that the sorting is bounded by the share, not by every
    # meeting of every pair at once.
    shares = max(1, sum(len(p[0]) for p in pieces) // _MEETINGS_PER_SHARE)
    # Each piece is put in share order once, so each share is a slice of it, instead of
    # every share picking its rows out of every piece; in place, so memory does not double.
    bounds = []
    for number, piece in enumerate(pieces):
        pieces[number], piece_bounds = _by_share(piece, shares)
        bounds.append(piece_bounds)
    codes = []
    for share in range(shares):
        chosen = [
            _rows(p, slice(b[share], b[share + 1])) for p, b in zip(pieces, bounds, strict=True)
        ]
        left, right, mask_left, mask_right = _combine(chosen, len(names))
        keep = _worth_scoring(names, shape, left, right, mask_left, mask_right)
        codes.append(left[keep].astype(np.int64) * len(names) + right[keep])
    code = np.sort(np.concatenate(codes))
    # One int object per name, shared by all its pairs (and the scored pairs made from
    # them): a million names' 3 million pairs would otherwise hold 6 million ints, 170 MB.
    index = list(range(len(names)))
    firsts = map(index.__getitem__, (code // len(names)).tolist())
    seconds = map(index.__getitem__, (code % len(names)).tolist())
    return list(zip(firsts, seconds, strict=True))


def _rows(
    piece: tuple[Ints, Ints, Ints, Ints], chosen: slice | Ints
) -> tuple[Ints, Ints, Ints, Ints]:
    """The chosen rows of a piece of pairs (a slice, or their indices)."""
    return piece[0][chosen], piece[1][chosen], piece[2][chosen], piece[3][chosen]


def _by_share(
    piece: tuple[Ints, Ints, Ints, Ints], shares: int
) -> tuple[tuple[Ints, Ints, Ints, Ints], list[int]]:
    """A piece's rows in order of their share (the first name modulo `shares`), and where
    each share's rows start."""
    share = (piece[0] % shares).astype(np.min_scalar_type(shares))
    # A stable sort of small integers is a fast radix sort, and keeps each share's rows
    # in their order.
    order = np.argsort(share, kind="stable")
    starts = np.r_[0, np.cumsum(np.bincount(share, minlength=shares))]
    return _rows(piece, order), starts.tolist()


def _kind(codes: Ints) -> Ints:
    """The kind of each code."""
    return codes & 3


@dataclass(frozen=True)
class _KeyTable:
    """Every name's keys as flat arrays: one entry per (name, key), and per name (CSR) the
    rows of keys that split large buckets."""

    owner: Ints
    mask: Ints
    code: Ints
    split_offsets: Ints  # per name, into the split rows
    split_mask: Ints
    split_code: Ints
    split_tag: Ints


def _key_table(names: Sequence[ParsedName], latin: npt.NDArray[np.bool_]) -> _KeyTable:
    """The keys of all names, computed once per distinct part and spread over the names.

    Parts repeat far more than names do (a million names have a few hundred thousand
    distinct parts), so the string work is per part and the spreading is numpy.
    """
    items: dict[tuple[str, bool, str], int] = {}
    occurrence_owner, occurrence_mask, occurrence_item = array("q"), array("q"), array("q")
    for index, name in enumerate(names):
        script = key_script(name.script)
        found = part_items(name)
        # A name's occurrences at once: a million names, a few items each.
        occurrence_owner.extend(itertools.repeat(index, len(found)))
        occurrence_mask.extend([parts for _, parts, _ in found])
        occurrence_item.extend(
            [items.setdefault((text, joined, script), len(items)) for text, _, joined in found]
        )
    # Sound keys pair only names written in different scripts: with one script, none.
    sound = not latin.all()
    item_list = list(items)
    del items
    keys, splits, split_tags = _Csr(), _Csr(), _Csr()
    # The string work is pure Python, so it runs on every core; forked workers share the
    # parent's string hashes, so their key codes agree.
    for chunk in run_in_chunks(
        lambda start, end: [_item_key_rows(item_list[start:end], sound)],
        len(item_list),
        _no_report,
        "blocking keys",
        parallel_min=PARALLEL_MIN_ITEMS,
    ):
        keys.append_rows(chunk[0])
        splits.append_rows(chunk[1])
        split_tags.append_rows(chunk[2])
    item_list.clear()  # the key rows are all that is needed now
    owner, mask, item = (
        np.frombuffer(a, dtype=np.int64)
        for a in (occurrence_owner, occurrence_mask, occurrence_item)
    )
    key_owner, key_mask, key_codes = keys.spread(item, owner, mask)
    split_owner, split_mask, split_code = splits.spread(item, owner, mask)
    _, _, split_tag = split_tags.spread(item, owner, mask)
    by_script = np.where(latin[split_owner], LATIN, OTHER_SCRIPT)
    return _KeyTable(
        owner=key_owner,
        mask=key_mask,
        code=key_codes,
        split_offsets=np.searchsorted(split_owner, np.arange(len(names) + 1)).astype(np.int64),
        split_mask=split_mask,
        split_code=split_code,
        split_tag=np.where(split_tag == _BY_SCRIPT, by_script, split_tag).astype(np.int8),
    )


def _item_key_rows(items: list[tuple[str, bool, str]], sound: bool) -> tuple[_Csr, _Csr, _Csr]:
    """Per item: its key codes, the codes of its split keys, and their tags."""
    keys: list[str] = []
    splits: list[str] = []
    key_ends, split_ends, split_tags = array("q"), array("q"), array("q")
    for text, joined, script in items:
        found = item_keys(text, joined, script)
        keys.extend(found if sound else [k for k in found if k[0] != "#"])
        key_ends.append(len(keys))
        for key, tag in _split_keys_of(text, joined, script):
            if sound or key[0] != "#":
                splits.append(key)
                split_tags.append(tag)
        split_ends.append(len(splits))
    return (
        _Csr.of(_key_codes(keys), key_ends),
        _Csr.of(_key_codes(splits), split_ends),
        _Csr.of(np.frombuffer(split_tags, dtype=np.int64), split_ends),
    )


def _key_codes(keys: list[str]) -> Ints:
    """The code of each blocking key: its hash, with its kind in the two low bits.

    Hashing and looking up the kinds with `map` and the arithmetic in numpy take a
    fraction of the time of a Python call per key.
    """
    hashes = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
    first = map(operator.itemgetter(0), keys)
    kinds = map(_KIND_OF_PREFIX.get, first, itertools.repeat(PLAIN))
    kind = np.fromiter(kinds, dtype=np.int64, count=len(keys))
    return ((hashes & _HASH_BITS) << 2) | kind


def _no_report(stage: str, done: int, total: int) -> None:
    """Blocking reports no progress of its own: dedupe reports the stage as a whole."""


def _split_keys_of(text: str, joined: bool, script: str) -> list[tuple[str, int]]:
    """(key, tag) splitting large buckets for one item: its first letter and its split keys.

    A sound key's tag is _BY_SCRIPT here and becomes the name's script tag when spread.
    """
    if joined:
        # Meets the same spelling as one part (its "n:" key), or the same two syllables
        # in another romanization (Jie Ting / Chieh-ting).
        return [("n:" + text, ANY)] + [
            (k, ANY) for k in sorted(romanization.two_syllable_keys(text))
        ]
    tagged = [(k, _BY_SCRIPT if k[0] == "#" else ANY) for k in sorted(split_keys(text, script))]
    initial = [("^" + text[0], INITIAL if len(text) == 1 else ANY)]
    return initial + (tagged if len(text) > 1 else [])


class _Csr:
    """Rows of integers of varying length, appended one row at a time."""

    def __init__(self) -> None:
        self.offsets = array("q", [0])
        self.values = array("q")

    @staticmethod
    def of(values: Ints, ends: array[int]) -> _Csr:
        """A table of the given values, row k ending before ends[k]."""
        table = _Csr()
        table.values.frombytes(np.ascontiguousarray(values, dtype=np.int64).tobytes())
        table.offsets.extend(ends)
        return table

    def append_rows(self, other: _Csr) -> None:
        """Append every row of another table."""
        base = len(self.values)
        self.values.extend(other.values)
        self.offsets.extend(offset + base for offset in other.offsets[1:])

    def spread(self, rows: Ints, owner: Ints, mask: Ints) -> tuple[Ints, Ints, Ints]:
        """For each occurrence (row number, owner, mask): each value of its row, with the
        occurrence's owner and mask, as compact arrays.

        Done a slice of occurrences at a time: the index arithmetic takes several times
        the memory of the result.
        """
        offsets = np.frombuffer(self.offsets, dtype=np.int64)
        values = np.frombuffer(self.values, dtype=np.int64)
        owners, masks, codes = [], [], []
        for start in range(0, len(rows), _SPREAD_CHUNK):
            part = slice(start, start + _SPREAD_CHUNK)
            counts = offsets[rows[part] + 1] - offsets[rows[part]]
            starts = np.repeat(offsets[rows[part]] - np.r_[0, np.cumsum(counts)[:-1]], counts)
            codes.append(values[starts + np.arange(int(counts.sum()), dtype=np.int64)])
            owners.append(np.repeat(owner[part], counts).astype(np.int32))
            masks.append(np.repeat(mask[part], counts).astype(np.uint8))
        empty = np.zeros(0, dtype=np.int64)
        return (
            np.concatenate([empty.astype(np.int32), *owners]),
            np.concatenate([empty.astype(np.uint8), *masks]),
            np.concatenate([empty, *codes]),
        )


def _shared_parts(names: Sequence[ParsedName]) -> list[tuple[Ints, Ints, Ints, Ints]]:
    """Every pair meeting under some key (left < right), with the parts each side shares,
    in pieces that may repeat a pair with other parts."""
    latin = np.array([name.script == "Latn" for name in names])
    table = _key_table(names, latin)
    codes, owner = table.code, table.owner
    pieces = []
    large_parts = []
    # Keys are paired a share of the codes at a time, so that the sorting and copying of
    # entries is bounded by the share, not by every key of every name at once.
    passes = max(1, len(codes) // _ENTRIES_PER_PASS)
    # Each entry's pass, computed once as small integers: recomputing the modulo of every
    # code on every pass cost more than the pairing itself.
    which = ((codes >> 2) % passes).astype(np.min_scalar_type(passes))
    for part in range(passes):
        entries = np.flatnonzero(which == part)
        sound = _kind(codes[entries]) == SOUND_KEY
        tag = np.where(sound, np.where(latin[owner[entries]], LATIN, OTHER_SCRIPT), ANY)
        pairs, large = _bucket_pairs(codes[entries], owner[entries], table.mask[entries], tag)
        pieces.append(_combine([pairs], len(names)))
        large_parts.append(entries[large])
    # Large buckets of typo keys (one letter deleted, letters folded) are not split: their
    # pairs meet again under the part's own keys, and splitting them would multiply work.
    large = np.concatenate(large_parts)
    large = large[_kind(codes[large]) != TYPO]
    large = large[_stable_order(codes[large])]
    # The bucket pairing drops repeats within a pass; a repeat may sit in another pass.
    large = large[_first_of_alike_buckets(codes[large], table.owner[large], table.mask[large])]
    # Large buckets are split a chunk at a time (whole buckets per chunk), so memory stays
    # bounded by the chunk, not by every meeting of every pair at once.
    rank = _name_rank(names)
    for chunk in _whole_bucket_chunks(codes[large], _SPLIT_CHUNK):
        split = _split_pairs(large[chunk], table, rank, latin)
        pieces.append(_combine([split], len(names)))
    return pieces


def _first_of_alike_buckets(
    codes: Ints, owner: Ints, mask: Ints, tag: Ints | None = None
) -> npt.NDArray[np.bool_]:
    """Which entries (sorted by code) to keep: those of each bucket that no earlier bucket
    of the same kind matches entry for entry (same names, same parts, same tags).

    A part's own key and its "n:" key, or its Arabic and Russian keys, often gather the
    same names: such buckets make the same pairs, so one of them is enough. About a third
    of the entries of large buckets repeat another, and most of the split buckets do.
    """
    keep = np.ones(len(codes), dtype=bool)
    if len(codes) == 0:
        return keep
    starts, sizes = _buckets(codes)
    member = owner.astype(np.uint64) << np.uint64(16) | mask.astype(np.uint64) << np.uint64(8)
    if tag is not None:
        member |= tag.astype(np.uint64) & np.uint64(255)
    # A bucket's fingerprint: its members' mixed values summed, mixed with its size and kind.
    shape = sizes.astype(np.uint64) << np.uint64(2) | _kind(codes[starts]).astype(np.uint64)
    signature = _mix64(np.add.reduceat(_mix64(member), starts) ^ _mix64(shape))
    _, first, inverse = np.unique(signature, return_index=True, return_inverse=True)
    repeat = np.flatnonzero(first[inverse] != np.arange(len(starts)))
    original = first[inverse[repeat]]
    # A fingerprint only points at a repeat: it is dropped only if every entry matches.
    same_size = sizes[original] == sizes[repeat]
    repeat, original = repeat[same_size], original[same_size]
    if len(repeat) == 0:
        return keep
    counts = sizes[repeat]
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    same = (
        member[np.repeat(starts[repeat], counts) + offsets]
        == member[np.repeat(starts[original], counts) + offsets]
    )
    alike = np.logical_and.reduceat(same, np.cumsum(counts) - counts)
    dropped = np.zeros(len(starts), dtype=bool)
    dropped[repeat[alike]] = True
    keep[np.repeat(dropped, sizes)] = False
    return keep


def _buckets(codes: Ints) -> tuple[Ints, Ints]:
    """Where each bucket of sorted codes starts, and its size."""
    if len(codes) == 0:
        return codes, codes
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    return starts, np.diff(np.r_[starts, len(codes)])


def _mix64(values: Ints) -> Ints:
    """A 64-bit mix of unsigned integers (splitmix64's finaliser): equal in, equal out;
    different in, different out but for chance."""
    with np.errstate(over="ignore"):
        x = values.astype(np.uint64)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


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


def _stable_order(codes: Ints) -> Ints:
    """The order `np.argsort(codes, kind="stable")` gives, found several times faster."""
    return _stable_sort(codes)[0]


def _stable_sort(codes: Ints) -> tuple[Ints, Ints]:
    """The order `np.argsort(codes, kind="stable")` gives, and the codes in that order.

    A plain sort of numbers is much faster than an argsort, so each code's high bits and
    its index are packed into one number and sorted: that orders by code, and equal codes
    by index. Codes that differ only in the dropped low bits (rare) are put in order
    after, by a stable sort of the nearly sorted codes.
    """
    bits = np.uint64(max(1, (len(codes) - 1).bit_length()))
    # Flipping the sign bit orders signed codes as unsigned numbers.
    high = (codes.view(np.uint64) ^ np.uint64(1 << 63)) >> bits << bits
    packed = np.sort(high | np.arange(len(codes), dtype=np.uint64))
    order = (packed & ((np.uint64(1) << bits) - np.uint64(1))).astype(np.int64)
    ordered = codes[order]
    if not (ordered[1:] >= ordered[:-1]).all():
        fix = np.argsort(ordered, kind="stable")
        order, ordered = order[fix], ordered[fix]
    return order, ordered


def _bucket_pairs(
    codes: Ints, owner: Ints, mask: Ints, tag: Ints, sound_cap: int = _SOUND_CAP
) -> tuple[tuple[Ints, Ints, Ints, Ints], Ints]:
    """All allowed pairs within buckets of at most BUCKET_CAP entries (`sound_cap` for
    sound keys); the indices of the larger buckets' entries."""
    order, codes = _stable_sort(codes)
    tag = tag[order]
    starts, sizes = _buckets(codes)
    if len(codes):
        # Drop buckets that cannot make a single allowed pair: a lone entry, an initial key
        # without an initial, a sound key with names of one script only.
        kind = _kind(codes[starts])
        low, high = np.minimum.reduceat(tag, starts), np.maximum.reduceat(tag, starts)
        useful = (sizes >= 2) & (
            ((kind == PLAIN) | (kind == TYPO))
            | ((kind == INITIAL_KEY) & (np.maximum.reduceat(tag == INITIAL, starts) > 0))
            | ((kind == SOUND_KEY) & (low != high))
        )
        if not useful.all():
            kept = np.repeat(useful, sizes)
            order, codes, tag = order[kept], codes[kept], tag[kept]
            starts, sizes = _buckets(codes)
    # Gathered only for the entries kept.
    owner, mask = owner[order], mask[order]
    # A bucket that repeats an earlier one entry for entry makes the same pairs: split
    # buckets repeat most (Wang split by Wei's "n:" key and by its "zh:" key alike).
    kept = _first_of_alike_buckets(codes, owner, mask, tag)
    if not kept.all():
        order, codes, tag = order[kept], codes[kept], tag[kept]
        owner, mask = owner[kept], mask[kept]
        starts, sizes = _buckets(codes)
    sound = _kind(codes[starts]) == SOUND_KEY
    limit = np.where(sound, sound_cap, BUCKET_CAP)
    small = (sizes >= 2) & (sizes <= limit)
    firsts: list[Ints] = [np.zeros(0, dtype=np.int64)]
    seconds: list[Ints] = [np.zeros(0, dtype=np.int64)]
    for size in np.unique(sizes[small]).tolist():
        bucket_starts = starts[small & (sizes == size)]
        upper_a, upper_b = np.triu_indices(size, 1)
        firsts.append((bucket_starts[:, None] + upper_a).ravel())
        seconds.append((bucket_starts[:, None] + upper_b).ravel())
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    kind = _kind(codes[a])
    keep = (owner[a] != owner[b]) & (
        ((kind == PLAIN) | (kind == TYPO))
        | ((kind == INITIAL_KEY) & ((tag[a] == INITIAL) | (tag[b] == INITIAL)))
        | ((kind == SOUND_KEY) & (tag[a] != tag[b]))
    )
    a, b = a[keep], b[keep]
    in_large = np.repeat(sizes > limit, sizes)
    return (owner[a], owner[b], mask[a], mask[b]), order[in_large]


def _split_pairs(
    entries: Ints, table: _KeyTable, rank: Ints, latin: npt.NDArray[np.bool_]
) -> tuple[Ints, Ints, Ints, Ints]:
    """Pairs from keys shared by too many names: split by the keys of the names' other parts.

    Wang is split into Wang+Wei, Wang+Li, ...; initials meet the parts they could stand
    for (J. / John) under "^" keys. What is still too large is paired with its nearest
    neighbours in name order.
    """
    offsets = table.split_offsets
    entry_owner = table.owner[entries]
    first, count = offsets[entry_owner], offsets[entry_owner + 1] - offsets[entry_owner]
    # One row per (entry, part of its name): the entry's key combined with the part's key.
    # The entry's values are repeated over its rows: gathering them from the whole table
    # row by row cost several times more.
    row_part = np.repeat(first - np.r_[0, np.cumsum(count)[:-1]], count) + np.arange(count.sum())
    row_mask = np.repeat(table.mask[entries], count)
    part_mask = table.split_mask[row_part]
    free = (row_mask & part_mask) == 0
    row_part, mask2 = row_part[free], (row_mask | part_mask)[free]
    parent = np.repeat(table.code[entries], count)[free]
    owner2 = np.repeat(entry_owner, count)[free]
    sub = table.split_code[row_part]
    # Under a sound key only names in different scripts pair, whatever the part splitting
    # it: the combined key is a sound key, tagged by script.
    parent_sound = _kind(parent) == SOUND_KEY
    kind = np.where(parent_sound, SOUND_KEY, _kind(sub))
    combined = ((parent * _MIX) ^ sub) & ~np.int64(3) | kind
    tags = np.where(
        parent_sound, np.where(latin[owner2], LATIN, OTHER_SCRIPT), table.split_tag[row_part]
    )
    pairs, large = _bucket_pairs(combined, owner2, mask2, tags, _SPLIT_SOUND_CAP)
    large = large[(_kind(combined[large]) == PLAIN) | (_kind(combined[large]) == TYPO)]
    return _concat([pairs, _neighbour_pairs(large, combined, owner2, mask2, rank)])


def _neighbour_pairs(
    entries: Ints, codes: Ints, owner: Ints, mask: Ints, rank: Ints
) -> tuple[Ints, Ints, Ints, Ints]:
    """Each entry paired with its next NEIGHBOURS entries of the same bucket in name order
    (`rank`: each name's position in that order)."""
    if len(entries) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    # By code, then by rank, then as given: as np.lexsort would, with two faster sorts.
    by_rank = _stable_order(rank[owner[entries]])
    entries = entries[by_rank]
    by_code, code = _stable_sort(codes[entries])
    entries = entries[by_code]
    # Gathered once in that order, each step compares shifted slices.
    who, masks = owner[entries], mask[entries]
    pieces = []
    for step in range(1, NEIGHBOURS + 1):
        a, b = slice(None, -step), slice(step, None)
        keep = (code[a] == code[b]) & (who[a] != who[b])
        pieces.append((who[a][keep], who[b][keep], masks[a][keep], masks[b][keep]))
    return _concat(pieces)


def _name_rank(names: Sequence[ParsedName]) -> Ints:
    """Each name's position in the order of order-insensitive keys."""
    keys = [name.sorted_key for name in names]
    order = sorted(range(len(names)), key=keys.__getitem__)
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
    code = left.astype(np.int64) * count + right
    if len(code) == 0:
        return left, right, mask_left, mask_right
    if count * count < _PACKABLE:
        # Both 8-bit masks ride below the pair's code, so a plain sort groups the pairs:
        # several times faster than sorting an index by the codes and permuting.
        packed = np.sort(code << 16 | mask_left.astype(np.int64) << 8 | mask_right)
        code = packed >> 16
        starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
        code = code[starts]
        return (
            (code // count).astype(first.dtype),
            (code % count).astype(first.dtype),
            np.bitwise_or.reduceat(packed >> 8 & 255, starts).astype(np.uint8),
            np.bitwise_or.reduceat(packed & 255, starts).astype(np.uint8),
        )
    order = np.argsort(code, kind="stable")
    code, left, right = code[order], left[order], right[order]
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    return (
        left[starts],
        right[starts],
        np.bitwise_or.reduceat(mask_left[order], starts),
        np.bitwise_or.reduceat(mask_right[order], starts),
    )


@dataclass(frozen=True)
class _NameShape:
    """Per name: whether it has initials, how many full parts, its personal name's bit and
    spelling (as a code), whether it is in Latin letters and whether it reads as a Chinese
    or Korean name."""

    with_initials: npt.NDArray[np.bool_]
    parts: Ints
    personal: Ints
    personal_code: Ints
    latin: npt.NDArray[np.bool_]
    east_asian: npt.NDArray[np.bool_]

    @staticmethod
    def of(names: Sequence[ParsedName]) -> _NameShape:
        """The shapes of all names."""
        initials, parts, personal, codes, east_asian = [], [], [], [], []
        codes_of: dict[str, int] = {}
        for index, name in enumerate(names):  # one pass: a million names
            initials.append(any(len(t) == 1 for t in name.tokens[:MAX_PARTS]))
            parts.append(full_parts(name))
            bit = personal_bit(name)
            personal.append(bit)
            # Names without a personal name get a code of their own, equal to no other.
            token = name.tokens[bit.bit_length() - 1] if bit else None
            codes.append(codes_of.setdefault(token, len(codes_of)) if token else -1 - index)
            east_asian.append(romanization.reads_as_east_asian(name.tokens))
        return _NameShape(
            np.array(initials, dtype=bool),
            np.array(parts, dtype=np.int64),
            np.array(personal, dtype=np.int64),
            np.array(codes, dtype=np.int64),
            np.array([n.script == "Latn" for n in names]),
            np.array(east_asian, dtype=bool),
        )


def _worth_scoring(
    names: Sequence[ParsedName],
    shape: _NameShape,
    left: Ints,
    right: Ints,
    mask_left: Ints,
    mask_right: Ints,
) -> npt.NDArray[np.bool_]:
    """Which pairs share enough parts, and both personal names, to be worth scoring."""
    with_initials = shape.with_initials
    for row in np.flatnonzero(with_initials[left] | with_initials[right]).tolist():
        i, j = int(left[row]), int(right[row])
        mask_i, mask_j = _fit_initials(
            names[i], int(mask_left[row]), names[j], int(mask_right[row])
        )
        mask_j, mask_i = _fit_initials(names[j], mask_j, names[i], mask_i)
        mask_left[row], mask_right[row] = mask_i, mask_j
    parts, personal = shape.parts, shape.personal
    # Two names that met by another part and write their personal name alike share it,
    # though a common one (Husayn, Ali) is too common a key to meet by: its bucket is split
    # by the other parts' exact keys, which a typo in the surname (al-Shami / Ashami) misses.
    same_personal = shape.personal_code[left] == shape.personal_code[right]
    mask_left = np.where(same_personal, mask_left | personal[left], mask_left)
    mask_right = np.where(same_personal, mask_right | personal[right], mask_right)
    fewest = np.minimum(parts[left], parts[right])
    # Two Chinese or Korean names each written in three parts (a given name's syllables
    # apart) that share only two, a surname and one syllable, have different given names
    # (Bae Gwang Ha / Bae Kwang Do): all three must meet.
    most = np.where(shape.east_asian[left] & shape.east_asian[right], 3, 2)
    needed = np.maximum(1, np.minimum(most, fewest))
    shared = np.minimum(_POPCOUNT[mask_left & 255], _POPCOUNT[mask_right & 255])
    # A one-part mention (Paparo) is about the family name: no personal name to share.
    personal_shared = ((mask_left & personal[left]) == personal[left]) & (
        (mask_right & personal[right]) == personal[right]
    )
    # Across scripts a short personal name may have no sound key to meet by (Aiman / أيمن):
    # there three other parts met instead will do.
    across = shape.latin[left] != shape.latin[right]
    enough = personal_shared | (fewest < 2) | (across & (shared >= _ACROSS_SCRIPTS_PARTS))
    return np.asarray((shared >= needed) & enough, dtype=bool)


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
