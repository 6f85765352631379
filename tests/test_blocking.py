"""Blocking proposes the pairs of names that spell one person, even under common surnames."""

from __future__ import annotations

import numpy as np
import pytest

from namekit import blocking
from namekit.blocking import (
    ANY,
    INITIAL,
    INITIAL_KEY,
    PLAIN,
    SOUND_KEY,
    TYPO,
    _first_of_alike_buckets,
    _key_codes,
    _stable_order,
    candidate_pairs,
)
from namekit.normalize import parse_name

# Enough bearers of one surname that its bucket is too large to pair exhaustively.
OTHER_ZHUS = [
    f"Zhu {given}"
    for given in (
        "Wei", "Min", "Lei", "Hua", "Jun", "Hong", "Ping", "Yang", "Bo", "Qiang", "Xin",
        "Li Na", "Xiao Ming", "Guo Qing", "Hai Tao", "Jian Guo", "Shu Fen", "Yu Lan",
    )
]  # fmt: skip


def proposed(a: str, b: str, others: list[str]) -> bool:
    """Whether blocking proposes names a and b among the others."""
    names = sorted({a, b, *others})
    parsed = [parse_name(n) for n in names]
    i, j = sorted((names.index(a), names.index(b)))
    return (i, j) in candidate_pairs(parsed)


def test_a_given_name_written_apart_meets_it_written_as_one_in_another_romanization() -> None:
    # Wade-Giles Chieh-ting is pinyin Jie Ting: two parts on one side, one on the other.
    assert proposed("Zhu Jie Ting", "CHU Chieh-ting", OTHER_ZHUS)
    assert proposed(
        "Yang Ping Tsai", "Cai, Yangbing", [n.replace("Zhu", "Tsai") for n in OTHER_ZHUS]
    )


def test_a_common_surname_alone_is_not_enough() -> None:
    assert not proposed("Zhu Jie Ting", "Zhu Hai Tao", OTHER_ZHUS[:-3])


def test_across_scripts_three_parts_met_stand_in_for_a_short_personal_name() -> None:
    # "Ali" and "Aiman" are too short for a sound key to meet their Arabic spellings by;
    # the father's, grandfather's and family names meet instead.
    assert proposed("Ali Hassan Karim Tamimi", "علي حسن كريم تميمي", [])
    assert proposed("Aiman Hassan Karim al-Tamimi", "أيمن حسن كريم التميمي", [])


def test_across_scripts_two_parts_met_without_the_personal_name_are_not_enough() -> None:
    assert not proposed("Ali Karim Tamimi", "عمر كريم تميمي", [])


def test_key_codes_carry_each_key_kind_and_agree_for_equal_keys() -> None:
    keys = ["wang", "~wang", "-wng", "#wng", "^w", "n:wang", "zh:王", "ko:왕"]
    codes = _key_codes(keys + keys[::-1])
    assert (codes[: len(keys)] & 3).tolist() == [
        PLAIN,
        TYPO,
        TYPO,
        SOUND_KEY,
        INITIAL_KEY,
        PLAIN,
        PLAIN,
        PLAIN,
    ]
    assert codes[: len(keys)].tolist() == codes[len(keys) :][::-1].tolist()
    assert len(set(codes.tolist())) == len(keys)


def test_the_fast_stable_order_is_the_stable_argsort() -> None:
    rng = np.random.default_rng(7)
    wide = rng.integers(-(1 << 63), (1 << 63) - 1, 5_000, dtype=np.int64)
    repeated = rng.choice(wide[:300], 5_000)
    # Codes equal in their high bits, differing only in the low bits the packing drops.
    low_bits_only = (repeated >> 40 << 40) | rng.integers(0, 4, 5_000)
    for codes in (wide, repeated, low_bits_only, wide[:1], wide[:0]):
        assert _stable_order(codes).tolist() == np.argsort(codes, kind="stable").tolist()


def test_east_asian_names_in_three_parts_must_share_all_three() -> None:
    # A surname and one syllable of the given name in common is another given name.
    assert not proposed("Bae Gwang Ha", "Bae Kwang Do", [])
    assert proposed("Bae Gwang Ha", "Bae Kwang Ha", [])
    # Written as one part on one side, the given name is still met whole.
    assert proposed("Bae Gwang Ha", "Bae Kwangha", [])


def test_spellings_apart_only_in_vowels_meet_under_a_common_given_name() -> None:
    # Yasin B... is shared by too many names to pair them all: the bucket is split by the
    # other parts, and Baynah / Benah (one name, vowels written apart) must split alike.
    others = [f"Yasin {family}" for family in ("Bakr", "Bashir", "Badawi", "Bakri", "Barakat",
              "Bazzi", "Bilal", "Boulos", "Burhan", "Bustani", "Bitar")]  # fmt: skip
    assert proposed("BAYNAH, Yasin", "BENAH, Yasin", others)


def test_a_surname_typo_meets_under_a_common_given_name_written_alike() -> None:
    # Husayn is shared by too many names to pair them all, and its bucket is split by the
    # other parts' exact keys, which al-Shami / Ashami do not share: the surnames meet by a
    # dropped letter, and the given names, written alike, count as met.
    others = [f"{family}, Husayn" for family in ("Bakr", "Bashir", "Badawi", "Hamdan", "Jabir",
              "Kamal", "Nasser", "Qasim", "Rashid", "Salim", "Tahir")]  # fmt: skip
    assert proposed("AL-SHAMI, Husayn", "ASHAMI, Husayn", others)
    # Written otherwise, they still need to meet by a key of their own.
    assert not proposed("AL-SHAMI, Husayn", "ASHAMI, Hasan", [*others, "Khalil, Hasan"])


def test_a_personal_name_behind_its_article_is_the_name_not_the_article() -> None:
    # Al-Hassan's personal name is Hassan, as the scorer reads it: met by Hasan's keys, the
    # pair is proposed though "al" itself meets nothing.
    others = [f"ALI ABKAR, {given}" for given in ("Omar", "Yusuf", "Tariq")]
    assert proposed("ALI ABKAR, Hasan", "ALI ABKAR, Al-Hassan", others)


def test_a_large_bucket_is_split_once_when_another_gathers_the_same_names() -> None:
    # Buckets 10 and 20 hold the same names with the same parts, 30 the same names with
    # other parts, 40 other names: only 20 repeats an earlier bucket.
    codes = np.array([10] * 3 + [20] * 3 + [30] * 3 + [40] * 3, dtype=np.int64) << 2
    owner = np.array([1, 4, 9, 1, 4, 9, 1, 4, 9, 1, 4, 8], dtype=np.int32)
    mask = np.array([1, 2, 1, 1, 2, 1, 1, 2, 2, 1, 2, 1], dtype=np.uint8)
    keep = _first_of_alike_buckets(codes, owner, mask)
    assert keep.tolist() == [True] * 3 + [False] * 3 + [True] * 6
    # A bucket of another kind (a sound key's) pairs other names: it is kept.
    sound = codes | np.where(codes == 20 << 2, SOUND_KEY, PLAIN)
    assert _first_of_alike_buckets(sound, owner, mask).all()
    # Nor is one whose entries are tagged otherwise (an initial where the other has none).
    tag = np.where(codes == 20 << 2, INITIAL, ANY)
    assert _first_of_alike_buckets(codes, owner, mask, tag).all()


def test_blocking_proposes_the_same_pairs_whether_or_not_repeated_buckets_are_split(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    given = ["Wei", "Min", "Lei", "Hua", "Jun", "Hong", "Ping", "Yang", "Bo", "Qiang", "Xin",
             "Ahmad", "Muhammad", "Ali", "Hasan", "Anna", "John"]  # fmt: skip
    family = ["Zhu", "Chu", "Wang", "Wong", "Ali", "Hassan", "Hasan", "Smith", "Smyth", "Kim"]
    names = {f"{g} {f}" for g in given for f in family}
    names |= {f"{g} {m} {f}" for g in given for m in given[:6] for f in family}
    parsed = [parse_name(n) for n in sorted(names)]
    once = candidate_pairs(parsed)
    monkeypatch.setattr(
        blocking, "_first_of_alike_buckets", lambda codes, *_: np.ones(len(codes), bool)
    )
    assert candidate_pairs(parsed) == once
