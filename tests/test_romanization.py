"""Table-driven tests for namekit.romanization: a new case is a line in tests/cases/."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from namekit.chinese_systems import hokkien_keys, hokkien_link, same_syllable
from namekit.romanization import (
    explain_korean_link,
    explain_token_link,
    other_endings,
    shared_ending,
    token_keys,
)
from namekit.romanization_tables import read_rows, split_cell

CASES = Path(__file__).parent / "cases"


def _rows(name: str) -> list[dict[str, str]]:
    with (CASES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


PAIRS = _rows("romanization_pairs.csv")
KEYS = _rows("romanization_keys.csv")


@pytest.mark.parametrize("row", PAIRS, ids=[f"{r['token_a']}~{r['token_b']}" for r in PAIRS])
def test_pair_equivalence(row: dict[str, str]) -> None:
    """Two tokens link exactly when the case table says so, and the link is explained."""
    a, b = row["token_a"], row["token_b"]
    expected = row["expected_equivalent"] == "1"
    linked = bool(token_keys(a) & token_keys(b)) or a == b
    assert linked == expected, row["note"]
    if a != b:
        reason = explain_token_link(a, b)
        assert (reason is not None) == expected
        assert (explain_token_link(b, a) is not None) == expected


@pytest.mark.parametrize("row", KEYS, ids=[f"{r['token']}:{r['key']}" for r in KEYS])
def test_key_presence(row: dict[str, str]) -> None:
    """A specific key is (or is not) among a token's keys."""
    present = row["key"] in token_keys(row["token"])
    assert present == (row["expected_present"] == "1"), row["note"]


def test_keys_are_namespaced() -> None:
    """Every key names its system so the scorer can weigh and explain it."""
    for token in ("chen", "jongil", "zelensky", "qadhafi", "ohno", "muhammad", "smith"):
        for key in token_keys(token):
            assert key.split(":")[0] in {"zh", "ko", "ja", "ru", "ar"}, key


def test_invalid_tokens_have_no_keys() -> None:
    """Tokens the caller should not send (empty, non-ASCII, punctuation) give no keys."""
    for token in ("", "ch'en", "陈", "zelens'kiy", "o2"):
        assert token_keys(token) == frozenset()


def test_explanation_names_the_system() -> None:
    """An explanation says which romanization makes the link."""
    assert "Wade-Giles" in (explain_token_link("chinping", "jinping") or "")
    assert "Hokkien" in (explain_token_link("tan", "chen") or "")
    assert "Korean surname" in (explain_token_link("park", "pak") or "")
    assert "Arabic given name" in (explain_token_link("mohamed", "muhammad") or "")
    assert explain_token_link("li", "lu") is None


def test_explanation_names_only_the_rules_on_the_way_to_the_shared_spelling() -> None:
    # dj branches (đ, дж, дя): djordjevic meets dordevic as đ, so the rules of its other
    # readings (dyordyevic: ё written yo) are no part of why.
    why = explain_token_link("djordjevic", "dordevic") or ""
    assert "Serbian" in why and "yo" not in why


def test_korean_link_names_the_syllable_both_spell() -> None:
    # pong is also 벙 in some readings; the explanation names the syllable bong writes.
    why = explain_korean_link("pong", "bong")
    assert why is not None and "봉" in why and "벙" not in why
    assert explain_korean_link("nam", "sam") is None


def test_gwoyeu_romatzyh_tones_are_one_syllable() -> None:
    """Each Gwoyeu Romatzyh tonal spelling writes its Mandarin syllable, only syllable by
    syllable (as whole parts they are English words: Kay, May)."""
    for gr, pinyin in (("pyng", "ping"), ("jyh", "zhi"), ("huey", "hui"), ("yeou", "you")):
        assert same_syllable(gr, pinyin), gr
    assert not same_syllable("pyng", "peng")
    assert not token_keys("kay") & token_keys("kai")


def test_hokkien_links_only_to_mandarin() -> None:
    """A POJ given name links to the Mandarin spelling of its characters, never to another
    Hokkien spelling, and a token a Mandarin system spells is read as Mandarin."""
    assert "Taiwanese Hokkien" in (hokkien_link("kiankok", "chienkuo") or "")
    assert hokkien_link("kiankok", "jianguo") is not None
    assert hokkien_link("kiankok", "kiankek") is None
    assert hokkien_keys("pingan") == frozenset()  # Mandarin ping-an, not Hokkien


@pytest.mark.parametrize("row", read_rows("japanese_surnames.csv"), ids=lambda r: r["hepburn"])
def test_japanese_surname_spellings_share_a_key(row: dict[str, str]) -> None:
    """Every spelling of one Japanese surname reading (table columns) shares a key."""
    spellings = {row["hepburn_plain"], row["kana_spelling_romaji"], row["passport_oh_style"]}
    spellings |= set(split_cell(row["variants"]))
    folded = {s.lower().replace("ô", "o").replace("û", "u") for s in spellings}
    keys = [token_keys(s) for s in sorted(folded)]
    assert frozenset.intersection(*keys), sorted(folded)


@pytest.mark.parametrize("row", read_rows("korean_surnames.csv"), ids=lambda r: r["hangul"])
def test_korean_surname_spellings_share_the_hangul_key(row: dict[str, str]) -> None:
    """Every listed spelling of a Korean surname carries that surname's Hangul key."""
    for spelling in [*split_cell(row["common_spellings"]), row["revised_romanization"]]:
        assert "ko:" + row["hangul"] in token_keys(spelling.lower()), spelling


def test_uncached_speed() -> None:
    """Keys of a fresh token cost well under a millisecond (generous bound for CI noise)."""
    token_keys("warmup")
    tokens = [f"{a}{b}" for a in ("zhang", "hsiao", "moham", "zelen", "kawa") for b in "abcdefg"]
    start = time.perf_counter()
    for token in tokens:
        token_keys.__wrapped__(token)
    assert (time.perf_counter() - start) / len(tokens) < 1e-3


def test_shared_surname_ending_prefers_the_longest_ending() -> None:
    """Kaminski / Maminski share -inski (not just -ski), so their stems are kam / mam."""
    found = shared_ending("kaminski", "maminski")
    assert found is not None
    assert found[:4] == ("kam", "inski", "mam", "inski")
    ivanov = shared_ending("ivanov", "ivanova")
    assert ivanov is not None and ivanov[0] == ivanov[2] == "ivan"
    assert shared_ending("ivanov", "petrenko") is None


def test_one_stem_with_endings_of_two_groups() -> None:
    """Lukashevich / Lukashenka share a stem but end in two unrelated surname endings."""
    assert other_endings("lukashevich", "lukashenka") == ("evich", "enka")
    assert other_endings("lukashenko", "lukashenka") is None
