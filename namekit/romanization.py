"""Romanization knowledge: which differently spelled tokens write the same name part.

``token_keys`` maps one normalised token (lowercase ASCII letters, apostrophes and hyphens
already removed) to namespaced keys; two tokens are romanization-equivalent when their key
sets intersect. The namespaces are:

* ``zh:<pinyin>-<pinyin>``: the token segments wholly into 1-3 Mandarin syllables in one
  system (Hanyu Pinyin, Wade-Giles, Tongyong, Yale; legacy postal spellings mix with any).
  Every segmentation and every reading is kept, so "yanan" gives ya-nan and yan-an and
  Wade-Giles "chen" gives chen and zhen.
* ``zh:surname:<characters>``: a spelling of a Chinese surname in the surname table,
  including Cantonese, Hokkien/Teochew and Hakka forms (dialect spellings exist for
  surnames only).
* ``ko:<hangul>``: a Korean surname from the surname table, or a token that segments
  wholly into 1-3 Hangul syllables under Revised Romanization, McCune-Reischauer or the
  popular spellings (eo as u/o, u as oo, i as ee).
* ``ja:<kunrei>``: a token made of Japanese morae, with Hepburn folded to Kunrei-shiki and
  long vowels (oh, ou, oo, uu) folded to one vowel.
* ``ru:<skeleton>`` and ``ru:name:<cyrillic>``: Cyrillic transliteration conventions
  folded together, and the Russian given-name table.
* ``ar:<skeleton>`` and ``ar:name:<arabic>``: Arabic/Persian transliteration conventions
  folded into a letter-class skeleton that keeps vowel classes (so Salah and Saleh stay
  apart), and the Arabic given-name table.

The skeleton namespaces (ru, ar) are not emitted for tokens that read as one or two
Chinese syllables, and the ja namespace not for single Chinese syllables: their rules would
merge distinct Chinese syllables (shi/si, gang/kang, chen/shen) that the zh keys keep apart.
A token read only as three syllables (Fatima as fa-ti-ma) is no Chinese given name, so it
keeps its Arabic and Cyrillic readings.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from functools import lru_cache

from namekit.romanization_tables import (
    MAX_VARIANTS,
    EndingGroup,
    Reading,
    arabic_given_names,
    arabic_particles,
    chinese_surname_ranks,
    chinese_surnames,
    chinese_syllables,
    japanese_mora_pattern,
    korean_surnames,
    korean_syllables,
    name_endings,
    rule_set,
    russian_given_names,
)

# Whole-token segmentation is limited to given-name sized tokens; longer words are not
# Chinese or Korean name parts and segmenting them only invents links.
MAX_SYLLABLES = 3
MAX_KEYS_PER_SYSTEM = 64
_CHINESE_SYSTEMS = ("pinyin", "wade_giles", "tongyong", "yale")
_SYSTEM_NAMES = {
    "pinyin": "Hanyu Pinyin",
    "wade_giles": "Wade-Giles",
    "tongyong": "Tongyong Pinyin",
    "yale": "Yale",
    "postal": "a postal/legacy spelling",
}
Lexicon = Mapping[str, object]
Table = Mapping[str, tuple[Reading, ...]]
_LONGEST: dict[int, int] = {}


def longest_spelling(lexicon: Lexicon) -> int:
    """Length of the lexicon's longest spelling (memoised per lexicon object)."""
    if id(lexicon) not in _LONGEST:
        _LONGEST[id(lexicon)] = max(map(len, lexicon))
    return _LONGEST[id(lexicon)]


def segmentations(token: str, lexicon: Lexicon, longest: int = 7) -> list[tuple[str, ...]]:
    """Every split of ``token`` into 1-3 pieces of at most ``longest`` letters, all in
    ``lexicon``; written as nested loops because this runs for every distinct token."""
    size = len(token)
    if size > MAX_SYLLABLES * longest:
        return []
    results: list[tuple[str, ...]] = []
    for i in range(1, min(size, longest) + 1):
        first = token[:i]
        if first not in lexicon:
            continue
        if i == size:
            results.append((first,))
            continue
        for j in range(i + 1, min(size, i + longest) + 1):
            second = token[i:j]
            if second not in lexicon:
                continue
            if j == size:
                results.append((first, second))
            elif size - j <= longest and token[j:] in lexicon:
                results.append((first, second, token[j:]))
    return results


@lru_cache(maxsize=1 << 16)
def chinese_segmentations(token: str) -> tuple[tuple[str, ...], ...]:
    """The ways to split a part into Chinese syllables of any romanization (jingyi -> jing yi)."""
    lexicon = chinese_syllables()
    return tuple(segmentations(token, lexicon, longest_spelling(lexicon)))


def _chinese_readings(token: str) -> dict[str, list[tuple[str, tuple[Reading, ...]]]]:
    """Key -> the (system, readings per syllable) that produce it; used for keys and words."""
    lexicon = chinese_syllables()
    found: dict[str, list[tuple[str, tuple[Reading, ...]]]] = {}
    for parts in chinese_segmentations(token):
        for system in _CHINESE_SYSTEMS:
            options = [
                [r for r in lexicon[piece] if r.system in (system, "postal")] for piece in parts
            ]
            if not all(options):
                continue
            for combo in itertools.islice(itertools.product(*options), MAX_KEYS_PER_SYSTEM):
                key = "zh:" + "-".join(r.canonical for r in combo)
                found.setdefault(key, []).append((system, combo))
    return found


@lru_cache(maxsize=1)
def _chinese_by_system() -> dict[str, dict[str, tuple[str, ...]]]:
    """Spelling -> system -> syllables it writes in that system (postal counts for all)."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    for spelling, readings in chinese_syllables().items():
        table[spelling] = {
            system: tuple(sorted({r.canonical for r in readings if r.system in (system, "postal")}))
            for system in _CHINESE_SYSTEMS
        }
    return table


@lru_cache(maxsize=1 << 18)
def mandarin_keys(token: str) -> frozenset[str]:
    """The zh: keys of a token in one Mandarin system (pinyin, Wade-Giles, Tongyong, Yale,
    postal), as _chinese_readings gives them without keeping the readings."""
    by_system = _chinese_by_system()
    keys: set[str] = set()
    for parts in segmentations(token, by_system, longest_spelling(chinese_syllables())):
        for system in _CHINESE_SYSTEMS:
            options = [by_system[piece][system] for piece in parts]
            if all(options):
                keys.update("zh:" + "-".join(combo) for combo in itertools.product(*options))
    return frozenset(keys)


def reads_as_east_asian(tokens: tuple[str, ...]) -> bool:
    """Whether a romanized name reads as Chinese or Korean: two or more full parts, each
    made of Chinese or Korean syllables and none a Western given name of several syllables
    (Linda, Anna), with an East Asian surname first or last."""
    from namekit.reference import is_east_asian_surname

    full = [t for t in tokens if len(t) > 1]
    return (
        len(full) >= 2
        and all(_east_asian_part(t) for t in full)
        and (is_east_asian_surname(full[0]) or is_east_asian_surname(full[-1]))
    )


@lru_cache(maxsize=1 << 18)
def _east_asian_part(token: str) -> bool:
    """Whether a part is Chinese or Korean syllables and not a Western given name that only
    happens to split into them (an-na, lin-da); one syllable (Bo, Lee) may be either."""
    from namekit.reference import formal_names

    korean = korean_syllables()
    parses = chinese_segmentations(token) or tuple(
        segmentations(token, korean, longest_spelling(korean))
    )
    if not parses:
        return False
    one_syllable = any(len(parse) == 1 for parse in parses)
    return one_syllable or formal_names(token) == frozenset({token})


@lru_cache(maxsize=1 << 18)
def two_syllable_keys(text: str) -> frozenset[str]:
    """The keys reading `text` as a two-syllable Chinese or Korean given name: what two parts
    written apart (Jie Ting, Do Yu) share with the name written as one (Chieh-ting, Doo-yu)."""
    if not text.isascii() or not text.isalpha():
        return frozenset()
    chinese = {key for key in mandarin_keys(text) if key.count("-") == 1}
    korean = {key for key in korean_keys(text) if len(key) == len("ko:") + 2}
    return frozenset(chinese | korean)


@lru_cache(maxsize=1 << 18)
def chinese_surname_keys(token: str) -> frozenset[str]:
    """Chinese surnames the token can spell, as ``zh:surname:<simplified>`` keys."""
    return frozenset("zh:surname:" + r.canonical for r in chinese_surnames().get(token, ()))


# The systems that write Mandarin: a surname spelled in one of them names its Mandarin
# reading; the others (Cantonese, Hokkien, Hakka) write southern readings.
_MANDARIN_SURNAME_SYSTEMS = frozenset({"Hanyu Pinyin", "Wade-Giles"})


@lru_cache(maxsize=1 << 16)
def mandarin_surnames(token: str) -> frozenset[str]:
    """The Chinese surnames a token spells in Hanyu Pinyin or Wade-Giles (liu: 刘, not 廖)."""
    readings = chinese_surnames().get(token, ())
    return frozenset(r.canonical for r in readings if r.system in _MANDARIN_SURNAME_SYSTEMS)


@lru_cache(maxsize=1 << 16)
def less_likely_southern_surname(a: str, b: str) -> str | None:
    """The spelling of two that is one surname with the other only in a southern reading
    less common than its own Mandarin one (liu: 刘 before Cantonese 廖), or None.

    Chan is 詹 in Wade-Giles but far more often Cantonese 陈, and Tan Hokkien 陈 before
    Mandarin 谭, so those links stand.
    """
    surnames = chinese_surnames()
    shared = {r.canonical for r in surnames.get(a, ())} & {r.canonical for r in surnames.get(b, ())}
    if not shared:
        return None
    ranks = chinese_surname_ranks()
    likeliest_shared = min(ranks[s] for s in shared)
    for token in (a, b):
        own = mandarin_surnames(token)
        if own and own.isdisjoint(shared) and min(ranks[s] for s in own) < likeliest_shared:
            return token
    return None


@lru_cache(maxsize=1 << 16)
def southern_spelling(a: str, b: str) -> str | None:
    """Of two spellings that share only Chinese surname readings, the one that writes the
    shared surname only in a southern reading, or None (chai ~ qi: chai is Cantonese 齐
    but Mandarin 柴, so chai; Chan ~ Chen: Chan).

    Both must read as Mandarin syllables too: a spelling that does not (Loong) was
    written in a southern reading anyway, where the surname table serves for syllables.
    """
    shared = token_keys(a) & token_keys(b)
    if not shared or not all(key.startswith("zh:surname:") for key in shared):
        return None
    if not mandarin_keys(a) or not mandarin_keys(b):
        return None
    surnames = {key.removeprefix("zh:surname:") for key in shared}
    southern = [t for t in (a, b) if mandarin_surnames(t).isdisjoint(surnames)]
    return southern[0] if len(southern) == 1 else None


def korean_surname_keys(token: str) -> frozenset[str]:
    """Korean surname keys only, ``ko:<hangul>`` (Park / Pak / Bak)."""
    return frozenset("ko:" + r.canonical for r in korean_surnames().get(token, ()))


def korean_keys(token: str) -> frozenset[str]:
    """Korean surname and Hangul-syllable keys, ``ko:<hangul>``."""
    keys = {"ko:" + r.canonical for r in korean_surnames().get(token, ())}
    lexicon = korean_syllables()
    parses = segmentations(token, lexicon, longest_spelling(lexicon))
    # A romanizer marks a syllable that starts with a vowel after an open one (Se-ung,
    # Se'ung), so a joined part reads as its fewest syllables: seungho is 승호, not 세웅호,
    # which would link it to seongho (성호, another name) through 세엉호-like misreadings.
    fewest = min((len(parts) for parts in parses), default=0)
    for parts in (p for p in parses if len(p) == fewest):
        combos = itertools.product(*(lexicon[piece] for piece in parts))
        found = {"ko:" + "".join(r.canonical for r in c) for c in itertools.islice(combos, 65)}
        if len(found) <= MAX_KEYS_PER_SYSTEM:  # a wildly ambiguous parse is no evidence
            keys |= found
    return frozenset(keys)


# Japanese syllable shape in any romanization (Hepburn, Kunrei, long-vowel spellings); a
# cheap gate so that most non-Japanese tokens skip the rule passes.
_JAPANESE_SHAPE = re.compile(
    r"(?:(?:tch|ch|sh|ts|[kgsztdnhbpmrfj]y?|y|w)?[aeiou](?:h(?![aeiou]))?"
    r"|n|m(?=[bpm])|([kstpgzdbhmr])(?=\1))+"
)


def japanese_keys(token: str) -> frozenset[str]:
    """The ``ja:`` key of a token that reads as Japanese morae once folded to Kunrei."""
    if not _JAPANESE_SHAPE.fullmatch(token):
        return frozenset()
    pattern = japanese_mora_pattern()
    return frozenset(
        "ja:" + form
        for form in rule_set("japanese_rules.csv").variants(token)
        if pattern.fullmatch(form)
    )


@lru_cache(maxsize=1 << 18)
def given_name_keys(token: str) -> frozenset[str]:
    """Russian and Arabic given-name table keys, ``ru:name:...`` and ``ar:name:...``."""
    keys = {"ru:name:" + r.canonical for r in russian_given_names().get(token, ())}
    keys |= {"ar:name:" + r.canonical for r in arabic_given_names().get(token, ())}
    return frozenset(keys)


def cyrillic_keys(token: str) -> frozenset[str]:
    """The Cyrillic-transliteration skeleton key, ``ru:<skeleton>``."""
    return frozenset("ru:" + f for f in rule_set("cyrillic_latin_rules.csv").variants(token))


def arabic_keys(token: str) -> frozenset[str]:
    """The Arabic-transliteration skeleton keys, ``ar:<skeleton>``."""
    if len(token) < 3:  # two letters leave no skeleton worth comparing
        return frozenset()
    return frozenset("ar:" + f for f in rule_set("arabic_latin_rules.csv").variants(token))


@lru_cache(maxsize=1 << 20)
def token_keys(token: str) -> frozenset[str]:
    """Romanization-equivalence keys of one normalised token; sharing a key links tokens."""
    if not token or not token.isascii() or not token.isalpha():
        return frozenset()
    chinese = mandarin_keys(token)
    keys = set(chinese) | chinese_surname_keys(token) | given_name_keys(token)
    # A token that is one Chinese syllable keeps only Korean *surname* keys: Korean
    # syllable readings of Chinese syllables link different names (Rong / Lung as 렁).
    one_syllable = any(key.count("-") == 0 for key in chinese)
    keys |= korean_surname_keys(token) if one_syllable else korean_keys(token)
    if not any(key.count("-") == 0 for key in chinese):
        keys |= japanese_keys(token)
    # Chinese given names are one or two syllables: a token read only as three (Fatima as
    # fa-ti-ma, Rawa as ri-a-wa) is no Chinese name part, so its other readings count.
    if all(key.count("-") == MAX_SYLLABLES - 1 for key in chinese):
        keys |= cyrillic_keys(token) | arabic_keys(token)
    return frozenset(keys)


# A stem must keep three letters for the rest of the part to count as its ending.
_MIN_STEM = 3


@lru_cache(maxsize=1 << 18)
def ending_splits(token: str) -> tuple[tuple[str, str], ...]:
    """(stem, ending) for every listed surname ending the part has, longest ending first."""
    endings = name_endings()
    longest = min(longest_spelling(endings), len(token) - _MIN_STEM)
    return tuple((token[:-k], token[-k:]) for k in range(longest, 0, -1) if token[-k:] in endings)


def shared_ending(a: str, b: str) -> tuple[str, str, str, str, EndingGroup] | None:
    """How two parts end in one group of name endings (Ivanov / Ivanova), as (stem a,
    ending a, stem b, ending b, the group), preferring one stem, then the longest endings;
    or None."""
    splits_b = ending_splits(b)
    if not splits_b:
        return None
    best: tuple[str, str, str, str, EndingGroup] | None = None
    for stem_a, end_a in ending_splits(a):
        for stem_b, end_b in splits_b:
            group = next((g for g in name_endings()[end_a] if end_b in g.endings), None)
            if group is None:
                continue
            rank = (stem_a == stem_b, min(len(end_a), len(end_b)))
            if best is None or rank > (best[0] == best[2], min(len(best[1]), len(best[3]))):
                best = (stem_a, end_a, stem_b, end_b, group)
    return best


def other_endings(a: str, b: str) -> tuple[str, str] | None:
    """The endings of two parts that put one stem into two names (Lukash-evich /
    Lukash-enka): endings of three letters or more in groups that share none, or None."""
    splits_b = ending_splits(b)
    if not splits_b:
        return None
    groups = name_endings()
    for stem_a, end_a in ending_splits(a):
        for stem_b, end_b in splits_b:
            if stem_a != stem_b or min(len(end_a), len(end_b)) < _MIN_STEM:
                continue
            if not any(end_b in group.endings for group in groups[end_a]):
                return end_a, end_b
    return None


def describe_mandarin(token: str, key: str) -> str:
    system, combo = _chinese_readings(token)[key][0]
    spelled = "-".join(r.display for r in combo)
    systems = sorted({r.system if r.system == "postal" else system for r in combo})
    named = " with ".join(_SYSTEM_NAMES[s] for s in systems)
    return f"'{token}' is {named} {spelled}"


def _describe_table(token: str, key: str, table: Table, prefix: str) -> str:
    canonical = key[len(prefix) :]
    systems = sorted({r.system for r in table.get(token, ()) if r.canonical == canonical})
    return f"'{token}' is {' and '.join(systems)}" if systems else f"'{token}' reads so"


def _describe_rules(token: str, rules: str, form: str) -> str:
    notes = [note.split(":")[0] for note in rule_set(rules).fired(token, form)]
    return f"'{token}' ({'; '.join(dict.fromkeys(notes))})" if notes else f"'{token}' as written"


def _explain_key(a: str, b: str, key: str) -> str:
    namespace, _, value = key.partition(":")
    if key.startswith("zh:surname:"):
        label = next(r.display for r in chinese_surnames()[a] if key.endswith(r.canonical))
        table = chinese_surnames()
        parts = [_describe_table(t, key, table, "zh:surname:") for t in (a, b)]
        return f"both spell the Chinese surname {label}: {parts[0]}; {parts[1]}"
    if namespace == "zh":
        parts = [describe_mandarin(t, key) for t in (a, b)]
        return f"both write Mandarin {value}: {parts[0]}; {parts[1]}"
    if key.startswith(("ar:name:", "ru:name:")):
        table = arabic_given_names() if namespace == "ar" else russian_given_names()
        prefix = namespace + ":name:"
        label = next(r.display for r in table[a] if r.canonical == key[len(prefix) :])
        language = "Arabic" if namespace == "ar" else "Russian"
        parts = [_describe_table(t, key, table, prefix) for t in (a, b)]
        return f"both spell the {language} given name {label}: {parts[0]}; {parts[1]}"
    if namespace == "ko":
        surname = korean_surnames()
        if value in {r.canonical for t in (a, b) for r in surname.get(t, ())}:
            parts = [_describe_table(t, key, surname, "ko:") for t in (a, b)]
            if all("reads so" not in p for p in parts):
                return f"both spell the Korean surname {value}: {parts[0]}; {parts[1]}"
        return (
            f"both romanize Korean {value} (Revised Romanization, McCune-Reischauer "
            "and popular spellings differ only in how they write its sounds)"
        )
    rules, what = {
        "ja": ("japanese_rules.csv", "Japanese reading"),
        "ru": ("cyrillic_latin_rules.csv", "Cyrillic spelling"),
        "ar": ("arabic_latin_rules.csv", "Arabic spelling"),
    }[namespace]
    parts = [_describe_rules(t, rules, value) for t in (a, b)]
    return f"both are transliterations of one {what} ({value}): {parts[0]}; {parts[1]}"


def _explanation_rank(key: str, a: str, b: str) -> tuple[int, int, str]:
    """Table evidence is the most specific, so it explains a link before rule-made keys do."""
    if key.startswith(("ar:name:", "ru:name:")):
        rank = 0
    elif key.startswith("zh:surname:"):
        rank = 1
    elif key.startswith("ko:") and any(
        key == "ko:" + r.canonical for t in (a, b) for r in korean_surnames().get(t, ())
    ):
        rank = 2
    else:
        rank = 3 + ["zh:", "ko:", "ja:", "ru:", "ar:"].index(key[:3])
    return rank, key.count("-"), key


def particle_link(a: str, b: str) -> str | None:
    """Why two tokens are one Arabic particle (al / el / ad, bin / ben / ibn), or None.

    Kept out of ``token_keys``: particles are in nearly every Arabic name, so as keys
    they would pair names that share nothing else.
    """
    particles = _particle_of()
    particle = particles.get(a)
    if particle is None or particle != particles.get(b):
        return None
    return f"'{a}' ~ '{b}': both spell the Arabic particle {particle}"


@lru_cache(maxsize=1)
def _particle_of() -> dict[str, str]:
    """Spelling -> the Arabic particle it writes (each spelling writes one particle)."""
    return {spelling: readings[0].display for spelling, readings in arabic_particles().items()}


def explain_korean_link(a: str, b: str) -> str | None:
    """Why two tokens read as one Korean syllable or name, in words, or None (Pong / Bong)."""
    shared = korean_keys(a) & korean_keys(b)
    if not shared:
        return None
    # The syllable that Revised Romanization writes as one of the two (봉 for bong, not 벙).
    revised = {r.canonical: r.display for t in (a, b) for r in korean_syllables().get(t, ())}
    key = min(shared, key=lambda k: (revised.get(k[3:]) not in (a, b), k))
    return f"'{a}' ~ '{b}': " + _explain_key(a, b, key)


def explain_transliteration_link(a: str, b: str) -> str | None:
    """Why two tokens are one Arabic or Cyrillic spelling when only one of them can read as
    Chinese (Kansou / Qansu), in words, or None.

    A Chinese reading keeps those keys out of ``token_keys`` so that two Chinese names do
    not link by them; a token with no Chinese reading is no Chinese name, so that reason
    does not hold for the pair. A token that reads as one Chinese syllable stays out: it is
    most likely a Chinese surname, which the Arabic skeleton would link to words (Tang / Tank).
    """
    chinese, other = (a, b) if mandarin_keys(a) else (b, a)
    readings = mandarin_keys(chinese)
    if not readings or mandarin_keys(other) or any("-" not in key for key in readings):
        return None
    shared = (cyrillic_keys(a) | arabic_keys(a)) & (cyrillic_keys(b) | arabic_keys(b))
    if not shared:
        return None
    key = min(shared, key=lambda k: _explanation_rank(k, a, b))
    return f"'{a}' ~ '{b}': " + _explain_key(a, b, key)


def explain_token_link(a: str, b: str) -> str | None:
    """Why two tokens are romanization-equivalent, in words, or None when they are not."""
    shared = token_keys(a) & token_keys(b)
    if not shared:
        return None
    key = min(shared, key=lambda k: _explanation_rank(k, a, b))
    return f"'{a}' ~ '{b}': " + _explain_key(a, b, key)


__all__ = [
    "MAX_VARIANTS",
    "arabic_keys",
    "chinese_surname_keys",
    "cyrillic_keys",
    "describe_mandarin",
    "explain_korean_link",
    "explain_token_link",
    "explain_transliteration_link",
    "given_name_keys",
    "japanese_keys",
    "korean_keys",
    "less_likely_southern_surname",
    "mandarin_keys",
    "mandarin_surnames",
    "other_endings",
    "particle_link",
    "segmentations",
    "shared_ending",
    "token_keys",
]
