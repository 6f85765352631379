"""Consonant skeletons: how a name sounds, for names that crossed into another script.

A name transcribed by ear into another script keeps its consonants and loses its vowels
(Arabic and Hebrew write few vowels) or gains new ones (Chinese, Korean and Japanese add
them between consonants): Malcolm Turnbull / מלקולם טרנבול, Ramazan Bashardost /
拉马赞·巴沙里德斯特. The skeleton keeps consonants only, folds the letters that
transcription confuses into one class, and collapses doubles; two skeletons that are
close are evidence of one name across scripts, never proof.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Digraphs first (one sound, two letters), then letter classes: l/r, m/n, b/p/v/f,
# d/t, g/k/q/c, s/z/x/j; vowels and the glides h, w, y carry too little across scripts.
_DIGRAPHS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("tch", "c"),
    ("tsch", "c"),
    ("sch", "s"),
    ("sh", "s"),
    ("ch", "c"),
    ("zh", "j"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("qu", "k"),
    ("x", "ks"),
)
_CLASSES = str.maketrans("rmpvftgqcjzx", "lnbbbdkkksss")
_DROPPED = re.compile(r"[aeiouyhw]")
# Hebrew vav and yod, read by anyascii as v and y, are mostly vowel letters.
_DROPPED_HEBREW = re.compile(r"[aeiouyhwv]")
_DOUBLES = re.compile(r"(.)\1+")


@lru_cache(maxsize=1_000_000)
def consonant_skeleton(token: str, script: str = "Latn") -> str:
    """The token's consonants in one letter class each (Turnbull -> dlnbl)."""
    text = (_DROPPED_HEBREW if script == "Hebr" else _DROPPED).sub("", _one_letter_sounds(token))
    return _DOUBLES.sub(r"\1", text.translate(_CLASSES))


def _one_letter_sounds(token: str) -> str:
    """The token with each digraph written as the one letter of its sound (sh -> s)."""
    for digraph, sound in _DIGRAPHS:
        token = token.replace(digraph, sound)
    return token


# Letter classes for two Latin spellings of one name: only the letters that spellings
# trade for one sound (Qasim / Kasim / Gasim, Ramzi / Ramsi, Mahmud / Mahmut). The l/r,
# m/n, b/p/v/f and j/s classes above come from hearing a name across scripts; within Latin
# they make other names (Castro / Castillo, Naser / Najjar).
_SPELLING_CLASSES = str.maketrans("cqgzt", "kkksd")


# Within Latin spellings the vowels and h are written freely (Fahd / Fahad, Mahmoud /
# Mamout); a w or y that opens a syllable is a letter of the name (Liang / Liyang, Chen /
# Chaewon). A y after a consonant is a vowel (Lydia / Lidya), and so is a w or y closing
# a diphthong (Qaysi / Qaisi, Kawthar / Kauthar).
_SPELLING_VOWELS = re.compile(r"[aeiouh]|(?<=[^aeiouy])y|(?<=[aeiou])[wy](?![aeiou])")


@lru_cache(maxsize=1_000_000)
def spelling_skeleton(token: str) -> str:
    """The consonants of a Latin-script part by spelling class, vowels dropped and doubles
    collapsed as written, before the vowels go (Fahad -> fhd, Liyang -> lynk, Feifeng -> ffnk)."""
    # Doubles first: letters that meet once the vowels are gone stay two (Feifeng -> ffnk).
    text = _SPELLING_VOWELS.sub("", _DOUBLES.sub(r"\1", _one_letter_sounds(token)))
    return text.translate(_SPELLING_CLASSES)
