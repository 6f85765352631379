"""Regenerate ``namekit/data/romanization/palladius_syllables.csv``.

Russian writes Chinese names in the Palladius system (Си Цзиньпин for Xi Jinping, Чжоу
Эньлай for Zhou Enlai): one Cyrillic spelling per Mandarin syllable. The spellings are
derived from the syllables of ``chinese_syllables.csv`` by the system's rules, written out
below (initials and finals as in the standard Palladius table).

Run from the repository root:

    .venv/bin/python tools/build_palladius.py
"""

from __future__ import annotations

import csv

from build_romanization_tables import OUT_DIR, _split

INITIALS = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л",
    "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч",
    "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с", "": "",
}  # fmt: skip

# Finals after a consonant; ü is written v, as pinyin syllables are here.
FINALS = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу",
    "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр",
    "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь",
    "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан",
    "v": "юй", "ve": "юэ", "van": "юань", "vn": "юнь", "ue": "юэ",
}  # fmt: skip

# Syllables without an initial (y-, w- and bare vowels).
ZERO = {
    "yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь",
    "yang": "ян", "ying": "ин", "yong": "юн", "wu": "у", "wa": "ва", "wo": "во",
    "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн",
    "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу",
    "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "er": "эр",
}  # fmt: skip


def palladius(syllable: str) -> str | None:
    """The Palladius Cyrillic spelling of a pinyin syllable, or None when it has none."""
    if syllable in ZERO:
        return ZERO[syllable]
    initial, final = _split(syllable)
    if initial in ("j", "q", "x") and final.startswith("u"):
        final = "v" + final[1:]  # ju, xue, quan, xun: pinyin writes ü as u here
    if final == "i" and initial in ("z", "c", "s"):
        return INITIALS[initial] + "ы"
    if final == "uo" and initial in ("b", "p", "m", "f"):
        final = "o"
    if initial not in INITIALS or final not in FINALS:
        return None
    return INITIALS[initial] + FINALS[final]


def main() -> int:
    """Write the table: pinyin syllable, Palladius spelling."""
    with (OUT_DIR / "chinese_syllables.csv").open(encoding="utf-8") as handle:
        syllables = sorted({row["pinyin"] for row in csv.DictReader(handle)})
    rows = [(syl, form) for syl in syllables if (form := palladius(syl))]
    out = OUT_DIR / "palladius_syllables.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("pinyin", "cyrillic"))
        writer.writerows(rows)
    missing = [syl for syl in syllables if not palladius(syl)]
    print(f"{len(rows)} rows written to {out}; no spelling for: {' '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
