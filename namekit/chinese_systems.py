"""Chinese names in systems that are read only against romanized Mandarin.

``namekit.romanization`` links spellings that share a key. Three more systems write
Chinese names, but sharing a key is not enough for them, so each links only in its own
setting:

* Taiwanese Hokkien (Pe̍h-ōe-jī, Tâi-lô) spells the Hokkien reading of each character
  (劉建國: Lâu Kiàn-kok), so a Hokkien syllable writes the Mandarin syllables of several
  characters. A two-syllable part links to a Mandarin part with the same syllables; two
  Hokkien spellings never link this way.
* Gwoyeu Romatzyh writes tones in the letters (pyng, jyh, huey). Taiwanese passports mix
  it into hyphenated given names, where it is read syllable by syllable; as whole parts
  its spellings are English names (Kay, May).
* Palladius is how Russian writes Chinese names (Си Цзиньпин); only a part that was
  written in Cyrillic is read so.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from functools import lru_cache

from namekit.romanization import (
    MAX_KEYS_PER_SYSTEM,
    describe_mandarin,
    korean_keys,
    longest_spelling,
    mandarin_keys,
    segmentations,
    token_keys,
)
from namekit.romanization_tables import (
    Reading,
    gwoyeu_romatzyh_syllables,
    hokkien_syllables,
    palladius_syllables,
)

# Hokkien readings are read from two-syllable parts only (a given name, Kiàn-kok): one
# Hokkien syllable writes several Mandarin ones, and a lone syllable (Tim, Kim, Hoon) is as
# often an English or Korean name; Hokkien surnames come from the surname table instead.
HOKKIEN_SYLLABLES = 2


def _hokkien_parses(token: str) -> list[tuple[str, ...]]:
    """The splits of a token into two Hokkien syllables whose Mandarin readings stay
    few enough to be evidence."""
    lexicon = hokkien_syllables()
    parses = []
    for parts in segmentations(token, lexicon, longest_spelling(lexicon)):
        sizes = [len({r.canonical for r in lexicon[part]}) for part in parts]
        if len(parts) == HOKKIEN_SYLLABLES and math.prod(sizes) <= MAX_KEYS_PER_SYSTEM:
            parses.append(parts)
    return parses


@lru_cache(maxsize=1 << 18)
def hokkien_keys(token: str) -> frozenset[str]:
    """``zh:`` keys of the Mandarin syllables a POJ or Tâi-lô token writes through its
    characters (Kiàn-kok -> jian-guo, as 建國); none for a token a Mandarin system spells,
    which is read as Mandarin (Ping is not Hokkien Bing, 明 ming), or as one Korean syllable."""
    lexicon = hokkien_syllables()
    keys: set[str] = set()
    if mandarin_keys(token) or any(len(k) == len("ko:") + 1 for k in korean_keys(token)):
        # One Korean syllable (Hoon) is no two Hokkien ones (ho-on).
        return frozenset()
    for parts in _hokkien_parses(token):
        options = [sorted({r.canonical for r in lexicon[part]}) for part in parts]
        keys.update("zh:" + "-".join(combo) for combo in itertools.product(*options))
    return frozenset(keys)


def gwoyeu_keys(syllable: str) -> frozenset[str]:
    """``zh:`` keys of the Mandarin syllable a Gwoyeu Romatzyh tonal spelling writes (Pyng,
    Jyh, Huey); used only syllable by syllable, where Taiwanese given names mix it in."""
    return frozenset("zh:" + r.canonical for r in gwoyeu_romatzyh_syllables().get(syllable, ()))


def same_syllable(a: str, b: str) -> bool:
    """Whether two syllables of hyphenated given names write one Mandarin syllable, each in
    any system (Ching / Jing, Pyng / Ping). Gwoyeu Romatzyh counts only here: as whole
    parts its tonal spellings are English words (Kay, May, Her)."""
    return bool((token_keys(a) | gwoyeu_keys(a)) & (token_keys(b) | gwoyeu_keys(b)))


# Chinese surnames and given names have one or two syllables each.
PALLADIUS_SYLLABLES = 2


@lru_cache(maxsize=1 << 16)
def palladius_keys(token: str) -> frozenset[str]:
    """``zh:`` keys of a part read from Cyrillic as Palladius syllables (Цзиньпин ->
    tszinpin -> jin-ping)."""
    lexicon = palladius_syllables()
    keys: set[str] = set()
    for parts in segmentations(token, lexicon, longest_spelling(lexicon)):
        if len(parts) <= PALLADIUS_SYLLABLES:
            options = [sorted({r.canonical for r in lexicon[part]}) for part in parts]
            keys.update("zh:" + "-".join(combo) for combo in itertools.product(*options))
    return frozenset(keys)


def palladius_link(a: str, b: str, scripts: tuple[str, str]) -> str | None:
    """Why a part written in Cyrillic and a romanized Chinese part write the same Mandarin
    syllables (Чжисюн / Chih-hsiung), or None; only a part that was Cyrillic is read so."""
    if "Cyrl" not in scripts:  # asked of every part pair across scripts: answer fast
        return None
    for (cyrillic, script), other in (((a, scripts[0]), b), ((b, scripts[1]), a)):
        readings = palladius_keys(cyrillic) if script == "Cyrl" else frozenset()
        if not readings:
            continue
        shared = readings & mandarin_keys(other)
        if shared:
            key = min(shared, key=lambda k: (k.count("-"), k))
            spelled = _describe_palladius(cyrillic, key)
            return f"'{a}' ~ '{b}': both write Mandarin {key[3:]}: '{cyrillic}' is {spelled}"
    return None


def read_as_chinese_across(a: str, b: str, scripts: tuple[str, str]) -> bool:
    """Whether a Cyrillic part reads as Palladius syllables and the other part as Mandarin
    ones: then their sound alone says nothing (Синьин / Yu-jen share s and n only)."""
    if "Cyrl" not in scripts:
        return False
    for (cyrillic, script), other in (((a, scripts[0]), b), ((b, scripts[1]), a)):
        if script == "Cyrl" and palladius_keys(cyrillic) and mandarin_keys(other):
            return True
    return False


def _describe_palladius(token: str, key: str) -> str:
    lexicon = palladius_syllables()
    parses = segmentations(token, lexicon, longest_spelling(lexicon))
    shown = _spelled(parses, lexicon, key)
    return "the Russian Palladius spelling " + "".join(shown) if shown else "a Palladius spelling"


def _spelled(
    parses: list[tuple[str, ...]], lexicon: Mapping[str, tuple[Reading, ...]], key: str
) -> list[str] | None:
    """How a token's syllables display in its system, for the first split of it that
    writes the syllables of a ``zh:`` key; None when none does."""
    syllables = key[len("zh:") :].split("-")
    for parts in parses:
        if len(parts) == len(syllables):
            shown = [
                next((r.display for r in lexicon[p] if r.canonical == s), "")
                for p, s in zip(parts, syllables, strict=True)
            ]
            if all(shown):
                return shown
    return None


def hokkien_link(a: str, b: str) -> str | None:
    """Why a Taiwanese Hokkien part and a Mandarin one write the same characters' syllables
    (Kiàn-kok / Chien-kuo, both 建國), or None. Two Hokkien parts never link this way: two
    Hokkien spellings are two syllables (Tim / Tom)."""
    for hokkien, mandarin in ((a, b), (b, a)):
        readings = hokkien_keys(hokkien)
        if not readings:  # most parts: skip reading the other part's Mandarin keys
            continue
        shared = readings & mandarin_keys(mandarin)
        if shared:
            key = min(shared, key=lambda k: (k.count("-"), k))
            parts = (_describe_hokkien(hokkien, key), describe_mandarin(mandarin, key))
            return f"'{a}' ~ '{b}': both write Mandarin {key[3:]}: {parts[0]}; {parts[1]}"
    return None


def _describe_hokkien(token: str, key: str) -> str:
    shown = _spelled(_hokkien_parses(token), hokkien_syllables(), key)
    if shown:
        return f"'{token}' is Taiwanese Hokkien (POJ/Tâi-lô) " + "-".join(shown)
    return f"'{token}' reads so"


__all__ = [
    "gwoyeu_keys",
    "hokkien_keys",
    "hokkien_link",
    "palladius_keys",
    "palladius_link",
    "read_as_chinese_across",
    "same_syllable",
]
