"""Reading names written in non-Latin scripts as Latin letters, for matching only.

Chinese characters are read as Hanyu Pinyin with pypinyin (surname first, given name
syllables joined, as Chinese names are usually romanized: 吴亚男 -> "Wu Yanan"). Hangul is
romanized per syllable by the Revised Romanization of Korean (2000), with the surname
separated from the given name (박근혜 -> "Bak Geunhye"). Every other script goes through
anyascii, a maintained table-driven transliterator covering Cyrillic, Greek, Arabic,
Hebrew, Devanagari, kana and more; the romanization module then links the competing
conventions (Zelenskiy / Zelensky, Bak / Park).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from anyascii import anyascii

# Revised Romanization (Korean Ministry of Culture, 2000): initials, medials and finals of
# a Hangul syllable in Unicode's jamo order.
_RR_INITIALS = "g kk n d tt r m b pp s ss  j jj ch k t p h".split(" ")
_RR_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_RR_FINALS = (
    "",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
)
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3

# Two-character Chinese surnames that must not be split into surname + given name.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 歐陽 司马 司馬 诸葛 諸葛 上官 东方 東方 皇甫 尉迟 尉遲 公孙 公孫 令狐 司徒 夏侯 "
    "轩辕 軒轅 慕容 长孙 長孫 宇文 端木 南宫 南宮 澹台 澹臺 西门 西門".split()
)


def is_han(char: str) -> bool:
    """Whether a character is a CJK unified ideograph (Chinese characters, Japanese kanji)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def is_hangul(char: str) -> bool:
    """Whether a character is a precomposed Hangul syllable."""
    return _HANGUL_FIRST <= ord(char) <= _HANGUL_LAST


def is_kana(char: str) -> bool:
    """Whether a character is hiragana or katakana."""
    return 0x3040 <= ord(char) <= 0x30FF or 0x31F0 <= ord(char) <= 0x31FF


def romanize_hangul_syllable(char: str) -> str:
    """One Hangul syllable in Revised Romanization (박 -> bak)."""
    index = ord(char) - _HANGUL_FIRST
    initial, rest = divmod(index, 21 * 28)
    medial, final = divmod(rest, 28)
    return _RR_INITIALS[initial] + _RR_MEDIALS[medial] + _RR_FINALS[final]


def _romanize_hangul_word(word: str, *, whole_name: bool) -> str:
    """A Hangul word; a whole Korean name splits into surname and given name (박근혜)."""
    syllables = [romanize_hangul_syllable(c) for c in word]
    if whole_name and 2 <= len(syllables) <= 4:
        return syllables[0] + " " + "".join(syllables[1:])
    return "".join(syllables)


@lru_cache(maxsize=65536)
def _pinyin(chars: str) -> list[str]:
    """Toneless pinyin of each character, v for ü as pypinyin writes it."""
    from pypinyin import Style, lazy_pinyin  # imported late: loading its dictionary takes 0.3 s

    return [s.replace("v", "u") for s in lazy_pinyin(chars, style=Style.NORMAL, v_to_u=False)]


@lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """Chinese characters in their simplified forms (邱文彥 -> 邱文彦), by OpenCC."""
    return str(_opencc_t2s().convert(text))


@cache
def _opencc_t2s() -> Any:
    """OpenCC's converter from traditional to simplified characters (loaded once)."""
    import opencc  # imported late: most inputs have no Chinese characters

    return opencc.OpenCC("t2s")


def _romanize_han_word(word: str, *, whole_name: bool) -> str:
    """A Han word; a whole Chinese name splits into surname and joined given name (吴亚男)."""
    syllables = _pinyin(word)
    if not whole_name or len(word) < 2 or len(word) > 4:
        return "".join(syllables)
    surname_length = 2 if word[:2] in _COMPOUND_SURNAMES and len(word) > 2 else 1
    return "".join(syllables[:surname_length]) + " " + "".join(syllables[surname_length:])


def _split_runs(text: str) -> list[tuple[str, str]]:
    """Split text into runs of one kind: 'han', 'hangul', 'kana' or 'other'."""
    runs: list[tuple[str, str]] = []
    for char in text:
        kind = (
            "han"
            if is_han(char)
            else "hangul"
            if is_hangul(char)
            else ("kana" if is_kana(char) else "other")
        )
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return runs


def dominant_script(text: str) -> str:
    """ISO 15924-like code of a name's script: Latn, Hani, Hang, Jpan, Cyrl, Arab, ... or Zyyy."""
    if text.isascii():  # the common case, without a Unicode name lookup per letter
        return "Latn" if any(c.isalpha() for c in text) else "Zyyy"
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        if is_kana(char):
            return "Jpan"
        if is_han(char):
            script = "Hani"
        elif is_hangul(char):
            script = "Hang"
        else:
            name = unicodedata.name(char, "")
            script = {
                "LATIN": "Latn",
                "CYRILLIC": "Cyrl",
                "ARABIC": "Arab",
                "GREEK": "Grek",
                "HEBREW": "Hebr",
                "DEVANAGARI": "Deva",
            }.get(name.split(" ")[0], "Zyyy")
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else "Zyyy"


def to_latin(text: str) -> str:
    """The name read as Latin letters; Latin input comes back unchanged."""
    if text.isascii():
        return text
    has_kana = any(is_kana(c) for c in text)
    runs = _split_runs(text.strip())
    # East Asian names are written without spaces; only then is the first syllable the surname.
    whole_name = len(runs) == 1
    parts: list[str] = []
    for kind, run in runs:
        if kind == "han" and not has_kana:
            parts.append(" " + _romanize_han_word(run, whole_name=whole_name) + " ")
        elif kind == "hangul":
            parts.append(" " + _romanize_hangul_word(run, whole_name=whole_name) + " ")
        elif kind == "other":
            parts.append(_latin_keep_letters(run))
        else:
            parts.append(" " + anyascii(run) + " ")
    return "".join(parts)


_ARABIC_LETTER = "\u0600-\u06ff\u0750-\u077f"


@cache
def _arabic_word_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Arabic-script words and prefixes that Latin spellings write as separate words
    (data/romanization/arabic_script_words.csv): each as a pattern and its Latin form."""
    text = (
        resources.files("namekit")
        .joinpath("data", "romanization", "arabic_script_words.csv")
        .read_text(encoding="utf-8")
    )
    rules = []
    for row in csv.DictReader(io.StringIO(text)):
        start = f"(?<![{_ARABIC_LETTER}])" + re.escape(row["arabic"])
        if row["kind"] == "word":  # a whole word; before a joined article, that article too
            rules.append((re.compile(start + "ال"), f" {row['latin']} al-"))
            rules.append((re.compile(start + f"(?![{_ARABIC_LETTER}])"), f" {row['latin']} "))
        else:  # a prefix joined to a word of at least two more letters, after the first
            # word: a name starts with its personal name, and a Western name written in
            # Arabic letters may start with the same letters (الکساندر = Alexander).
            # Only after a space: joined by a zero-width non-joiner it is inside one word.
            prefix = re.compile(
                r"(?<=\s)" + re.escape(row["arabic"]) + f"(?=[{_ARABIC_LETTER}]{{2}})"
            )
            rules.append((prefix, f"{row['latin']}-"))
    return tuple(rules)


def _arabic_words(text: str) -> str:
    """Arabic-script text with its article and prefixes written as Latin spellings write
    them (عبد الرحمن -> abd al-rhmn once transliterated, الحوثي -> al-hwthy)."""
    text = text.strip()
    for pattern, latin in _arabic_word_rules():
        text = pattern.sub(latin, text)
    return text


def _latin_keep_letters(text: str) -> str:
    """Transliterate non-Latin letters while keeping Latin letters with their diacritics."""
    if text.isascii():
        return text
    if re.search(f"[{_ARABIC_LETTER}]", text):
        text = _arabic_words(text)
    out: list[str] = []
    for char in text:
        if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
            out.append(char)
        else:
            out.append(anyascii(char))
    return "".join(out)
