"""Blocking keys: the cheap keys under which two spellings of one name meet.

Each name part gets: the part itself, the part with confusable letters folded (Perosi ~
Pelosi), its romanization-equivalence keys (Hsi ~ Xi), the names it is short for (Bill ~
William), its consonant skeleton (for names in other scripts), and, for longer parts, the
part with one letter deleted (one-letter typos). Adjacent parts are also keyed joined, by
spelling (Ya Nan ~ Yanan, Al Dulaimi ~ Aldulaimy) and as one two-syllable East Asian given
name (Jie Ting ~ Chieh-ting). Every key remembers which parts of the name it stands for,
as a bitmask, so that candidate generation can require two names to share more than one
common part.
"""

from __future__ import annotations

from functools import lru_cache

from namekit import chinese_systems, romanization
from namekit.normalize import PARTICLES, ParsedName
from namekit.reference import formal_names
from namekit.skeleton import consonant_skeleton
from namekit.text import fold_confusable

_MIN_DELETION_LENGTH = 5
MAX_PARTS = 8  # masks are 8-bit: parts after the eighth do not take part in blocking

KeyedParts = list[tuple[str, int]]  # a key and the bitmask of the name parts it stands for


def part_keys(name: ParsedName) -> KeyedParts:
    """The blocking keys of a name, each with the name parts (as a bitmask) it comes from."""
    script = key_script(name.script)
    return [
        (key, mask)
        for text, mask, joined in part_items(name)
        for key in item_keys(text, joined, script)
    ]


def part_items(name: ParsedName) -> list[tuple[str, int, bool]]:
    """What blocking keys a name by: (text, parts bitmask, joined), initials included.

    Adjacent parts are also an item joined (Ya Nan / Yanan, Al Dulaimi / Aldulaimy).
    """
    tokens = name.tokens[:MAX_PARTS]
    items = [(token, 1 << position, False) for position, token in enumerate(tokens)]
    for position in range(len(tokens) - 1):
        first, second = tokens[position], tokens[position + 1]
        if len(first) > 1 and len(second) > 1:
            items.append((first + second, 3 << position, True))
    return items


def item_keys(text: str, joined: bool, script: str) -> frozenset[str]:
    """The keys of one item: all of a part's keys; for two parts joined, their spelling keys
    and their reading as one two-syllable East Asian given name (Jie Ting ~ Chieh-ting)."""
    if joined:
        return spelling_keys(text) | romanization.two_syllable_keys(text)
    return token_keys(text, script)


def spelling_keys(text: str) -> frozenset[str]:
    """Keys for a spelling and its one-letter typos: itself, folded, one letter deleted.

    Two parts joined are nearly unique to a name, so they get only these keys, which cost
    no table lookups; with them one typo anywhere in two parts still meets both parts.
    """
    folded = fold_confusable(text)
    keys = {text, "~" + folded}
    if len(folded) >= _MIN_DELETION_LENGTH - 1:
        keys.add("-" + folded)
        if len(folded) >= _MIN_DELETION_LENGTH:
            keys.update("-" + folded[:k] + folded[k + 1 :] for k in range(len(folded)))
    return frozenset(keys)


def key_script(script: str) -> str:
    """The script as far as keys care: Hebrew skeletons drop more letters."""
    return "Hebr" if script == "Hebr" else ""


@lru_cache(maxsize=1_000_000)
def token_keys(token: str, script: str = "") -> frozenset[str]:
    """The keys of one name part: itself, folded, romanized, its sound, one letter deleted."""
    if len(token) == 1:
        return frozenset()  # an initial: only useful together with another part
    keys = set(cheap_keys(token, script)) | spelling_keys(token)
    skeleton = consonant_skeleton(token, script or "Latn")
    if len(skeleton) >= 4:
        keys.update("#" + skeleton[:k] + skeleton[k + 1 :] for k in range(len(skeleton)))
    return frozenset(keys)


@lru_cache(maxsize=1_000_000)
def cheap_keys(token: str, script: str = "") -> frozenset[str]:
    """The few most telling keys of a part, used to split keys shared by too many names."""
    keys = {token, "~" + fold_confusable(token), *romanization.token_keys(token)}
    keys.update(chinese_systems.hokkien_keys(token))  # Kiàn-kok meets Chien-kuo (建國)
    if not any(key.startswith("zh:") for key in keys):  # Чжисюн (chzhisyun) meets Chih-hsiung
        keys.update(chinese_systems.palladius_keys(token))
    keys.update("n:" + formal for formal in formal_names(token))
    skeleton = consonant_skeleton(token, script or "Latn")
    if len(skeleton) >= 2:
        keys.add("#" + skeleton)
        if len(token) >= 4:
            # Spellings that differ only in inner vowels (Aleksandr / Aliaksandr), which
            # the scorer treats as variants: same consonants, same first and last letter.
            keys.add("%" + token[0] + skeleton + token[-1])
    return frozenset(keys)


@lru_cache(maxsize=1_000_000)
def split_keys(token: str, script: str = "") -> frozenset[str]:
    """The keys that split a key shared by too many names: the part's names, spellings,
    sound, and consonants between its first and last letter (Baynah / Benah).

    Fewer than `cheap_keys` (every extra key multiplies the meetings of each pair): the
    part itself is covered by its "n:" key, which every part has.
    """
    return frozenset(
        k for k in cheap_keys(token, script) if (":" in k and not k.startswith("~")) or k[0] in "#%"
    )


def full_parts(name: ParsedName) -> int:
    """How many parts of a name are more than an initial."""
    return sum(1 for token in name.tokens[:MAX_PARTS] if len(token) > 1)


def personal_bit(name: ParsedName) -> int:
    """The bit of the name's personal (first given) name, or 0 for a one-part name."""
    if full_parts(name) < 2:
        return 0
    # The first part neither of the family name nor a particle (as the scorer reads it:
    # Al-Hassan's personal name is Hassan); past the masks' eight parts it has no bit.
    for position in range(min(len(name.tokens), MAX_PARTS)):
        if position not in name.family and name.tokens[position] not in PARTICLES:
            return 1 << position
    return 0


def name_keys(name: ParsedName) -> set[str]:
    """All blocking keys of a name, without the parts they stand for."""
    return {key for key, _ in part_keys(name)}


def sketch(name: ParsedName) -> str:
    """A cheap stand-in for a name: parts in one romanization, confusable letters folded, sorted."""
    parts = []
    for token in name.tokens:
        keys = romanization.token_keys(token) if len(token) > 1 else frozenset()
        parts.append(min(keys) if keys else fold_confusable(token))
    return " ".join(sorted(parts))
