"""Reference knowledge about name parts: how common each is, and nicknames.

How common a name part is decides how much a shared part proves: two names sharing a
rare surname are probably one person, two names sharing "Wang", "Kim" or "Muhammad" may
well not be. Frequencies come from the bundled tables in `data/reference/` (US Census
2010 surnames, US SSA given names, common surnames and forenames by country, the Chinese
and Korean surname tables; see `data/reference/SOURCES.md`), never from hand-picked lists.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from functools import cache
from importlib import resources

from namekit.text import fold_token

# Shares of the population assumed for the tiers of the Chinese and Korean surname tables,
# which give ranks, not counts (Wang and Li are each about 7% of mainland China, Kim about
# 21% of South Korea; the tier is a floor for its members).
_TIER_SHARE = {"top10": 0.03, "top20": 0.01, "top100": 0.002, "common": 0.003, "other": 0.0005}
_US_SURNAME_TOTAL = 295_000_000  # people counted by the 2010 Census, rare surnames included
_US_GIVEN_TOTAL = 350_000_000  # SSA births 1920-2019 summed over both sexes (about)
_UNSEEN_SHARE = 1e-7


def _rows(*parts: str) -> Iterator[dict[str, str]]:
    """The rows of a bundled CSV table as dicts."""
    text = resources.files("namekit").joinpath("data", *parts).read_text(encoding="utf-8")
    yield from csv.DictReader(io.StringIO(text, newline=""))


def _variants(cell: str) -> list[str]:
    """The `|`-separated spellings in one cell, folded to matching form."""
    return [fold_token(v) for v in cell.split("|") if v.strip()]


@cache
def name_part_shares() -> dict[str, float]:
    """The share of people bearing each name part, as surname or given name, whichever is larger."""
    shares: dict[str, float] = {}

    def note(token: str, share: float) -> None:
        if token and share > shares.get(token, 0.0):
            shares[token] = share

    for row in _rows("reference", "us_census_2010_surnames.csv"):
        note(fold_token(row["surname"]), int(row["count"]) / _US_SURNAME_TOTAL)
    for row in _rows("reference", "us_ssa_given_names_1920_2019.csv"):
        note(fold_token(row["given_name"]), int(row["count"]) / _US_GIVEN_TOTAL)
    for table in ("world_common_surnames_by_country.csv", "world_popular_forenames_by_country.csv"):
        for row in _rows("reference", table):
            share = _float(row.get("share", "")) or 0.002
            for token in _variants(row["romanized_forms"]):
                note(token, share)
    for token, share in _east_asian_surname_spellings():
        note(token, share)
    for row in _rows("romanization", "arabic_given_names.csv"):
        # Muhammad and its spellings are borne by a large share of Muslim men.
        share = 0.05 if row["english_common"].startswith("Muhammad") else 0.005
        for token in _variants(row["english_common"] + "|" + row["french_maghreb"]):
            note(token, share)
    return shares


def _float(text: str) -> float | None:
    """A number from a table cell, or None when the cell is empty or not a number."""
    try:
        return float(text)
    except ValueError:
        return None


@cache
def name_part_weight(token: str) -> float:
    """How much a shared name part proves, from 0.2 (Wang, John) to 1.0 (unseen rare parts)."""
    if len(token) == 1:
        return 0.15  # an initial
    share = name_part_shares().get(token, _UNSEEN_SHARE)
    # log-scaled: a share of 1% weighs 0.25, 0.01% about 0.55, unseen (1e-7) 1.0.
    return min(1.0, max(0.2, 0.25 + 0.15 * (-math.log10(share) - 2.0)))


def _east_asian_surname_spellings() -> Iterator[tuple[str, float]]:
    """Each romanized Chinese and Korean surname spelling with its tier's population share."""
    for row in _rows("romanization", "chinese_surnames.csv"):
        share = _TIER_SHARE.get(row["freq_tier"], 0.0005)
        for column in (
            "pinyin_plain",
            "wade_giles_plain",
            "cantonese_hk",
            "minnan_hokkien_teochew",
        ):
            for token in _variants(row[column]):
                yield token, share
    for row in _rows("romanization", "korean_surnames.csv"):
        share = _TIER_SHARE.get(row["freq_tier"], 0.003)
        for token in _variants(row["common_spellings"] + "|" + row["mr_plain"]):
            yield token, share


@cache
def east_asian_surnames() -> frozenset[str]:
    """Romanized Chinese and Korean surnames: which part of a name is the family name."""
    return frozenset(token for token, _ in _east_asian_surname_spellings())


def is_east_asian_surname(token: str) -> bool:
    """Whether a romanized token is a common Chinese or Korean surname (Wu, Chan, Kim, Park)."""
    return token in east_asian_surnames()


# Spellings of a Russian given name in the table's transliteration columns; each is a
# formal name its diminutives (Vova, Dima, Masha) may stand for.
_RUSSIAN_FORMAL_COLUMNS = ("bgn_pcgn", "icao_9303", "popular", "conventional_spellings")


def _nickname_pairs() -> Iterator[tuple[str, str]]:
    """(formal name, nickname) pairs: English (nicknames_en.csv), namekit's additions with
    Spanish hypocorisms (nicknames_extra.csv) and Russian diminutives (the Russian given-name
    table's diminutives_latin column)."""
    for table in ("nicknames_en.csv", "nicknames_extra.csv"):
        for row in _rows("reference", table):
            yield fold_token(row["name1"]), fold_token(row["name2"])
    for row in _rows("romanization", "russian_given_names.csv"):
        formals = {v for column in _RUSSIAN_FORMAL_COLUMNS for v in _variants(row[column])}
        for nick in _variants(row["diminutives_latin"]):
            for formal in formals:
                yield formal, nick


@cache
def _nickname_groups() -> dict[str, frozenset[str]]:
    """For each given name or nickname, the names it may stand for (bill -> william)."""
    groups: dict[str, set[str]] = {}
    for formal, nick in _nickname_pairs():
        groups.setdefault(formal, {formal}).add(formal)
        groups.setdefault(nick, {nick}).add(formal)
    return {name: frozenset(formals) for name, formals in groups.items()}


def formal_names(name: str) -> frozenset[str]:
    """The names a given name may be short for, itself included (bill -> bill, william)."""
    return _nickname_groups().get(name, frozenset({name}))


def are_nicknames(a: str, b: str) -> bool:
    """Whether one given name is a nickname of the other (Bill / William).

    Two nicknames of one name are not linked: Hannah and Susan are both short for
    Susannah, and far more often two different names.
    """
    groups = _nickname_groups()  # looked up directly: this runs for most pairs of parts
    formal_b, formal_a = groups.get(b), groups.get(a)
    return (formal_b is not None and a in formal_b) or (formal_a is not None and b in formal_a)
