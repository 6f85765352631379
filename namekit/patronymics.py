"""Fathers' names (patronymics) compared by the name they are made from.

A patronymic is a father's given name with an ending (Petr-ovna, Natan-ovna, Salim-ovich).
Two patronymics share the ending, which makes any two of them look alike letter by letter
(Natanovna / Petrovna are 0.56 similar), so they are compared by their stems. The stems of
one father's name change with the language the name was written in (Grigori-evich /
Hryhory-avich, Serge-yevich / Siarhe-evich), so stems are compared by their consonants
too, with h read as g (Ukrainian and Belarusian г, Russian Magomed for Mahomed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import OSA

from namekit import romanization
from namekit.skeleton import consonant_skeleton

# Russian, Ukrainian, Belarusian and South Slavic endings, longest first, so that the stem
# of Sergeyevich is serge, not sergey.
_ENDING = re.compile(
    r"(?:[iy]?e?vich|[iy]?e?vych|[oae]vich|[oe]vych|[oe]vitch|[oe]wicz|[oe]vic"
    r"|[iy]?evna|[oe]vna|avna|ivna|ichna|ich)$"
)
# An h that is not part of a digraph (kh, zh, sh, ch, th, dh, gh, ph) is Slavic г.
_LONE_H = re.compile(r"(?<![kzsctdgp])h")
# Below this the stems name two fathers (as for any two fathers' names in namekit).
_SAME_FATHER = 0.5
_MIN_STEM = 2


def patronymic_stem(token: str) -> str | None:
    """The father's name a patronymic is made from (petrovna -> petr), or None."""
    stem = _ENDING.sub("", token)
    return stem if stem != token and len(stem) >= _MIN_STEM else None


@lru_cache(maxsize=262_144)
def stem_similarity(a: str, b: str) -> float | None:
    """How alike two patronymics' stems are (0 to 1), by letters or by consonants; None
    when either part is not a patronymic."""
    stem_a, stem_b = patronymic_stem(a), patronymic_stem(b)
    if stem_a is None or stem_b is None:
        return None
    if romanization.token_keys(stem_a) & romanization.token_keys(stem_b):
        return 1.0
    letters = OSA.normalized_similarity(stem_a, stem_b)
    sounds = OSA.normalized_similarity(_sounds(stem_a), _sounds(stem_b))
    return max(letters, sounds)


def fathers_differ(a: str, b: str) -> bool | None:
    """Whether two patronymics name two fathers (Natanovna / Petrovna); None when either
    part is not a patronymic."""
    similarity = stem_similarity(a, b)
    return None if similarity is None else similarity < _SAME_FATHER


def _sounds(stem: str) -> str:
    """A stem's consonants by letter class, with a lone h read as g."""
    return consonant_skeleton(_LONE_H.sub("g", stem))
