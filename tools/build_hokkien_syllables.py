"""Regenerate ``namekit/data/romanization/hokkien_syllables.csv``.

Taiwanese Hokkien names are written in Pe̍h-ōe-jī (POJ) or Tâi-lô, which spell the
Hokkien reading of each character: 劉建國 is Mandarin Liu Jianguo but Hokkien Lâu
Kiàn-kok. A Hokkien syllable therefore writes the Mandarin syllables of the characters
that have it as a reading; this script lists those correspondences.

Run from the repository root, in a scratch environment (taibun is not a namekit
dependency; only the committed table is):

    python -m venv /tmp/hokkien
    /tmp/hokkien/bin/pip install taibun==1.1.8 pypinyin==0.55.0 anyascii
    /tmp/hokkien/bin/python tools/build_hokkien_syllables.py

Sources: taibun 1.1.8's per-character readings (``data/prons.msgpack``, Tâi-lô, from
the Taiwanese-Chinese Online Dictionary and the iTaigi dictionary via ChhoeTaigi,
CC BY-SA 4.0) and pypinyin 0.55's main Mandarin reading of each character (MIT).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from anyascii import anyascii
from pypinyin import Style, pinyin
from taibun.taibun import prons_dict

OUT_DIR = Path(__file__).resolve().parent.parent / "namekit" / "data" / "romanization"

# Tâi-lô -> POJ, on folded toneless syllables, in order: POJ writes ts as ch, ua/ue as
# oa/oe, ing/ik as eng/ek, o͘ (Tâi-lô oo) and the nasal ⁿ (Tâi-lô nn) fold to o and n.
TAILO_TO_POJ = (
    (r"^tsh", "chh"),
    (r"^ts", "ch"),
    (r"u(?=a|e)", "o"),
    (r"ing$", "eng"),
    (r"ik$", "ek"),
    (r"oo", "o"),
    (r"nn$", "n"),
)

# Syllabic nasals (毋 m, 黃 n̂g) are no given-name syllables; as segments they would let
# English and Korean names parse as Hokkien (Tom as to-m). The surname Ng is in the surname table.
EXCLUDED = frozenset({"m", "n", "ng", "hm", "hng", "mh", "ngh"})

# A correspondence must hold for at least this many characters: the regular ones (文 and
# 聞 bûn, Mandarin wen) do, while a lone character's is a colloquial or irregular reading
# (柱 thiāu, Mandarin zhu) that would link a syllable to many others.
MIN_CHARACTERS = 2

# At most this many example characters are kept per correspondence (for explanations).
EXAMPLES = 3


def fold(text: str) -> str:
    """ASCII-fold like namekit's caller: lowercase letters only."""
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def poj(tailo: str) -> str:
    """A folded Tâi-lô syllable in folded POJ."""
    for pattern, replacement in TAILO_TO_POJ:
        tailo = re.sub(pattern, replacement, tailo)
    return tailo


def mandarin_syllables() -> frozenset[str]:
    """The Mandarin syllables namekit's syllable table knows."""
    with (OUT_DIR / "chinese_syllables.csv").open(encoding="utf-8") as handle:
        return frozenset(row["pinyin"] for row in csv.DictReader(handle))


def correspondences() -> dict[tuple[str, str], dict[str, dict[str, None]]]:
    """(spelling, pinyin) -> systems that spell it so -> the characters that give it."""
    known = mandarin_syllables()
    found: dict[tuple[str, str], dict[str, dict[str, None]]] = defaultdict(dict)
    for char, readings in prons_dict.items():
        if len(char) != 1 or not "\u4e00" <= char <= "\u9fff":
            continue
        mandarin = pinyin(char, style=Style.NORMAL, v_to_u=False)[0][0]
        if mandarin not in known:
            continue
        # "jī/lī": readings of the two main dialects are both spellings of the syllable.
        for reading in {fold(v) for r in readings for v in r.split("/")}:
            for system, spelling in (("tailo", reading), ("poj", poj(reading))):
                if spelling and spelling not in EXCLUDED:
                    found[(spelling, mandarin)].setdefault(system, {})[char] = None
    return found


def surname_rows() -> list[tuple[str, str, str, str]]:
    """(simplified, traditional, spelling, systems) for every Hokkien reading of every
    surname in chinese_surnames.csv (陳 Tân, 鄭 Tēⁿ, 邱 Khu)."""
    with (OUT_DIR / "chinese_surnames.csv").open(encoding="utf-8") as handle:
        surnames = [(r["simplified"], r["traditional"]) for r in csv.DictReader(handle)]
    rows = set()
    for simplified, traditional in surnames:
        if len(traditional) != 1:
            continue
        readings = prons_dict.get(traditional) or prons_dict.get(simplified) or []
        spellings: dict[str, set[str]] = defaultdict(set)
        for reading in {fold(v) for r in readings for v in r.split("/")}:
            for system, spelling in (("tailo", reading), ("poj", poj(reading))):
                if spelling and spelling not in EXCLUDED:
                    spellings[spelling].add(system)
        for spelling, systems in spellings.items():
            rows.add((simplified, traditional, spelling, "|".join(sorted(systems))))
    return sorted(rows)


def write_surnames() -> None:
    """Write hokkien_surnames.csv."""
    with (OUT_DIR / "hokkien_surnames.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("simplified", "traditional", "spelling", "systems"))
        writer.writerows(surname_rows())


def main() -> int:
    """Write the tables: one row per Hokkien spelling and Mandarin syllable, and one per
    surname and Hokkien spelling."""
    write_surnames()
    rows = []
    for (spelling, mandarin), by_system in sorted(correspondences().items()):
        chars = dict.fromkeys(c for system in sorted(by_system) for c in by_system[system])
        if len(chars) < MIN_CHARACTERS:
            continue
        systems = "|".join(sorted(by_system))
        rows.append((spelling, systems, mandarin, "".join(list(chars)[:EXAMPLES])))
    with (OUT_DIR / "hokkien_syllables.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("spelling", "systems", "pinyin", "characters"))
        writer.writerows(rows)
    print(f"{len(rows)} rows written", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
