"""Pairwise name scoring: a 0–100 similarity and, in words, why.

Two names are compared part by part. Parts are aligned whatever their order (Wu Yanan /
Yanan Wu), split parts are joined when the other name writes them as one (Ya Nan / Yanan),
and each aligned pair gets a similarity: equal, the same name in another romanization
(Hsi / Xi), a nickname (Bill / William), an initial (J. / John), letters that
transliteration confuses (Perosi / Pelosi), or an edit distance. A near miss between two
different valid name parts (Jong-il / Jong-un, Li / Lu) counts against a match rather
than as a small edit. The part similarities are averaged with weights that say how rare
each part is, so a shared rare surname proves more than a shared Wang or Muhammad.
Generational suffixes that differ (Jr. / none) cap the score below any cutoff, and so
does a different middle, father's or family name (Hamdan Munir / Hamdan Ziyad Sabbagh),
which also marks the pair as a hard conflict that clustering never joins across.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz.distance import OSA

from namekit import chinese_systems, romanization
from namekit.normalize import PARTICLES, ParsedName, parse_name
from namekit.patronymics import fathers_differ
from namekit.reference import are_nicknames, name_part_shares, name_part_weight
from namekit.romanization_tables import EndingGroup, arabic_particles, initial_letter_pairs
from namekit.skeleton import consonant_skeleton, spelling_skeleton
from namekit.text import fold_confusable, fold_diacritics
from namekit.translit import is_han, is_hangul, simplified

# Chosen on ../shared/eval with `make quality` (the same cutoffs for every data set).
DEFAULT_SCORE_CUTOFF = 85.0
DEFAULT_REVIEW_CUTOFF = 70.0

_SHORT_PART = 4
_SUFFIX_CAP = 60.0
_CONFLICT_CAP = 65.0
# In the review band: a surname link that only a reading foreign to the rest of the names
# makes (`_southern_surname_link`, `_korean_surnames_differ`,
# `_southern_readings_on_both_sides`).
_DOUBTFUL_SURNAME_CAP = 80.0
_EXTRA_PART = 0.35
# Arabic names string the father's and forefathers' names (and tribe or place) between the
# personal name and the family name, and aliases keep any few of them: one left out says
# next to nothing once the personal and family names agree (a tenth of a middle name).
_LINEAGE_PART = 0.04
# Parts that only sound alike across scripts never count as fully equal.
_TRANSCRIPTION_MAX = 0.9
# ...unless three or more full parts, and every part of both names, agree that way.
_CORROBORATING_PARTS = 3
_HEARD_PART = 0.8
_CORROBORATED = 0.95
_SLIP_SIMILARITY = 0.88
# Two spellings with the same consonants, first and last letters (Golestani / Gulistani):
# scripts that write no short vowels (Arabic, Persian) leave them to each romanizer, so
# this is nearly as good as a known variant, and better than a typing slip.
_VOWEL_VARIANT = 0.86
_SLIP_MIN_LENGTH = 3
_VOWELS = frozenset("aeiou")
# One surname in another gender or language (Ivanov / Ivanova, Lukashenko / Lukashenka).
_SAME_STEM = 0.9
# One stem with endings of two groups (Lukash-evich / Lukash-enka) is two surnames.
_OTHER_ENDING = 0.5
# Behind an ending this short (-ov, -ski) a stem shorter than four letters may be respelled
# whole (Klu-ev / Klyu-ev), so it is not judged on its own.
_SHORT_ENDING = 3
_MIN_STEM = 4
_DIFFERENT_SYLLABLE = "a different syllable"
_PATRONYMIC_ENDINGS = ("vich", "vych", "vna", "ovic", "evic", "ovitch", "evitch", "ovych", "yevych")
_SAME_GIVEN_NAME = 0.7
_SAME_GIVEN_NAME_HEARD = 0.5
# Fathers' names are compared more loosely than personal names: patronymics take another
# language's form (Hryhoryavich / Grigorievich), so only a clearly different one counts.
_FATHER_SAME = 0.5
# Below this a family name is another family name: one slip in a part of five letters or
# more, or two in one of eight, stays above it (Scholz / Scholze, Smirnova / Smirnowa).
_FAMILY_SAME = 0.75
# Spellings of the Arabic particles (al / el, bin / ben): a cheap test before the table.
_PARTICLE_SPELLINGS = frozenset(arabic_particles())
# Particles that say "son of" / "daughter of": the part after one names the father.
_SON_OF = frozenset({"bin", "ben", "ibn", "bn", "ould", "bint", "binti"})
# Particles that mark a romanized name as Arabic (those no other language writes alone).
_ARABIC_MARKERS = frozenset({"al", "el", "bin", "ibn", "bint", "binti", "ash", "ud", "ul"})
# Whole names written with the same letters: spaced differently, or one typing slip apart.
_RESPACED_SCORE = 95.0
_SLIPPED_SCORE = 90.0
_RESPACED_MIN_LETTERS = 8
_RESPACED_MAX_LENGTH_GAP = 6
# A mention by one name part alone never auto-merges by score; the surname rule decides.
_SINGLE_PART_CAP = 80.0
# Links through which one name fits several people's (J. = John or James; Lisa = Elizabeth
# or Melissa): a match resting on one is joined only where one person fits.
_SHORT_FORM_KINDS = frozenset({"initial", "nickname"})
# Scripts that write one syllable per character: a different character is a different name.
_SYLLABIC_SCRIPTS = {"Hani": is_han, "Hang": is_hangul}
# Middle parts shorter than this may be respelled past recognition (Udai / Aday).
_MIDDLE_MIN_LENGTH = 5
_MIDDLE_MAX_PARTS = 4
# Initials that transliterations write for one letter (В. as V. or W., Й. as I., J. or Y.).
_SAME_INITIAL = str.maketrans("wyjkqz", "viiccs")
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9]")


@dataclass(frozen=True, slots=True)
class PartLink:
    """How one name part of each side aligned, with a similarity from 0 to 1."""

    left: str
    right: str
    similarity: float
    kind: str  # exact, romanization, nickname, initial, close, fuzzy, different
    note: str = ""


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The score of a pair of names (0–100), its kind of match and a readable reason."""

    score: float
    reason: str  # exact, normalized, romanization, fuzzy or none
    explanation: str
    # False when the match rests on an initial, a nickname or a lone name part ("J. Smith",
    # "Lisa Smith", "Paparo"): such a name fits several people (Lisa is short for Elizabeth
    # and Melissa), so clustering joins it only when exactly one person fits.
    decisive: bool = True
    # True when the names carry evidence of two different people (a different personal
    # name or syllable, a generational suffix on one side): such a pair must never end up
    # in one cluster, however it is chained.
    conflict: bool = False
    details: tuple[str, ...] = ()  # the explanation's parts, one per aligned pair or rule
    # True when a family, father's or middle name differs (Nawal Mahir / Nawal Fuad Haddad):
    # clustering never joins two groups across such a pair, however many others agree,
    # while a few conflicts of personal names are tolerated in a large multilingual group.
    hard_conflict: bool = False


def score_names(left: str, right: str) -> NameMatch:
    """Score two names 0–100 and say why."""
    return score_parsed(parse_name(left), parse_name(right))


def score_pairs(lefts: Sequence[str], rights: Sequence[str]) -> list[NameMatch]:
    """Score names pairwise (lefts[i] against rights[i])."""
    if len(lefts) != len(rights):
        raise ValueError("lefts and rights must have the same length")
    return [score_names(a, b) for a, b in zip(lefts, rights, strict=True)]


@lru_cache(maxsize=1_000_000)
def score_parsed(left: ParsedName, right: ParsedName) -> NameMatch:
    """Score two parsed names; symmetric in its arguments."""
    if left.original > right.original:  # one order for every pair keeps scores symmetric
        left, right = right, left
    if not left.tokens or not right.tokens:
        return NameMatch(0.0, "none", "a blank name matches nothing")
    if left.original == right.original:
        return NameMatch(100.0, "exact", "the same string")
    if left.sorted_key == right.sorted_key and not _son_and_father(left, right):
        note = f"the same name once normalised: {left.normalized}"
        score, native = _native_check(left, right, 100.0)
        return NameMatch(score, "normalized", "; ".join(filter(None, (note, native))))
    respaced = _respaced(left, right)
    if respaced:
        return respaced
    left_parts, right_parts = _rejoin(left, right, left.script != right.script)
    scripts = (left.script, right.script) if left.script != right.script else None
    links, unmatched = _align(left_parts, right_parts, scripts)
    links = _korean_syllables_relinked(left, right, links)
    if scripts is None:
        links = _family_names_relinked(left, right, left_parts, right_parts, links)
    if unmatched:
        # Sergey Sergey Shoigu: a part written twice says nothing new the second time.
        aligned = {link.left for link in links} | {link.right for link in links}
        repeated = sorted({token for token in unmatched if token in aligned})
        unmatched = [token for token in unmatched if token not in aligned]
    else:
        repeated = []
    if scripts is not None and all(token in PARTICLES for token in unmatched):
        links = _corroborated(links)
    score = _weighted_score(links, unmatched, _lineage_parts(left, right, unmatched))
    reason = _reason_of(links) if not unmatched else "fuzzy"
    notes = [_describe(link) for link in links]
    if unmatched:
        notes.append("unmatched: " + " ".join(sorted(unmatched)))
    if repeated:
        notes.append("written twice: " + " ".join(repeated))
    if left.suffixes != right.suffixes and score > _SUFFIX_CAP:
        score = _SUFFIX_CAP
        notes.append(
            "different generational suffix ("
            + (" ".join(left.suffixes) or "none")
            + " / "
            + (" ".join(right.suffixes) or "none")
            + ") means different people"
        )
    lineage = _lineage_conflict(left, right, links)
    conflict = (
        _given_name_conflict(left, right, links, unmatched)
        or lineage
        or _east_asian_extra_part(left, right, unmatched)
        or _given_syllables_reordered(left, right, links)
    )
    if conflict and score > _CONFLICT_CAP:
        score = _CONFLICT_CAP
        notes.append(conflict)
    doubtful = (
        _southern_surname_link(left, right, links)
        or _korean_surnames_differ(left, right, links)
        or _southern_readings_on_both_sides(links)
    )
    if doubtful and score > _DOUBTFUL_SURNAME_CAP:
        score = _DOUBTFUL_SURNAME_CAP
        notes.append(doubtful)
    # "PolPot" is Pol Pot written as one part (both are one part once rejoined), not a
    # mention by surname alone.
    single_part = (len(left.tokens) == 1) != (len(right.tokens) == 1) and not (
        len(left_parts) == len(right_parts) == 1
    )
    if single_part and score > _SINGLE_PART_CAP:
        score = _SINGLE_PART_CAP
        notes.append("one name is a single part: left to the surname rule or a reviewer")
    by_name = _by_names_only(left.tokens, right.tokens)
    if by_name and score > _SINGLE_PART_CAP:
        score = _SINGLE_PART_CAP
        notes.append(by_name)
    single_part = single_part or bool(by_name)
    decisive = not single_part and all(link.kind not in _SHORT_FORM_KINDS for link in links)
    # Across scripts a weak personal-name link is transcription noise, not a contradiction.
    contradicted = (
        (bool(conflict) and scripts is None)
        or left.suffixes != right.suffixes
        or any(link.note == _DIFFERENT_SYLLABLE for link in links)
    )
    score, note = _native_check(left, right, score)
    if note:
        notes.append(note)
    return NameMatch(
        round(score, 1),
        reason,
        "; ".join(notes),
        decisive,
        contradicted,
        tuple(notes),
        hard_conflict=bool(lineage) and scripts is None,
    )


Part = tuple[str, tuple[str, ...]]  # a name part and its syllables (as hyphenated)


def clear_caches() -> None:
    """Empty the caches of pair, part and romanization comparisons (they refill on use)."""
    for cached in (score_parsed, part_similarity, transcription_similarity):
        cached.cache_clear()
    romanization.token_keys.cache_clear()


@lru_cache(maxsize=262_144)
def _letters(original: str) -> str:
    """A name's letters in written order, without spaces, punctuation or accents."""
    if original.isascii():  # most names: nothing to fold, and isalnum is [A-Za-z0-9]
        return _NOT_ASCII_ALNUM.sub("", original.lower())
    return "".join(c for c in fold_diacritics(original).casefold() if c.isalnum())


def _respaced(left: ParsedName, right: ParsedName) -> NameMatch | None:
    """A match for two names written with the same letters in the same order, spaced or
    punctuated differently (Laurent Nkunda / Lauren TNkunda) or with two neighbouring
    letters swapped (Abdul Bari / Adbul Bari), or None. Such a slip moves a part boundary or hides a
    prefix, so part by part the names look far more different than they are."""
    if left.script != right.script or left.script != "Latn" or left.suffixes != right.suffixes:
        return None
    if abs(len(left.original) - len(right.original)) > _RESPACED_MAX_LENGTH_GAP:
        return None  # a cheap test first: most pairs differ in length
    a, b = _letters(left.original), _letters(right.original)
    if abs(len(a) - len(b)) > 1 or len(a) < _RESPACED_MIN_LETTERS:
        return None
    if a == b:
        note = "the same letters in the same order, spaced differently"
        return NameMatch(_RESPACED_SCORE, "fuzzy", note, details=(note,))
    # Two neighbouring letters swapped; a doubled letter is left to the parts, since across
    # a part boundary it makes another name (Kim Yong-chol / Kim Myong-chol).
    if len(a) != len(b) or sorted(a) != sorted(b) or OSA.distance(a, b) != 1:
        return None
    note = "the same letters in the same order but for a typing slip (two letters swapped)"
    return NameMatch(_SLIPPED_SCORE, "fuzzy", note, details=(note,))


def _by_names_only(left: tuple[str, ...], right: tuple[str, ...]) -> str:
    """Why two names that are each a by-name alone, spelled differently (Abu Obaida / Abu
    Obaidah), are left to a reviewer, or "": a kunya (Abu X, father of X) or an Abd al- name
    on its own is borne by many people, like a given name without a family name."""
    if len(left) != 1 or len(right) != 1 or left == right:
        return ""
    if all(t.startswith(("abu", "abou", "abdal")) for t in left + right):
        return "each name is a by-name alone (Abu X), which many people bear: left to a reviewer"
    return ""


def first_given_name(name: ParsedName) -> str | None:
    """The first part that is neither the family name nor a particle (the personal name),
    if the name has one."""
    if len(name.tokens) < 2:
        return None
    given = (t for i, t in enumerate(name.tokens) if i not in name.family and t not in PARTICLES)
    return next(given, None)


def _given_name_conflict(
    left: ParsedName, right: ParsedName, links: list[PartLink], unmatched: list[str]
) -> str:
    """Why the personal names differ (Yasir / Ayman Sabawi Ibrahim), or "" when they agree.

    Relatives share everything but the personal name (father's and family names), so a
    different or missing personal name outweighs any number of shared other parts.
    """
    if min(len(left.tokens), len(right.tokens)) < 2:
        return ""
    # Heard across scripts, one name is never spelt quite alike (ウラジーミル / Vladimir).
    same_given = _SAME_GIVEN_NAME if left.script == right.script else _SAME_GIVEN_NAME_HEARD
    for name in (left, right):
        for position in name.family:
            family = name.tokens[position]
            link = next((k for k in links if family in (k.left, k.right)), None)
            if len(family) > 1 and link is not None and link.kind == "initial":
                # A. L. Ershova / E. L. Artemeva: an initial must not stand for a surname.
                return f"family name {family} is matched only by an initial"
        given = first_given_name(name)
        if given is None:
            continue
        if given in unmatched and len(given) > 1:
            return f"personal name {given} has no counterpart"
        for link in links:
            if given in (link.left, link.right) and link.similarity < same_given:
                return f"personal names differ ({link.left} / {link.right})"
    if left.script == right.script:
        for link in links:
            if link.note == _DIFFERENT_SYLLABLE:
                return f"different syllables ({link.left} / {link.right})"
    return ""


def _east_asian_extra_part(left: ParsedName, right: ParsedName, unmatched: list[str]) -> str:
    """Why a part of a Chinese or Korean name without counterpart names another person
    (Deng Xuling / Xu Ling, Ko Tzu-tao / Ko Tzu), or "".

    Such names have no optional middle names: every syllable of the given name and the
    family name is part of who the person is, so a full name with a part more is not a
    longer form of the other, as John Henry Smith is of John Smith.
    """
    if left.script != right.script:
        return ""  # heard across scripts, parts align too loosely to call one extra
    if min(_full_part_count(left.tokens), _full_part_count(right.tokens)) < 2:
        return ""
    for name in (left, right):
        extra = [t for t in unmatched if len(t) > 1 and t in name.tokens]
        if extra and romanization.reads_as_east_asian(name.tokens):
            return f"{extra[0]} has no counterpart in an East Asian name"
    return ""


def _southern_surname_link(left: ParsedName, right: ParsedName, links: list[PartLink]) -> str:
    """Why a surname link that only a less likely southern reading makes is doubtful, or "".

    Liu is 刘 in Mandarin, and 廖 (Mandarin Liao) only in Cantonese; Wu is 吴 before it is
    Cantonese 胡 (Hu). When every other part of both names is written in Mandarin, nobody
    wrote this surname in Cantonese or Hokkien: the names are more likely two people's,
    so the pair goes to a reviewer instead of merging.
    """
    for link in links:
        if link.kind != "romanization" or link.left == link.right:
            continue
        token = romanization.less_likely_southern_surname(link.left, link.right)
        if token is None:
            continue
        if not romanization.mandarin_keys(link.left).isdisjoint(
            romanization.mandarin_keys(link.right)
        ):
            continue  # one Mandarin syllable in two systems (Chang / Zhang)
        parts = [t for t in left.tokens + right.tokens if len(t) > 1]
        if all(romanization.mandarin_keys(t) for t in parts):
            other = link.right if token == link.left else link.left
            return (
                f"{token} is {other} only in a southern reading, and more often a Mandarin"
                " surname of its own: the rest of both names is written in Mandarin"
            )
    return ""


def _korean_surnames_differ(left: ParsedName, right: ParsedName, links: list[PartLink]) -> str:
    """Why two names written in Korean have two Korean surnames that only a Chinese reading
    links (Kim / Chin: both 金 in Chinese, but Kim 김 and Chin 진 in Korean), or "".

    Names written in Korean read their surnames as Korean too; a Taiwanese name written in
    Wade-Giles (Kao Chin Su-mei) does not, and links to Hokkien Kim as before.
    """
    for link in links:
        if link.kind != "romanization" or link.left == link.right:
            continue
        own_left = romanization.korean_surname_keys(link.left)
        own_right = romanization.korean_surname_keys(link.right)
        if not own_left or not own_right or not own_left.isdisjoint(own_right):
            continue
        if _written_in_korean(left) and _written_in_korean(right):
            return (
                f"{link.left} / {link.right} are two Korean surnames, one only in a Chinese"
                " reading, in names written in Korean"
            )
    return ""


def _southern_readings_on_both_sides(links: list[PartLink]) -> str:
    """Why links that only southern surname readings make, one in each name, are doubtful,
    or "" (Ch'ai Wei / Gui Qi: chai is Cantonese 齐 Qi, gui Hokkien 魏 Wei).

    A name is written in one way: Chan Ka Wai is Cantonese throughout, so Chen Jia Wei may
    be its Mandarin form; but each name cannot be the southern form of the other.
    """
    sides: dict[str, PartLink] = {}
    for link in links:
        if link.kind != "romanization" or link.left == link.right:
            continue
        southern = romanization.southern_spelling(link.left, link.right)
        if southern is not None:
            sides.setdefault("left" if southern == link.left else "right", link)
    if len(sides) < 2:
        return ""
    first, second = sides["left"], sides["right"]
    return (
        f"{first.left} / {first.right} and {second.left} / {second.right} are each one surname"
        " only in a southern reading, one in each name: a name is written one way"
    )


def _korean_syllables_relinked(
    left: ParsedName, right: ParsedName, links: list[PartLink]
) -> list[PartLink]:
    """The links, with parts that Chinese readings call different syllables relinked as one
    Korean reading when both names are written in Korean (Pak Pong Nam / Pak Bong Nam:
    봉 in McCune-Reischauer and in Revised Romanization).

    Alone, Pong and Bong read first as Chinese syllables (peng, beng), which are two; in
    a Korean name each is a syllable of the given name, written in one of two systems.
    """
    if not any(link.note == _DIFFERENT_SYLLABLE for link in links):
        return links
    if not (_written_in_korean(left) and _written_in_korean(right)):
        return links
    relinked = []
    for link in links:
        why = None
        if link.note == _DIFFERENT_SYLLABLE:
            why = romanization.explain_korean_link(link.left, link.right)
        relinked.append(PartLink(link.left, link.right, 0.95, "romanization", why) if why else link)
    return relinked


def _family_names_relinked(
    left: ParsedName,
    right: ParsedName,
    left_parts: list[Part],
    right_parts: list[Part],
    links: list[PartLink],
) -> list[PartLink]:
    """The links, with family names that the nickname table linked compared as spellings.

    The table lists given names, many of which are also surnames: John Ford is not John
    Bradford, nor Brian Dennis Brian Dennison, though Ford and Dennis are nicknames.
    """
    if all(link.kind != "nickname" for link in links):
        return links
    left_family = {left.tokens[p] for p in left.family}
    right_family = {right.tokens[p] for p in right.family}
    left_of, right_of = dict(left_parts), dict(right_parts)
    relinked = []
    for link in links:
        if link.kind == "nickname" and (link.left in left_family or link.right in right_family):
            a, b = (link.left, left_of[link.left]), (link.right, right_of[link.right])
            link = part_similarity(a, b, nicknames=False)
        relinked.append(link)
    return relinked


def _written_in_korean(name: ParsedName) -> bool:
    """Whether every full part of a name reads as Korean and some part not as Mandarin."""
    parts = [t for t in name.tokens if len(t) > 1]
    return all(
        romanization.korean_keys(t) or romanization.korean_surname_keys(t) for t in parts
    ) and not all(romanization.mandarin_keys(t) for t in parts)


def _given_syllables_reordered(left: ParsedName, right: ParsedName, links: list[PartLink]) -> str:
    """Why two East Asian names read the syllables of their given name in another order
    (Kuang Jian Long / Kuang Long Jian: 建龙 and 龙建 are two names), or "".

    Parts are aligned in any order, since the family name leads or closes a name (Wu Ya
    Nan / Ya Nan Wu), but the syllables of the given name keep theirs.
    """
    if left.script != right.script or min(len(left.tokens), len(right.tokens)) < 3:
        return ""
    position_left = {t: i for i, t in enumerate(left.tokens) if len(t) > 1}
    position_right = {t: i for i, t in enumerate(right.tokens) if len(t) > 1}
    aligned = sorted(
        (position_left[k.left], position_right[k.right])
        for k in links
        if k.left in position_left and k.right in position_right
    )
    if len(aligned) < 3:
        return ""
    order = [j for _, j in aligned]
    ranked = sorted(order)
    ranks = [ranked.index(j) for j in order]
    last = len(ranks) - 1
    moved_family = ([*range(1, last + 1), 0], [last, *range(last)])
    if ranks == sorted(ranks) or ranks in moved_family:
        return ""
    if not (
        romanization.reads_as_east_asian(left.tokens)
        and romanization.reads_as_east_asian(right.tokens)
    ):
        return ""
    return "the syllables of the given name in another order"


def _lineage_conflict(left: ParsedName, right: ParsedName, links: list[PartLink]) -> str:
    """Why a family, father's or middle name differs (Hamdan Munir / Hamdan Ziyad Sabbagh),
    or "": parts shared by relatives and namesakes, so no number of agreeing names between
    two groups outweighs one such difference."""
    if min(len(left.tokens), len(right.tokens)) < 2:
        return ""
    if left.script == right.script:
        different_family = _family_difference(left, right, links)
        if different_family:
            return different_family
    swapped = _son_and_father(left, right)
    if swapped:
        return swapped
    fathers = _fathers(left) | _fathers(right)
    for link in links:
        if {link.left, link.right} <= fathers and _fathers_differ(link):
            # Sergey Viktorovich / Sergey Borisovich, Habib ben Ahmed / Habib ben Mohamed:
            # the same name with another father's name is a brother or a namesake.
            return f"fathers' names differ ({link.left} / {link.right})"
    middles_left, middles_right = _middle_parts(left.tokens), _middle_parts(right.tokens)
    for link in links:
        if (
            link.similarity < _FATHER_SAME
            and link.left in middles_left
            and link.right in middles_right
            and left.script == right.script
            and _middles_differ(link)
        ):
            # Hamdan Munir Sabbagh / Hamdan Ziyad Sabbagh, John Paul Smith / John Henry Smith:
            # a middle name (often the father's) that clearly differs names another person.
            return f"middle names differ ({link.left} / {link.right})"
    return ""


def _lineage_parts(left: ParsedName, right: ParsedName, unmatched: list[str]) -> frozenset[str]:
    """The unmatched parts that an Arabic name strings after the personal name (father's,
    grandfather's, tribal names: Khalid Abd al-Rahman Hamd al-Fawaz / Khalid al-Fawaz)."""
    if not unmatched:
        return frozenset()
    ends = [
        t for name in (left, right) for i in name.family if (t := name.tokens[i]) not in PARTICLES
    ]
    ends += [given for name in (left, right) if (given := first_given_name(name))]
    if any(t in unmatched for t in ends):
        return frozenset()  # the parts no relative shares must agree first
    return frozenset(
        t
        for name in (left, right)
        if _reads_as_arabic(name.tokens)
        for t in name.tokens
        if t in unmatched
    )


@lru_cache(maxsize=262_144)
def _reads_as_arabic(tokens: tuple[str, ...]) -> bool:
    """Whether a romanized name has Arabic structure: an Arabic particle (al, bin) or an
    Abd al- or Abu compound."""
    return any(t in _ARABIC_MARKERS or t.startswith(("abdal", "abu")) for t in tokens)


def _fathers_differ(link: PartLink) -> bool:
    """Whether two aligned fathers' names name two fathers: patronymics by their stems
    (Natan-ovna / Petr-ovna), other fathers' names by how alike they are."""
    by_stem = fathers_differ(link.left, link.right)
    if by_stem is not None:
        return by_stem
    return link.kind == "different" or link.similarity < _FATHER_SAME


def _middles_differ(link: PartLink) -> bool:
    """Whether two unlike middle parts name two people: an initial only against another
    initial, and not one transliteration writes for the other (V. / W.); a short part
    only when both are listed names with other consonants (Omar / Hamza), since short
    parts are respelled past recognition (Udai / Aday, Taip / Tajip)."""
    a, b = link.left, link.right
    if len(a) == 1 or len(b) == 1:
        return len(a) == len(b) and a.translate(_SAME_INITIAL) != b.translate(_SAME_INITIAL)
    if min(len(a), len(b)) < _MIDDLE_MIN_LENGTH:
        shares = name_part_shares()
        listed = a in shares and b in shares
        cut_short = a.startswith(b) or b.startswith(a)  # Elia / Elias, Abd / Abdul
        skeletons_differ = consonant_skeleton(a) != consonant_skeleton(b)
        return listed and link.kind == "different" and skeletons_differ and not cut_short
    return True


def _family_difference(left: ParsedName, right: ParsedName, links: list[PartLink]) -> str:
    """Why the family names differ (Lula da Silva / Lula da Souza), or "": a family name
    matched only by a part the scorer reads as another name (two known names, a different
    syllable, a changed letter in a short part), not by an unexplained respelling."""
    if max(_full_part_count(left.tokens), _full_part_count(right.tokens)) > _MIDDLE_MAX_PARTS:
        return ""  # long names string ancestors together: the last part is not a surname
    for name in (left, right):
        if len(name.family) != 1 or name.tokens[name.family[0]] in PARTICLES:
            continue  # two surnames (Cazares Gastelum) are shortened either way
        family = name.tokens[name.family[0]]
        link = next((k for k in links if family in (k.left, k.right)), None)
        if (
            link is not None
            and link.kind == "different"
            and link.similarity < _FAMILY_SAME
            and min(len(link.left), len(link.right)) > _SHORT_PART
        ):
            return f"family names differ ({link.left} / {link.right})"
    return ""


@lru_cache(maxsize=262_144)
def _full_part_count(tokens: tuple[str, ...]) -> int:
    """How many parts of a name are neither initials nor particles."""
    return sum(1 for t in tokens if len(t) > 1 and t not in PARTICLES)


def _fathers(name: ParsedName) -> frozenset[str]:
    """The parts that name the person's father: a patronymic (Viktorovich) or the part
    after a "son of" particle (bin, ben, ibn, ould)."""
    return _fathers_of(name.tokens)


@lru_cache(maxsize=262_144)
def _fathers_of(tokens: tuple[str, ...]) -> frozenset[str]:
    """_fathers over a name's parts (cached per name)."""
    return frozenset(
        token
        for i, token in enumerate(tokens)
        if (token.endswith(_PATRONYMIC_ENDINGS) and len(token) > 6)
        or (i > 0 and tokens[i - 1] in _SON_OF)
    )


@lru_cache(maxsize=262_144)
def _middle_parts(tokens: tuple[str, ...]) -> frozenset[str]:
    """The parts but particles between a name's first and last part (Munir in Hamdan Munir
    Sabbagh): placed there in both names, they are middle or father's names."""
    if len(tokens) > _MIDDLE_MAX_PARTS:
        return frozenset()  # long names drop and reorder parts between their aliases
    # Initials count (Hakob R. Hakobyan / Hakob G. Hakobyan); particles say nothing.
    return frozenset(t for t in tokens[1:-1] if t not in PARTICLES)


def _own_name(name: ParsedName) -> str | None:
    """The part just before the first "son of" particle: the person's own name."""
    if _SON_OF.isdisjoint(name.tokens):
        return None
    for i, token in enumerate(name.tokens[1:], start=1):
        if token in _SON_OF:
            return name.tokens[i - 1]
    return None


def _son_and_father(left: ParsedName, right: ParsedName) -> str:
    """Why two names with the same parts name a father and his son (Ahmad bin Hasan /
    Hasan bin Ahmad), or "": the part before "bin" is the person, the part after it his
    father."""
    own_left, own_right = _own_name(left), _own_name(right)
    if own_left is None or own_right is None or own_left == own_right:
        return ""
    if own_right in _fathers(left) and own_left in _fathers(right):
        return (
            f"each is the other's father ({own_left} bin {own_right} / {own_right} bin {own_left})"
        )
    return ""


def _rejoin(
    left: ParsedName, right: ParsedName, heard: bool = False
) -> tuple[list[Part], list[Part]]:
    """Join adjacent parts of one name that the other writes as one (Ya Nan / Yanan; across
    scripts by sound: al-Shamsi / الشامسي read as al shmsy)."""
    left_parts = list(zip(left.tokens, left.syllables, strict=True))
    right_parts = list(zip(right.tokens, right.syllables, strict=True))
    return _join_into(left_parts, right_parts, heard), _join_into(right_parts, left_parts, heard)


def _join_into(parts: list[Part], other: list[Part], heard: bool = False) -> list[Part]:
    """Parts with adjacent pairs merged where the other name writes them as one part."""
    own = {token for token, _ in parts}
    targets = [token for token, _ in other if len(token) > 3 and token not in own]
    if not targets or len(parts) < 2:
        return parts
    out: list[Part] = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and parts[i][0] not in targets and parts[i + 1][0] not in targets:
            joined = parts[i][0] + parts[i + 1][0]
            if any(_spells_same(joined, target, heard) for target in targets):
                out.append((joined, parts[i][1] + parts[i + 1][1]))
                i += 2
                continue
        out.append(parts[i])
        i += 1
    return out


def _spells_same(joined: str, target: str, heard: bool = False) -> bool:
    """Whether a joined pair of parts is the other name's single part, give or take a letter
    (or, across scripts, with the same consonants)."""
    if joined == target:
        return True
    if heard and joined[0] == target[0]:
        skeleton = consonant_skeleton(joined)
        return len(skeleton) >= 3 and skeleton == consonant_skeleton(target)
    if abs(len(joined) - len(target)) > 3:
        return False
    close = joined[0] == target[0] and abs(len(joined) - len(target)) <= 2
    if close and OSA.normalized_similarity(joined, target) >= 0.85:
        return True
    # Sik Myoung / Sik-myeong, Chin Jun / Jinjun: syllables written apart in one
    # romanization and together in another.
    return not romanization.token_keys(joined).isdisjoint(romanization.token_keys(target))


def _align(
    left: list[Part], right: list[Part], scripts: tuple[str, str] | None
) -> tuple[list[PartLink], list[str]]:
    """Pair up the parts greedily by similarity; return the links and the unmatched parts."""
    if scripts is None:
        candidates = [
            (-link.similarity, i, j, link)
            for i, a in enumerate(left)
            for j, b in enumerate(right)
            if (link := part_similarity(a, b))
        ]
    else:
        candidates = [
            (-link.similarity, i, j, link)
            for i, a in enumerate(left)
            for j, b in enumerate(right)
            if (link := _link(a, b, scripts))
        ]
    candidates.sort(key=lambda item: item[:3])
    used_left: set[int] = set()
    used_right: set[int] = set()
    links: list[PartLink] = []
    for _, i, j, link in candidates:
        if i not in used_left and j not in used_right:
            used_left.add(i)
            used_right.add(j)
            links.append(link)
    unmatched = [a for i, (a, _) in enumerate(left) if i not in used_left]
    unmatched += [b for j, (b, _) in enumerate(right) if j not in used_right]
    return links, unmatched


def _weighted_score(
    links: list[PartLink], unmatched: list[str], lineage: frozenset[str] = frozenset()
) -> float:
    """Average part similarity weighted by rarity.

    Parts left over on both sides are aligned anyway (with their low similarity): a
    different surname is strong evidence against. Parts only the longer name has (a
    middle name) count half against, a father's or forefather's name in an Arabic name
    less; a lone extra initial barely counts.
    """
    numerator = denominator = 0.0
    for link in links:
        weight = _weight(link.left) + _weight(link.right)
        if link.kind == "initial":
            weight = 2 * _weight(link.left if len(link.left) == 1 else link.right)
        numerator += link.similarity * weight
        denominator += weight
    for token in unmatched:
        extra = _LINEAGE_PART if token in lineage else _EXTRA_PART
        denominator += extra * _weight(token) if len(token) > 1 else 0.05
    return 100.0 * numerator / denominator if denominator else 0.0


@lru_cache(maxsize=262_144)
def _weight(token: str) -> float:
    """The evidence weight of one name part; particles and patronymics weigh little."""
    if token in PARTICLES:
        return 0.1
    if token.endswith(_PATRONYMIC_ENDINGS) and len(token) > 6:
        # A father's name (Hryhoryavich, Mikhailovna) is shared by siblings and often dropped.
        return 0.3
    return name_part_weight(token)


def _corroborated(links: list[PartLink]) -> list[PartLink]:
    """Links across scripts, with the sound-alike ones raised when every part of both names
    aligned and three or more full parts agree (خالد عبد الرحمن حمد الفواز / Khalid Abd
    al-Rahman Hamd al-Fawaz): one part may sound alike by chance, not every part at once."""
    full = [k for k in links if len(k.left) > 1 and k.left not in PARTICLES]
    if len(full) < _CORROBORATING_PARTS or any(k.similarity < _HEARD_PART for k in full):
        return links
    return [
        replace(k, similarity=_CORROBORATED, note=k.note + ", as every other part")
        if k.kind == "transcription" and k.similarity < _CORROBORATED
        else k
        for k in links
    ]


def _link(a: Part, b: Part, scripts: tuple[str, str] | None) -> PartLink:
    """The better of the spelling comparison and, across scripts, the sound comparison."""
    link = part_similarity(a, b, heard=scripts is not None)
    if scripts is None or link.similarity >= _TRANSCRIPTION_MAX:
        return link
    if "Cyrl" in scripts:  # Чжисюн / Chih-hsiung: Russian's own system for Chinese names
        palladius = chinese_systems.palladius_link(a[0], b[0], scripts)
        if palladius:
            return PartLink(a[0], b[0], 0.95, "romanization", palladius)
        if chinese_systems.read_as_chinese_across(a[0], b[0], scripts):
            return link  # two Chinese readings that differ are two syllables, not a sound match
    heard = transcription_similarity(a[0], b[0], scripts)
    return heard if heard.similarity > link.similarity else link


@lru_cache(maxsize=1_000_000)
def transcription_similarity(a: str, b: str, scripts: tuple[str, str]) -> PartLink:
    """How alike two parts sound when one was transcribed from another script."""
    best = (-1.0, "", "")
    for form_a in _readings(a, scripts[0]):
        for form_b in _readings(b, scripts[1]):
            skeleton_a = consonant_skeleton(form_a, scripts[0])
            skeleton_b = consonant_skeleton(form_b, scripts[1])
            if min(len(skeleton_a), len(skeleton_b)) < 3:
                similarity = 0.8 if skeleton_a == skeleton_b and skeleton_a else 0.0
                if similarity and len(skeleton_a) == 2 and _known_arabic_name(a, b, scripts):
                    # Arabic script writes the consonants only: Hassan is written hsn, so
                    # for a known Arabic name two equal consonants are as telling as three.
                    similarity = _TRANSCRIPTION_MAX
            else:
                similarity = round(
                    _TRANSCRIPTION_MAX * OSA.normalized_similarity(skeleton_a, skeleton_b), 3
                )
            best = max(best, (similarity, skeleton_a, skeleton_b))
    similarity, skeleton_a, skeleton_b = best
    note = f"sounds alike across scripts ({skeleton_a} / {skeleton_b})"
    return PartLink(a, b, similarity, "transcription", note)


def _readings(token: str, script: str) -> tuple[str, ...]:
    """A part read from its script, and for Arabic script also with dh read as z: ظ and ذ,
    read dh, are romanized z as often (al-Zawahiri / الظواهري, Nazir / نذير)."""
    if script == "Arab" and "dh" in token:
        return (token, token.replace("dh", "z"))
    return (token,)


def _known_arabic_name(a: str, b: str, scripts: tuple[str, str]) -> bool:
    """Whether one part is in Arabic script and the other a known Arabic given name."""
    if scripts[0] == "Arab" and scripts[1] != "Arab":
        latin = b
    elif scripts[1] == "Arab" and scripts[0] != "Arab":
        latin = a
    else:
        return False
    return any(key.startswith("ar:name:") for key in romanization.given_name_keys(latin))


@lru_cache(maxsize=2_000_000)
def part_similarity(a: Part, b: Part, heard: bool = False, nicknames: bool = True) -> PartLink:
    """How alike two name parts are, from 0 to 1, and in what way; `heard` when one part
    was read from another script, whose letters a stem may not keep (Džonson / Джонсон);
    `nicknames` False for family names, which the nickname table does not cover."""
    token_a, token_b = a[0], b[0]
    if token_a == token_b:
        return PartLink(token_a, token_b, 1.0, "exact")
    if token_a in _PARTICLE_SPELLINGS and token_b in _PARTICLE_SPELLINGS:
        particle = romanization.particle_link(token_a, token_b)
        if particle:
            return PartLink(token_a, token_b, 0.95, "romanization", particle)
    if len(token_a) == 1 or len(token_b) == 1:
        initial, full = (token_a, token_b) if len(token_a) == 1 else (token_b, token_a)
        if full.startswith(initial):
            return PartLink(token_a, token_b, 0.8, "initial", f"{initial}. = {full}")
        return PartLink(token_a, token_b, 0.0, "different")
    # isdisjoint: the test alone, without building the shared keys (most part pairs share none).
    if not romanization.token_keys(token_a).isdisjoint(romanization.token_keys(token_b)):
        why = romanization.explain_token_link(token_a, token_b) or "romanization variants"
        return PartLink(token_a, token_b, 0.95, "romanization", why)
    foreign = romanization.explain_transliteration_link(token_a, token_b)
    if foreign:
        return PartLink(token_a, token_b, 0.95, "romanization", foreign)
    hokkien = chinese_systems.hokkien_link(token_a, token_b)
    if hokkien:
        return PartLink(token_a, token_b, 0.95, "romanization", hokkien)
    if _same_syllables(a, b):
        # Ching-yi / jing-yi: each syllable in its own system, as Taiwanese names mix them.
        why = "the same syllables, each in another romanization"
        return PartLink(token_a, token_b, 0.95, "romanization", why)
    if nicknames and are_nicknames(token_a, token_b):
        return PartLink(token_a, token_b, 0.9, "nickname", "nickname")
    slip = _typing_slip(token_a, token_b)
    if slip:
        return PartLink(token_a, token_b, _SLIP_SIMILARITY, "fuzzy", slip)
    ending = romanization.shared_ending(token_a, token_b)
    if ending:
        link = _ending_link(token_a, token_b, ending, heard)
        if link:
            return link
    else:
        endings = romanization.other_endings(token_a, token_b)
        if endings:
            # Lukashevich / Lukashenka: one root made into two surnames.
            note = f"one stem with two name endings (-{endings[0]} / -{endings[1]})"
            return PartLink(token_a, token_b, _OTHER_ENDING, "different", note)
    if _different_syllable(a[1], b[1]) or _different_chinese_syllable(token_a, token_b):
        return PartLink(token_a, token_b, 0.3, "different", _DIFFERENT_SYLLABLE)
    raw = OSA.normalized_similarity(token_a, token_b)
    folded = OSA.normalized_similarity(fold_confusable(token_a), fold_confusable(token_b))
    short = min(len(token_a), len(token_b)) <= _SHORT_PART
    if folded == 1.0:
        similarity = 0.75 if short else 0.92
        return PartLink(token_a, token_b, similarity, "close", "letters transliteration confuses")
    if _two_listed_names(token_a, token_b):
        return PartLink(token_a, token_b, round(min(raw, 0.6), 3), "different", "two listed names")
    if _vowels_only_differ(token_a, token_b):
        # Fahd / Fahad, Lydia / Lidya: transliteration writes vowels freely, consonants less so.
        similarity = max(raw, _VOWEL_VARIANT)
        return PartLink(token_a, token_b, similarity, "fuzzy", "only the vowels differ")
    if short:
        # One changed letter in a short part is a different name far more often than a typo.
        return PartLink(token_a, token_b, round(raw * 0.6, 3), "different")
    if _other_initial(token_a, token_b):
        note = "two listed names with different first letters"
        return PartLink(token_a, token_b, round(min(raw, 0.6), 3), "different", note)
    if _both_known_names(token_a, token_b):
        return PartLink(token_a, token_b, round(min(raw, 0.6), 3), "different", "two known names")
    return PartLink(token_a, token_b, round(max(raw, 0.9 * folded), 3), "fuzzy")


def _ending_link(
    a: str, b: str, ending: tuple[str, str, str, str, EndingGroup], heard: bool = False
) -> PartLink | None:
    """Two parts with endings of one group (Ivanov / Ivanova, Kaminski / Maminski): the same
    stem is one surname in another gender or language; otherwise, for a common surname
    ending (-ski, -enko), stems that are two names make the parts two surnames, however
    alike the shared ending makes them look."""
    stem_a, end_a, stem_b, end_b, group = ending
    if stem_a == stem_b:
        note = f"one name with another ending (-{end_a} / -{end_b}: {group.note})"
        similarity = max(_SAME_STEM, round(OSA.normalized_similarity(a, b), 3))
        return PartLink(a, b, similarity, "fuzzy", note)
    if heard or not group.judged_stem or min(len(stem_a), len(stem_b)) < group.judged_stem:
        return None  # Taj-eddine / Tag-eddine: too short a stem may be respelled whole
    if min(len(end_a), len(end_b)) <= _SHORT_ENDING and min(len(stem_a), len(stem_b)) < _MIN_STEM:
        return None  # Klu-ev / Klyu-ev: too little of either part is left to judge by
    stems = part_similarity((stem_a, (stem_a,)), (stem_b, (stem_b,)))
    if stems.kind == "romanization":
        # One name in two romanizations, each with its spelling of the ending (Imad al-Din /
        # Emadeddin, Khasanov / Hasanova).
        note = f"{stems.note} before -{end_a} / -{end_b} ({group.note})"
        return PartLink(a, b, _SAME_STEM, "romanization", note)
    if stems.kind != "different":
        return None  # stems respelled (Zimou- / Zimov-): the whole parts say how closely
    note = f"the stems before -{end_a} / -{end_b} are two names ({stem_a} / {stem_b})"
    return PartLink(a, b, stems.similarity, "different", note)


def _typing_slip(a: str, b: str) -> str:
    """A typing slip that turns one name part into the other, named, or "".

    Two neighbouring letters swapped (Abdul / Adbul) or one letter doubled (Wali /
    Walli) is how names get mistyped, not how two names differ, even in short parts.
    """
    if min(len(a), len(b)) < _SLIP_MIN_LENGTH:
        return ""
    if len(a) == len(b) and sorted(a) == sorted(b) and OSA.distance(a, b) == 1:
        return "two letters swapped"
    short, long = sorted((a, b), key=len)
    if len(long) == len(short) + 1:
        for k in range(1, len(long)):
            if long[k] == long[k - 1] and long[:k] + long[k + 1 :] == short:
                return "a letter doubled"
    return ""


def _different_syllable(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two hyphenated names differ in a whole syllable (Jong-il / Jong-un)."""
    if len(a) < 2 or len(a) != len(b):
        return False
    differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    # Words joined to a prefix count too (Abdul Bari / Abdul Jalil), unless one is a
    # spelling variant of the other (Abdul Rahman / Abdul Rehman).
    return any(
        romanization.token_keys(x).isdisjoint(romanization.token_keys(y))
        and fold_confusable(x) != fold_confusable(y)
        and not _vowels_only_differ(x, y)
        and not _typing_slip(x, y)
        for x, y in differing
    )


def _same_syllables(a: Part, b: Part) -> bool:
    """Whether a hyphenated name has the other's syllables, each perhaps in another
    romanization (Ching-yi / Jingyi, Chun-yi / Junyi)."""
    hyphenated, other = (a, b) if len(a[1]) >= len(b[1]) else (b, a)
    syllables_a, (token_b, syllables_b) = hyphenated[1], other
    if len(syllables_a) < 2:
        return False
    splits = [syllables_b] if len(syllables_b) > 1 else romanization.chinese_segmentations(token_b)
    return any(
        len(split) == len(syllables_a)
        and all(
            x == y or chinese_systems.same_syllable(x, y)
            for x, y in zip(syllables_a, split, strict=True)
        )
        for split in splits
    )


def _different_chinese_syllable(a: str, b: str) -> bool:
    """Whether two parts are each one Chinese or Korean syllable, and not the same one
    (Rong / Zhong, Nam / Sam)."""
    if not (_one_syllable(a) and _one_syllable(b)):
        return False
    return romanization.token_keys(a).isdisjoint(romanization.token_keys(b))


@lru_cache(maxsize=1 << 18)
def _one_syllable(token: str) -> bool:
    """Whether romanization keys say the part reads as a single Chinese or Korean syllable."""
    keys = romanization.token_keys(token)
    return any(
        (k.startswith("zh:") and "-" not in k and not k.startswith("zh:surname:"))
        or (k.startswith("ko:") and len(k) == 4)
        for k in keys
    )


def _vowels_only_differ(a: str, b: str) -> bool:
    """Whether two parts differ only in inner vowels (same consonants, first and last letter)."""
    if min(len(a), len(b)) < 4 or (a[0], a[-1]) != (b[0], b[-1]):
        # The last letter too: Maria / Mario, Paolo / Paola are different names.
        return False
    skeleton = spelling_skeleton(a)
    return len(skeleton) >= 2 and skeleton == spelling_skeleton(b)


def _two_listed_names(a: str, b: str) -> bool:
    """Whether the given-name tables list both parts, as spellings of different names
    (Mahmoud / Muhammad, Hassan / Husayn: alike in letters, but two names)."""
    keys_a, keys_b = romanization.given_name_keys(a), romanization.given_name_keys(b)
    return bool(keys_a) and bool(keys_b) and not keys_a & keys_b


def _other_initial(a: str, b: str) -> bool:
    """Whether two parts start with letters no spelling trades (Radic / Tadic, Dariusz /
    Mariusz) and the frequency tables list both: a first letter is rarely mistyped, so two
    listed names that differ there are two names."""
    if (a[0], b[0]) in initial_letter_pairs():
        return False
    short, long = sorted((a, b), key=len)
    if long[1:] == short and long[0] in _VOWELS:
        return False  # a dropped opening vowel shortens a name (Anastassia / Nastassia)
    shares = name_part_shares()
    return a in shares and b in shares


def _both_known_names(a: str, b: str) -> bool:
    """Whether both parts are established names (seen at least ~1 in 100,000 people)."""
    shares = name_part_shares()
    return shares.get(a, 0.0) >= 1e-5 and shares.get(b, 0.0) >= 1e-5


def _native_check(left: ParsedName, right: ParsedName, score: float) -> tuple[float, str]:
    """Two names in Chinese characters or in Hangul must share their characters, not just a
    reading (高石 / 高市, 김종은 / 김정은): the score, capped when they do not, and why."""
    if left.script != right.script or left.script not in _SYLLABIC_SCRIPTS:
        return score, ""
    native = _SYLLABIC_SCRIPTS[left.script]
    text_a, text_b = left.original, right.original
    if left.script == "Hani":  # a traditional and a simplified character are one character
        text_a, text_b = simplified(text_a), simplified(text_b)
    chars_a = sorted(c for c in text_a if native(c))
    chars_b = sorted(c for c in text_b if native(c))
    if chars_a == chars_b:
        return score, ""
    if len(chars_a) == len(chars_b) and score >= DEFAULT_REVIEW_CUTOFF:
        return min(
            score, DEFAULT_REVIEW_CUTOFF + 5.0
        ), "different characters with a similar reading"
    return score, ""


def _reason_of(links: list[PartLink]) -> str:
    """The weakest kind of link among the aligned parts, in dedupe's vocabulary."""
    kinds = {link.kind for link in links}
    if kinds & {"close", "fuzzy", "initial", "different", "nickname", "transcription"}:
        return "fuzzy"
    if "romanization" in kinds:
        return "romanization"
    return "normalized"


def _describe(link: PartLink) -> str:
    """One aligned pair of parts in words."""
    if link.kind == "exact":
        return f"{link.left} = {link.right}"
    detail = f": {link.note}" if link.note else ""
    return f"{link.left} ~ {link.right} ({link.kind} {link.similarity:.2f}{detail})"
