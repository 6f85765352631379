"""Regenerate ``namekit/data/romanization/gwoyeu_romatzyh_syllables.csv``.

Gwoyeu Romatzyh (GR, 1928) spells each Mandarin syllable in four tonal forms (ping:
ping, pyng, piing, pinq). Taiwanese passports long took given-name syllables from it, mixed
with Wade-Giles in one name (Jin-Pyng, Jyh-Peng, Shu-Huey, Kuen-Yuh). The forms are
derived from the syllables of ``chinese_syllables.csv`` by the standard GR rules, in the
functions below.

Run from the repository root:

    .venv/bin/python tools/build_gwoyeu_romatzyh.py
"""

from __future__ import annotations

import csv

from build_romanization_tables import OUT_DIR, _split

# GR initials for pinyin's; j/q/x are j/ch/sh before i and ü, like zh/ch/sh elsewhere.
INITIALS = {"zh": "j", "q": "ch", "x": "sh", "z": "tz", "c": "ts"}
SONORANTS = frozenset("mnlr")
APICAL = frozenset({"zh", "ch", "sh", "r", "z", "c", "s"})
# Pinyin's abbreviated finals written out, as GR spells them (liu = liou, gui = guei).
FULL_FINALS = {"iu": "iou", "ui": "uei", "un": "uen", "ao": "au", "iao": "iau", "er": "el"}
VOWELS = frozenset("aeiouy")


def basic(syllable: str) -> tuple[str, str]:
    """The GR initial and basic (tone 1) final of a pinyin syllable; ü is written iu."""
    initial, final = _split(syllable)
    final = final.replace("v", "ü")
    if initial == "y":
        initial, final = "", ("ü" + final[1:] if final.startswith("u") else final)
        final = final if final.startswith(("i", "ü")) else "i" + final
    elif initial == "w":
        initial, final = "", final if final == "u" else "u" + final
    elif initial in ("j", "q", "x") and final.startswith("u"):
        final = "ü" + final[1:]
    if initial in APICAL and final == "i":
        final = "y"
    elif final == "un" and initial == "":
        final = "uen"
    else:
        final = FULL_FINALS.get(final, final)
    if final.startswith("ü"):
        final = "iu" + final[1:]
    return INITIALS.get(initial, initial), final


def _vowels_and_coda(final: str) -> tuple[str, str]:
    index = next((i for i, c in enumerate(final) if c not in VOWELS), len(final))
    return final[:index], final[index:]


def _medial(final: str) -> str:
    """'i' or 'u' when the final starts with a glide or is that vowel alone, else ''."""
    if final.startswith("iu"):
        return "iu"
    return final[0] if final[0] in "iu" else ""


def tone2(initial: str, final: str) -> str:
    """Tone 2: plain after m, n, l, r; i/u become y/w at the start; else r after the vowels."""
    if initial in SONORANTS:
        return initial + final
    medial = _medial(final)
    if medial == "iu":
        return initial + "y" + final[1:]
    if medial:
        glide = "y" if medial == "i" else "w"
        rest = final[1:]
        if not rest:  # the vowel alone stays after its glide: pyi, hwu
            return initial + glide + final
        return initial + glide + rest  # pyng, chyan, hwang
    vowels, coda = _vowels_and_coda(final)
    return initial + vowels + "r" + coda


# Tone 3 of each basic final (GR doubles the main vowel or writes i, u as e, o).
TONE3 = {
    "a": "aa", "o": "oo", "e": "ee", "ai": "ae", "ei": "eei", "au": "ao", "ou": "oou",
    "an": "aan", "en": "een", "ang": "aang", "eng": "eeng", "ong": "oong", "el": "eel",
    "y": "yy", "i": "ii", "ia": "ea", "ie": "iee", "iau": "eau", "iou": "eou", "ian": "ean",
    "in": "iin", "iang": "eang", "ing": "iing", "iong": "eong", "u": "uu", "ua": "oa",
    "uo": "uoo", "uai": "oai", "uei": "oei", "uan": "oan", "uen": "oen", "uang": "oang",
    "ueng": "oeng", "iu": "eu", "iue": "eue", "iuan": "euan", "iun": "eun",
}  # fmt: skip


def tone3(initial: str, final: str) -> str:
    """Tone 3; without an initial a glide is written y or w before it (yeou, woan)."""
    form = TONE3[final]
    if initial:
        return initial + form
    if final.startswith("i"):
        return "y" + (form[1:] if form.startswith("i") and not form.startswith("ii") else form)
    if final.startswith("u"):
        return "w" + (form[1:] if form.startswith("u") and not form.startswith("uu") else form)
    return form


def tone4(initial: str, final: str) -> str:
    """Tone 4: a final i, u, n, ng, l becomes y, w, nn, nq, ll; otherwise h is added."""
    for ending, replacement in (("ng", "nq"), ("n", "nn"), ("l", "ll"), ("i", "y"), ("u", "w")):
        if final.endswith(ending) and final not in ("i", "u", "iu"):
            form = final[: -len(ending)] + replacement
            break
    else:
        form = final + "h"
    if initial:
        return initial + form
    if final.startswith(("i", "u")):
        glide = "y" if final.startswith("i") else "w"
        alone = final in ("i", "u", "in", "ing")  # yih, wuh, yinn, yinq keep the vowel
        return glide + (form if alone else form[1:])
    return form


def spellings(syllable: str) -> dict[str, int]:
    """The GR spelling of a pinyin syllable in each tone -> the tone."""
    initial, final = basic(syllable)
    tone1 = initial + ("h" if initial in SONORANTS else "") + final
    forms = {tone1: 1, tone2(initial, final): 2}
    if final in TONE3:
        forms[tone3(initial, final)] = 3
    forms[tone4(initial, final)] = 4
    return forms


def main() -> int:
    """Write the table: pinyin syllable, GR spelling, tone."""
    with (OUT_DIR / "chinese_syllables.csv").open(encoding="utf-8") as handle:
        syllables = sorted({row["pinyin"] for row in csv.DictReader(handle)})
    rows = sorted({(syl, form, tone) for syl in syllables for form, tone in spellings(syl).items()})
    out = OUT_DIR / "gwoyeu_romatzyh_syllables.csv"
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("pinyin", "spelling", "tone"))
        writer.writerows(rows)
    print(f"{len(rows)} rows written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
