"""Regenerate namekit's generated romanization tables.

Run from the repository root:

    .venv/bin/python tools/build_romanization_tables.py --reference-dir /work/shared/data

It writes, under ``namekit/data/romanization/``:

* ``chinese_syllables.csv``: every common Mandarin syllable (enumerated from pypinyin's
  ``pinyin_dict``, tones stripped) with its Hanyu Pinyin, Wade-Giles (from pypinyin's own
  ``to_wade_glides`` tables, with the corrections in ``WADE_GILES_CORRECTIONS``), Tongyong
  and Yale spellings. Tongyong and Yale are derived by the documented rules below.
* copies of the shared reference tables, with the fixes listed in ``SOURCES.md``.

The generated files are committed; namekit never needs pypinyin's tables at run time for
romanization keys.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pypinyin
from anyascii import anyascii
from pypinyin.style._utils import replace_symbol_to_no_symbol
from pypinyin.style.wadegiles import _convert_table, _except_table, to_wade_glides

OUT_DIR = Path(__file__).resolve().parent.parent / "namekit" / "data" / "romanization"

# A syllable must be the reading of at least this many characters in the CJK Unified
# Ideographs block; rarer readings are dialect or loan readings that only add noise.
MIN_CHARACTERS = 5

# Interjections and particles that never occur in personal names; as segments they would
# let European words ("anne", "home") parse as Chinese.
EXCLUDED_SYLLABLES = frozenset(
    {"m", "n", "ng", "hm", "hng", "ê", "o", "yo", "lo", "ei", "ne", "me", "eng"}
)

# Corrections to pypinyin 0.55's table: its row for tie reads "t'oeh" (a typo for
# "t'ieh") and its row for luan reads "lüan" (pinyin luan is plain luan; lüan is
# written lüan/lvan). Its to_wade_glides() also mishandles rows that map a syllable to itself (lai,
# hai, shuo, huo, ...) by falling through to a per-initial rule that turns -ai into -ei, so
# we read _except_table and _convert_table directly and use to_wade_glides() only for
# syllables neither table lists. _except_table's identity rows (guo, luo, huo) are no-ops
# in pypinyin and are skipped here too.
WADE_GILES_CORRECTIONS = {"tie": "t'ieh", "luan": "luan"}
_WG_TABLE: dict[str, str] = {
    **dict(_convert_table),
    **{src: dst for src, dst in _except_table if src != dst},
}

# pinyin ü is written "v" in canonical keys (as pypinyin does) so lü and lu stay distinct.
_U_UMLAUT_CONTEXT = re.compile(r"^(?:[nl])v")


def fold(text: str) -> str:
    """ASCII-fold like namekit's caller: lowercase letters only, ü -> u."""
    return re.sub(r"[^a-z]", "", anyascii(text.replace("ü", "u").replace("Ü", "U")).lower())


def pinyin_syllables() -> list[str]:
    """Enumerate common toneless pinyin syllables from pypinyin's character table."""
    path = Path(pypinyin.__file__).parent / "pinyin_dict.json"
    table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    counts: Counter[str] = Counter()
    for code, readings in table.items():
        if not 0x4E00 <= int(code) <= 0x9FFF:
            continue
        for reading in readings.split(","):
            counts[replace_symbol_to_no_symbol(reading).replace("ü", "v")] += 1
    return sorted(
        s for s, n in counts.items() if n >= MIN_CHARACTERS and s not in EXCLUDED_SYLLABLES
    )


def wade_giles(syllable: str) -> str:
    """Wade-Giles with apostrophes and ü, from pypinyin's table plus our corrections."""
    if syllable in WADE_GILES_CORRECTIONS:
        return WADE_GILES_CORRECTIONS[syllable]
    display = syllable.replace("v", "ü")
    for key in (display, syllable):
        if key in _WG_TABLE:
            return _WG_TABLE[key].replace("`", "'")
    return str(to_wade_glides(syllable)).replace("v", "ü").replace("`", "'")


def _split(syllable: str) -> tuple[str, str]:
    for initial in ("zh", "ch", "sh", *"bpmfdtnlgkhjqxrzcsyw"):
        if syllable.startswith(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


def tongyong(syllable: str) -> str:
    """Tongyong Pinyin (Taiwan, 2002): zh->jh, q->c, x->s, -i after retroflex/sibilant -> -ih,
    ü -> yu, -eng after labials -> -ong, -ui -> -uei, -iu -> -iou, wen/weng -> wun/wong."""
    special = {"wen": "wun", "weng": "wong"}
    if syllable in special:
        return special[syllable]
    initial, final = _split(syllable)
    if initial in ("zh", "ch", "sh", "r", "z", "c", "s") and final == "i":
        final = "ih"
    if initial in ("j", "q", "x"):
        final = {"u": "yu", "ue": "yue", "uan": "yuan", "un": "yun", "iong": "yong"}.get(
            final, final
        )
    final = final.replace("v", "yu")
    if initial in ("b", "p", "m", "f") and final == "eng":
        final = "ong"
    if final == "ui":
        final = "uei"
    if final == "iu":
        final = "iou"
    initial = {"zh": "jh", "q": "c", "x": "s"}.get(initial, initial)
    return initial + final


def yale(syllable: str) -> str:
    """Yale romanization of Mandarin (1943): zh->j, q->ch, x->sy, z->dz, c->ts, apical -i ->
    -r/-z, -ian->-yan, -ie->-ye, -iu->-you, -ui->-wei, -un->-wun, -uo->-wo, -ong->-ung,
    ao->au, ü->yu, üe->ywe."""
    initial, final = _split(syllable)
    if final == "i" and initial in ("zh", "ch", "sh", "r"):
        return {"zh": "j", "ch": "ch", "sh": "sh", "r": ""}[initial] + "r"
    if final == "i" and initial in ("z", "c", "s"):
        return {"z": "dz", "c": "tsz", "s": "sz"}[initial]
    if initial in ("j", "q", "x"):
        final = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(final, final)
    if initial == "y":
        final = {"u": "v", "ue": "ve", "uan": "van", "un": "vn"}.get(final, final)
        initial = "" if final.startswith(("i", "v")) else "y"
    if initial == "w":
        initial, final = "", "u" + final if final != "u" else "u"
    final_map = [
        ("iong", "yung"),
        ("ong", "ung"),
        ("ian", "yan"),
        ("iang", "yang"),
        ("iao", "yau"),
        ("ia", "ya"),
        ("ie", "ye"),
        ("iu", "you"),
        ("ui", "wei"),
        ("un", "wun"),
        ("uo", "wo"),
        ("uai", "wai"),
        ("uang", "wang"),
        ("uan", "wan"),
        ("ua", "wa"),
        ("ao", "au"),
        ("van", "ywan"),
        ("ve", "ywe"),
        ("vn", "yun"),
        ("v", "yu"),
    ]
    for src, dst in final_map:
        if final == src:
            final = dst
            break
    else:
        if final.startswith("u") and len(final) > 1 and initial == "":
            final = "w" + final[1:]
        elif final.startswith("i") and len(final) > 1 and final not in ("in", "ing"):
            final = "y" + final[1:]
    if initial == "" and final == "i":
        final = "yi"
    if initial == "" and final == "u":
        final = "wu"
    if initial == "" and final in ("in", "ing"):
        final = "y" + final
    initial = {"zh": "j", "q": "ch", "x": "sy", "z": "dz", "c": "ts"}.get(initial, initial)
    if initial == "sy" and final.startswith("y"):
        final = final[1:]
    if initial in ("j", "ch") and syllable[0] in "jq" and final.startswith("y"):
        final = final if final in ("yu", "yun", "ywe", "ywan", "yung") else "y" + final[1:]
    return initial + final


def write_syllables(out: Path) -> list[str]:
    """Write chinese_syllables.csv and return the syllables."""
    rows: list[tuple[str, str, str, str]] = []
    syllables = pinyin_syllables()
    for syl in syllables:
        display = syl.replace("v", "ü")
        spellings = {fold(display)}
        if "v" in syl:  # mainland passports write ü as YU (since 2012), earlier V
            spellings |= {syl, syl.replace("v", "yu")}
        for spelling in sorted(spellings):
            rows.append((syl, "pinyin", spelling, display))
        wg = wade_giles(syl)
        rows.append((syl, "wade_giles", fold(wg), wg))
        for system, func in (("tongyong", tongyong), ("yale", yale)):
            form = func(syl)
            rows.append((syl, system, fold(form), form))
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("pinyin", "system", "spelling", "display"))
        writer.writerows(sorted(set(rows)))
    return syllables


# Korean forms in other_variants are the same character's Korean surname (a different
# language, not a romanization of Chinese); namekit keeps them in their own column.
KOREAN_FORMS = {
    "李": {"Rhee"},
    "尹": {"Yoon"},
    "崔": {"Choi"},
    "姜": {"Kang"},
    "安": {"Ahn"},
    "申": {"Shin"},
    "柳": {"Ryu", "Yoo"},
    "裴": {"Bae"},
    "朴": {"Park", "Pak"},
    "金": {"Kim"},
}


def copy_chinese_surnames(src: Path, out: Path) -> None:
    """Copy the Chinese surname table, moving Vietnamese/Korean forms to their own column."""
    with src.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = [*rows[0].keys()]
    fields.insert(fields.index("other_variants") + 1, "cross_language_forms")
    for row in rows:
        vietnamese = {fold(v) for v in row["sino_vietnamese"].split("|") if v}
        korean = KOREAN_FORMS.get(row["simplified"], set())
        kept: list[str] = []
        moved: list[str] = []
        for value in (v for v in row["other_variants"].split("|") if v):
            (moved if fold(value) in vietnamese or value in korean else kept).append(value)
        row["other_variants"] = "|".join(kept)
        row["cross_language_forms"] = "|".join(moved)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def copy_unchanged(src: Path, out: Path) -> None:
    """Copy a reference table byte for byte."""
    out.write_bytes(src.read_bytes())


def check_wade_giles(surnames: Path) -> list[str]:
    """Report surname-table Wade-Giles spellings that disagree with the generated table."""
    problems = []
    with surnames.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if len(row["simplified"]) != 1:
                continue
            syl = row["pinyin_plain"].lower().replace("ü", "v")
            if fold(wade_giles(syl)) != fold(row["wade_giles_plain"]):
                problems.append(
                    f"{row['simplified']} {syl}: {wade_giles(syl)} vs {row['wade_giles']}"
                )
    return problems


def main() -> int:
    """Regenerate every generated table; print checks to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference-dir",
        type=Path,
        default=Path("/work/shared/data"),
        help="folder holding the shared reference tables (see SOURCES.md)",
    )
    args = parser.parse_args()
    ref: Path = args.reference_dir
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    syllables = write_syllables(OUT_DIR / "chinese_syllables.csv")
    copy_chinese_surnames(
        ref / "chinese_surname_romanizations.csv", OUT_DIR / "chinese_surnames.csv"
    )
    for name, target in (
        ("korean_surname_romanizations.csv", "korean_surnames.csv"),
        ("japanese_surname_romanizations.csv", "japanese_surnames.csv"),
        ("arabic_given_name_variants.csv", "arabic_given_names.csv"),
        ("russian_given_name_variants.csv", "russian_given_names.csv"),
    ):
        copy_unchanged(ref / name, OUT_DIR / target)
    for problem in check_wade_giles(OUT_DIR / "chinese_surnames.csv"):
        print("Wade-Giles disagreement:", problem, file=sys.stderr)
    print(f"{len(syllables)} syllables written to {OUT_DIR}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
