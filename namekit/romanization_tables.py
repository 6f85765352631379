"""Loading the romanization data files under ``namekit/data/romanization/``.

Every rule namekit applies to romanized names lives in a data file (see that folder's
``SOURCES.md``); this module reads them once, lazily, into lookup structures that
``namekit.romanization`` applies generically. Spellings read from the tables are folded the
way the caller folds tokens (lowercase ASCII letters only), so table lookups and tokens
agree.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from anyascii import anyascii

_DATA_PACKAGE = "namekit"
_DATA_DIR = ("data", "romanization")

# Rule replacements may branch ("x|K"); bound the branches so a long token cannot explode.
MAX_VARIANTS = 16


def fold(text: str) -> str:
    """Fold a table value like the caller folds tokens: lowercase ASCII letters only."""
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def _read_text(name: str) -> str:
    path = resources.files(_DATA_PACKAGE).joinpath(*_DATA_DIR, name)
    return path.read_text(encoding="utf-8")


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of one CSV data file as dictionaries."""
    return list(csv.DictReader(_read_text(name).splitlines()))


def split_cell(cell: str) -> list[str]:
    """Values of a ``|``-separated cell, empty values dropped."""
    return [value for value in cell.split("|") if value.strip()]


@dataclass(frozen=True)
class Stage:
    """One pass of substitutions: the rules' patterns joined into a single alternation."""

    regex: re.Pattern[str]
    replacements: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...]

    def rewrite(self, text: str) -> str | None:
        """The text rewritten in one pass, or None when a branching rule matched."""
        branched = False

        def replace(match: re.Match[str]) -> str:
            nonlocal branched
            options = self.replacements[(match.lastindex or 1) - 1]
            if len(options) > 1:
                branched = True
            return _expand(options[0], match)

        result = self.regex.sub(replace, text)
        return None if branched else result


@dataclass(frozen=True)
class RuleSet:
    """Ordered stages of spelling substitutions read from a ``*_rules.csv`` file."""

    stages: tuple[Stage, ...]

    def variants(self, token: str) -> frozenset[str]:
        """Every normal form of ``token`` (a rule with ``a|b`` yields both)."""
        text: str | None = token
        for index, stage in enumerate(self.stages):
            assert text is not None
            rewritten = stage.rewrite(text)
            if rewritten is None:  # rare: continue on every branch
                forms = {text}
                for later in self.stages[index:]:
                    forms = {out for form in forms for out, _ in _apply(later, form)}
                return frozenset(forms)
            text = rewritten
        assert text is not None
        return frozenset((text,))

    def fired(self, token: str, form: str | None = None) -> list[str]:
        """Notes of the rules that change ``token``, in order, for explanations: those on
        the way to the normal form `form` when given (a branching rule makes several),
        else those of every branch."""
        paths: dict[str, tuple[str, ...]] = {token: ()}
        for stage in self.stages:
            # Sorted: the notes come out in the same order in every run (sets follow the hash seed).
            after: dict[str, tuple[str, ...]] = {}
            for text, notes in sorted(paths.items()):
                for out, added in _apply(stage, text):
                    after.setdefault(out, notes + added)
            paths = after
        if form in paths:
            return list(paths[form])
        return [note for notes in paths.values() for note in notes]


def _expand(option: str, match: re.Match[str]) -> str:
    """A replacement: literal text, ``$0`` (the match kept) or ``$1`` (its first letter)."""
    if option == "$0":
        return match.group()
    if option == "$1":
        return match.group()[0]
    return option


def _apply(stage: Stage, text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every rewriting of the text by one stage, each with the notes of the rules that
    changed it."""
    pieces: list[tuple[tuple[str, str], ...]] = []
    last = 0
    for match in stage.regex.finditer(text):
        index = (match.lastindex or 1) - 1
        options = (_expand(option, match) for option in stage.replacements[index])
        note = stage.notes[index]
        pieces.append(((text[last : match.start()], ""),))
        pieces.append(tuple((o, "" if o == match.group() else note) for o in options))
        last = match.end()
    pieces.append(((text[last:], ""),))
    combos = itertools.islice(itertools.product(*pieces), MAX_VARIANTS)
    return [
        ("".join(piece for piece, _ in combo), tuple(note for _, note in combo if note))
        for combo in combos
    ]


@cache
def rule_set(name: str) -> RuleSet:
    """The staged rules of one rules file; rows in one stage match earliest-row-first."""
    by_stage: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in read_rows(name):
        by_stage[row["stage"]].append(row)
    stages = []
    for key in sorted(by_stage, key=int):
        rows = by_stage[key]
        # Each rule is the only capturing group of its alternative, so lastindex names it.
        pattern = "|".join(f"({row['pattern']})" for row in rows)
        stages.append(
            Stage(
                regex=re.compile(pattern),
                replacements=tuple(tuple(row["replacement"].split("|")) for row in rows),
                notes=tuple(row["note"] for row in rows),
            )
        )
    return RuleSet(tuple(stages))


@dataclass(frozen=True)
class Reading:
    """One way to read a spelled syllable: its canonical form and the system that spells it."""

    canonical: str
    system: str
    display: str


def _lexicon(entries: Iterable[tuple[str, Reading]]) -> dict[str, tuple[Reading, ...]]:
    table: dict[str, set[Reading]] = defaultdict(set)
    for spelling, reading in entries:
        if spelling:
            table[spelling].add(reading)
    return {
        spelling: tuple(sorted(readings, key=lambda r: (r.canonical, r.system)))
        for spelling, readings in table.items()
    }


@cache
def chinese_syllables() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Mandarin syllables it can write, over pinyin, Wade-Giles, Tongyong, Yale
    and the legacy postal spellings."""
    rows = read_rows("chinese_syllables.csv") + read_rows("chinese_legacy_spellings.csv")
    return _lexicon(
        (row["spelling"], Reading(row["pinyin"], row["system"], row["display"])) for row in rows
    )


@cache
def hokkien_syllables() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Mandarin syllables of the characters Taiwanese Hokkien reads so, in POJ
    or Tâi-lô (kian -> jian through 建 and 見); display is the spelling with examples."""
    return _lexicon(
        (
            row["spelling"],
            Reading(row["pinyin"], "hokkien", f"{row['spelling']} ({row['characters']})"),
        )
        for row in read_rows("hokkien_syllables.csv")
    )


@cache
def gwoyeu_romatzyh_syllables() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Mandarin syllables it writes in Gwoyeu Romatzyh, in any tone (pyng ->
    ping); display is the spelling with its tone."""
    return _lexicon(
        (row["spelling"], Reading(row["pinyin"], "gwoyeu_romatzyh", f"{row['spelling']}"))
        for row in read_rows("gwoyeu_romatzyh_syllables.csv")
    )


@cache
def palladius_syllables() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Mandarin syllables it writes in the Palladius Cyrillic system, spelled as
    namekit reads Cyrillic (Цзинь -> tszin -> jin); display is the Cyrillic."""
    from namekit.translit import to_latin  # the one place that reads Cyrillic

    return _lexicon(
        (fold(to_latin(row["cyrillic"])), Reading(row["pinyin"], "palladius", row["cyrillic"]))
        for row in read_rows("palladius_syllables.csv")
    )


# Columns of chinese_surnames.csv that spell the surname, and how to name them in words.
CHINESE_SURNAME_COLUMNS = {
    "pinyin_plain": "Hanyu Pinyin",
    "wade_giles_plain": "Wade-Giles",
    "cantonese_hk": "Cantonese (Hong Kong)",
    "minnan_hokkien_teochew": "Hokkien/Teochew",
    "hakka": "Hakka",
    "other_variants": "an attested variant",
}


@cache
def chinese_surnames() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Chinese surnames (canonical = simplified characters) it can write."""
    entries = []
    for row in read_rows("chinese_surnames.csv"):
        label = f"{row['simplified']} {row['pinyin']}"
        for column, system in CHINESE_SURNAME_COLUMNS.items():
            for value in split_cell(row[column]):
                entries.append((fold(value), Reading(row["simplified"], system, label)))
    labels = {reading.canonical: reading.display for _, reading in entries}
    mandarin = chinese_syllables()
    for row in read_rows("hokkien_surnames.csv"):
        # A Hokkien reading that a Mandarin system also spells is read as Mandarin: 呂 Lī
        # must not make Li and Lü one surname.
        if row["spelling"] not in mandarin:
            label = labels.get(row["simplified"], row["simplified"])
            reading = Reading(row["simplified"], "Taiwanese Hokkien (POJ/Tâi-lô)", label)
            entries.append((row["spelling"], reading))
    return _lexicon(entries)


# chinese_surnames.csv's frequency tiers, most common first.
_SURNAME_TIERS = ("top10", "top20", "top100", "other")


@cache
def chinese_surname_ranks() -> dict[str, int]:
    """Chinese surname (simplified) -> its frequency tier, 0 for the ten most common."""
    return {
        row["simplified"]: _SURNAME_TIERS.index(row["freq_tier"])
        for row in read_rows("chinese_surnames.csv")
    }


_HANGUL_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_HANGUL_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_HANGUL_FINALS = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]


@cache
def korean_syllables() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Hangul syllables it can write (RR, McCune-Reischauer, popular spellings),
    composed from the jamo table."""
    jamo: dict[str, list[tuple[str, list[str], str]]] = defaultdict(list)
    for row in read_rows("korean_jamo.csv"):
        options = {row["rr"], *split_cell(row["mr"]), *split_cell(row["popular"])}
        options.add(row["rr"])
        jamo[row["position"]].append((row["jamo"], sorted(options), row["rr"]))
    entries = []
    for (ini, ini_opts, ini_rr), (vow, vow_opts, vow_rr), (
        fin,
        fin_opts,
        fin_rr,
    ) in itertools.product(jamo["initial"], jamo["vowel"], jamo["final"]):
        code = 0xAC00 + (
            (_HANGUL_INITIALS.index(ini) * 21 + _HANGUL_VOWELS.index(vow)) * 28
            + _HANGUL_FINALS.index(fin)
        )
        reading = Reading(chr(code), "korean", ini_rr + vow_rr + fin_rr)
        for parts in itertools.product(ini_opts, vow_opts, fin_opts):
            entries.append(("".join(parts), reading))
    return _lexicon(entries)


@cache
def korean_surnames() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Korean surnames (canonical = Hangul) from the surname table."""
    columns = {
        "revised_romanization": "Revised Romanization",
        "mr_plain": "McCune-Reischauer",
        "common_spellings": "a common passport spelling",
        "nk_romanization": "the North Korean spelling",
    }
    entries = []
    for row in read_rows("korean_surnames.csv"):
        label = f"{row['hangul']} {row['revised_romanization']}"
        for column, system in columns.items():
            for value in split_cell(row[column]):
                entries.append((fold(value), Reading(row["hangul"], system, label)))
    return _lexicon(entries)


@cache
def japanese_mora_pattern() -> re.Pattern[str]:
    """A regex matching a whole token made of Kunrei-shiki morae (geminates allowed)."""
    morae = sorted(_read_text("japanese_morae.txt").split(), key=len, reverse=True)
    return re.compile(r"(?:(?:" + "|".join(morae) + r")|([kstpgzdbhmr])(?=\1))+")


def _given_names(
    name: str, key_column: str, label_column: str, columns: dict[str, str]
) -> dict[str, tuple[Reading, ...]]:
    entries = []
    for row in read_rows(name):
        label = f"{row[key_column]} ({row[label_column].split('|')[0]})"
        for column, system in columns.items():
            for value in split_cell(row[column]):
                if " " not in value.strip():  # a two-word form is two tokens for the caller
                    entries.append((fold(value), Reading(row[key_column], system, label)))
    return _lexicon(entries)


@cache
def arabic_given_names() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Arabic given names; the Turkish and West African columns are left out
    because they hold equivalent names of another tradition (Mehmet, Mamadou), not
    spellings."""
    columns = {
        "ala_lc": "ALA-LC",
        "english_common": "a common English spelling",
        "french_maghreb": "a French/Maghreb spelling",
        "persian": "a Persian spelling",
        "south_asian": "a South Asian spelling",
        "malay_indonesian": "a Malay/Indonesian spelling",
        "russian_caucasus_central_asian": "a Russian/Central Asian spelling",
    }
    return _given_names("arabic_given_names.csv", "arabic", "ala_lc", columns)


@cache
def arabic_particles() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Arabic name particles (al / el / ad, bin / ben / ibn, bint / binti)."""
    return _given_names("arabic_particles.csv", "arabic", "ala_lc", {"spellings": "a spelling"})


@cache
def russian_given_names() -> dict[str, tuple[Reading, ...]]:
    """Spelling -> Russian given names, with their Belarusian forms; diminutives are
    nicknames, so they are left out."""
    columns = {
        "bgn_pcgn": "BGN/PCGN",
        "icao_9303": "ICAO 9303 (passport)",
        "popular": "the popular transliteration",
        "conventional_spellings": "a conventional English spelling",
        "ukrainian_form_latin": "the Ukrainian form",
    }
    russian = _given_names("russian_given_names.csv", "cyrillic", "bgn_pcgn", columns)
    # Belarusian forms are keyed by their Russian counterpart (Uladzimir -> Владимир), so a
    # Belarusian passport spelling links to every Russian spelling of the name.
    belarusian_columns = {
        "national_2007": "the Belarusian national romanization (2007)",
        "passport": "the Belarusian passport spelling",
        "other_spellings": "a Belarusian spelling",
        "russian_spellings": "a Russian spelling",
    }
    belarusian = _given_names(
        "belarusian_given_names.csv", "russian", "passport", belarusian_columns
    )
    merged = {spelling: set(readings) for spelling, readings in russian.items()}
    for spelling, readings in belarusian.items():
        merged.setdefault(spelling, set()).update(readings)
    return {
        spelling: tuple(sorted(readings, key=lambda r: (r.canonical, r.system)))
        for spelling, readings in merged.items()
    }


@dataclass(frozen=True)
class EndingGroup:
    """Endings that write one surname in other genders, states or spellings (-ov / -ova)."""

    name: str
    endings: frozenset[str]
    note: str
    # The shortest stems that alone decide whether two parts with endings of the group are
    # one name (Kam-inski / Mam-inski): the shared ending says nothing. 0: never, as for
    # patronymics, whose stems change with the language (Grigori-evich / Hryhory-avich).
    judged_stem: int


@cache
def name_endings() -> dict[str, tuple[EndingGroup, ...]]:
    """Ending -> the groups of interchangeable surname endings it belongs to."""
    table: dict[str, list[EndingGroup]] = defaultdict(list)
    for row in read_rows("name_endings.csv"):
        endings = frozenset(fold(value) for value in split_cell(row["endings"]))
        note = re.split("[:;]", row["note"])[0]
        group = EndingGroup(row["group"], endings, note, int(row["judged_stem"]))
        for ending in endings:
            table[ending].append(group)
    return {ending: tuple(groups) for ending, groups in table.items()}


@cache
def initial_letter_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of first letters that spellings of one name trade (Qadhafi / Kadhafi,
    Ebrahim / Ibrahim), both orders: letters sharing a class of initial_letters.csv."""
    return frozenset(
        (a, b)
        for row in read_rows("initial_letters.csv")
        for a in row["letters"]
        for b in row["letters"]
    )
