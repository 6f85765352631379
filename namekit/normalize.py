"""Normalisation of person names for matching; the original string is always kept for display.

A name is read into `ParsedName`: Unicode NFKC, other scripts read as Latin letters,
diacritics folded, case folded, apostrophes and hyphens inside romanized syllables joined
(Ch'en -> chen, Tse-tung -> tsetung, Ya-nan -> yanan, keeping the syllables), titles and
ranks dropped (the list is `data/titles.txt`), degrees after a comma dropped
("Hj. Dewi Coryati, M.Si."; `data/degrees.txt`), generational suffixes (Jr., III) kept apart
as evidence, and "SURNAME, Given" recognised so the family name is known.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from namekit.text import fold_diacritics, rewrite_token
from namekit.translit import dominant_script, to_latin

_APOSTROPHES = "'’ʼʻ`´‘ʹ′"
_HYPHENS = "-‐‑‒–—―"
# An article glued to a name by a hyphen is a separate, weak part: al-Qadhafi -> al qadhafi.
_GLUED_PARTICLE = re.compile(r"\b(al|el|ad|ar|as|at|az|ash|ud|ur|an|ul)[-\s]+(?=\w)")
_NOT_NAME_CHAR = re.compile(r"[^a-z0-9\s]")
_APOSTROPHE_RE = re.compile("[" + _APOSTROPHES + "]")
# A digit between two letters (Ig0r Sech1n, from OCR or leetspeak) is the letter it looks
# like. Digits at a word's edge stay: they number things (Ann31, Anne1, 14th, Agent 007).
_DIGIT_IN_WORD = re.compile(r"(?<=[a-z])[01345789](?=[a-z])")
_LOOKALIKE_LETTERS = str.maketrans("01345789", "oieastbg")
_SYLLABLE_MAX = 6
_MIDDLE_DOTS = re.compile("[·・•‧⋅]")
# Suffix spellings that are titles when they open a name (Sr. = Señor, Sra.).
_LEADING_TITLES = frozenset({"sr", "sra", "srta"})
_CONSONANT_SCRIPTS = frozenset({"Arab", "Hebr"})
_HYPHEN_RE = re.compile("[" + _HYPHENS + "]")
# A bracketed part, which may restate the name in another script (_drop_restatement).
_BRACKETED = re.compile(r"\(([^()]*)\)")
# Punctuation between words separates them (Samuel J.Paparo, Abd/Rahman).
_WORD_BREAK = re.compile(r"[.,;:/\\()\[\]{}&+|\"]+")


def _word_list(filename: str) -> frozenset[str]:
    """A bundled one-word-per-line list, without comments and blank lines."""
    text = resources.files("namekit").joinpath("data", filename).read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


TITLES = _word_list("titles.txt")
SUFFIXES = _word_list("suffixes.txt")
FINAL_SUFFIXES = _word_list("final_suffixes.txt")
PARTICLES = _word_list("particles.txt")
JOINING_PREFIXES = _word_list("joining_prefixes.txt")
JOINING_SUFFIXES = _word_list("joining_suffixes.txt")
POST_NOMINALS = _word_list("post_nominals.txt")
_AFTER_NAME = SUFFIXES | POST_NOMINALS
# Degrees after a comma (", M.Si.", ", S.H."): compared with their dots and spaces removed.
_DEGREES = _word_list("degrees.txt") | POST_NOMINALS
_DOTS_AND_SPACES = re.compile(r"[.\s]+")


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A name as namekit compares it; `original` is what the user wrote."""

    original: str
    tokens: tuple[str, ...]
    syllables: tuple[tuple[str, ...], ...]
    suffixes: tuple[str, ...]
    family: tuple[int, ...]
    script: str

    @property
    def normalized(self) -> str:
        """The name's parts in written order with its suffixes, as one string."""
        return " ".join(self.tokens + self.suffixes)

    @property
    def sorted_key(self) -> str:
        """An order-insensitive key: Wu Yanan, Yanan Wu and "WU, Yanan" share it."""
        return " ".join(sorted(self.tokens)) + (
            "|" + " ".join(self.suffixes) if self.suffixes else ""
        )


@lru_cache(maxsize=262144)
def parse_name(name: str) -> ParsedName:
    """Read a name into its comparable parts."""
    # Middle dots separate the words of names written in Chinese or Japanese (安格拉·默克尔).
    text = _MIDDLE_DOTS.sub(" ", unicodedata.normalize("NFKC", name)).strip()
    text = _drop_restatement(text)
    script = dominant_script(text)
    latin = _drop_degrees(fold_diacritics(to_latin(text)).casefold())
    family_first = False
    if latin.count(",") == 1:
        before, after = (part.strip() for part in latin.split(","))
        # "Dr. Shaw, Jared": a title leads the whole name, not the family name.
        titles, before = _leading_titles(before)
        # "SURNAME, Given": a short part before the comma is the family name; but in
        # "Sammy Davis, Jr." and "Jane Doe, PhD" the part after the comma is only a suffix.
        only_suffixes = all(w.strip(".") in _AFTER_NAME for w in after.split())
        # Particles do not count (BIN AHMED RUSHDI AL-QATIRJI, DE LA CRUZ GARCIA).
        family_words = [w for w in before.split() if w not in PARTICLES]
        if before and after and len(family_words) <= 3 and not only_suffixes:
            latin, family_first = titles + after + " , " + before, True
        else:
            before = titles + before
        if not family_first and _APOSTROPHE_RE.sub("", after) in JOINING_PREFIXES:
            # "AL-RAHMAN MUHAMMAD MUSTAFA AL-QADULI, 'ABD": a prefix moved behind the comma
            # of a long name goes back in front of the name it belongs to.
            latin = after + " " + before
    latin = _APOSTROPHE_RE.sub("", latin)
    latin = _DIGIT_IN_WORD.sub(lambda digit: digit[0].translate(_LOOKALIKE_LETTERS), latin)
    latin = _GLUED_PARTICLE.sub(r"\1 ", latin)
    tokens: list[str] = []
    syllables: list[tuple[str, ...]] = []
    family_start = 0
    for chunk in latin.split():
        if chunk == ",":
            family_start = len(tokens)
            continue
        for piece in _WORD_BREAK.split(chunk):
            for word in _words_of([p for p in _HYPHEN_RE.split(piece) if p]):
                tokens.append("".join(word))
                syllables.append(word)
    # Prefix joining must not reach across the comma of "SURNAME, Given".
    given_tokens, given_syllables = _join_prefixed(tokens[:family_start], syllables[:family_start])
    family_tokens, family_syllables = _join_prefixed(
        tokens[family_start:], syllables[family_start:]
    )
    return _finish(
        name,
        given_tokens + family_tokens,
        given_syllables + family_syllables,
        len(given_tokens) if family_first else None,
        script,
    )


def _drop_restatement(text: str) -> str:
    """The name without a bracketed restatement of it in another script (Ibrahim Hassan
    Asiri (إبراهيم حسن عسيري), as sanctions lists give the original script): read as more
    parts, it made the name look longer than the other spelling."""
    match = _BRACKETED.search(text)
    if match is None:
        return text
    outside = (text[: match.start()] + " " + text[match.end() :]).strip()
    if not any(c.isalpha() for c in outside):
        return text
    if dominant_script(match.group(1)) == dominant_script(outside):
        return text  # Otto (senior) Hess, William (Smiley) Heather: part of the name
    return outside


def _drop_degrees(text: str) -> str:
    """The name without the degrees written after its commas ("Ir. Marwan Cik Asan, MM,
    M.Si." -> "Ir. Marwan Cik Asan"), when at least two words are left."""
    if "," not in text:
        return text
    chunks = text.split(",")
    while len(chunks) > 1 and len(chunks[0].split()) >= 2 and _all_degrees(chunks[-1]):
        chunks.pop()
    return ",".join(chunks)


def _all_degrees(chunk: str) -> bool:
    """Whether a comma-separated chunk is degrees only (S.Sos.I, Ph. D., SIP. MM)."""
    words = chunk.split()
    if not words:
        return False
    joined = _DOTS_AND_SPACES.sub("", chunk)
    return joined in _DEGREES or all(w.replace(".", "") in _DEGREES for w in words)


def _leading_titles(text: str) -> tuple[str, str]:
    """The title words that lead a text (with a trailing space), and the rest."""
    words = text.split()
    count = 0
    while count < len(words) - 1 and words[count].strip(".") in TITLES:
        count += 1
    return "".join(w + " " for w in words[:count]), " ".join(words[count:])


def _join_prefixed(
    tokens: list[str], syllables: list[tuple[str, ...]]
) -> tuple[list[str], list[tuple[str, ...]]]:
    """Join a prefix word to the part it belongs to (Abd al-Rahman, Abdul Rahman, Abu Bakr),
    and a suffix word to the part before it (Salah al-Din, Kamal Eddin)."""
    out_tokens: list[str] = []
    out_syllables: list[tuple[str, ...]] = []
    i = 0
    while i < len(tokens):
        take = 1
        if tokens[i] in JOINING_PREFIXES and i + 1 < len(tokens):
            take = 3 if tokens[i + 1] in PARTICLES and i + 2 < len(tokens) else 2
        start = i
        i += take
        # A suffix word after it (Salah al-Din, Kamal Eddin) joins it too.
        if _takes_suffix(tokens, start, i):
            i += 2 if tokens[i] in PARTICLES else 1
        out_tokens.append(rewrite_token("".join(tokens[start:i])))
        out_syllables.append(tuple(s for part in syllables[start:i] for s in part))
    return out_tokens, out_syllables


def _takes_suffix(tokens: list[str], start: int, end: int) -> bool:
    """Whether the part tokens[start:end] is followed by a suffix word of its name, with or
    without an article between (al-Din after Salah; Eddin after Kamal)."""
    if end >= len(tokens) or tokens[start] in PARTICLES:
        return False
    if tokens[end] in PARTICLES:
        return end + 1 < len(tokens) and tokens[end + 1] in JOINING_SUFFIXES
    return tokens[end] in JOINING_SUFFIXES and tokens[end][0] in "aeiou"


def _syllable_sized(part: str) -> bool:
    """Whether a hyphenated part is short enough to be one syllable; Taiwanese Hokkien
    writes its aspirated affricate chh (POJ) or tsh (Tâi-lô), one letter longer
    (Kok-chhiong, Tshiong-tso)."""
    longest = _SYLLABLE_MAX + 1 if part.startswith(("chh", "tsh")) else _SYLLABLE_MAX
    return len(part) <= longest


def _words_of(parts: list[str]) -> list[tuple[str, ...]]:
    """Split hyphen-separated parts into words; a hyphenated word keeps its syllables."""
    cleaned = [_NOT_NAME_CHAR.sub(" ", p).strip() for p in parts]
    # Short hyphenated parts are the syllables of one name (Ya-nan, Chin-p'ing, Jong-il);
    # long ones are separate names (Escobar-Aguilo, Henny-Gabriele).
    if 1 < len(cleaned) <= 3 and all(c and " " not in c and _syllable_sized(c) for c in cleaned):
        return [tuple(cleaned)]
    words: list[tuple[str, ...]] = []
    for c in cleaned:
        words.extend((w,) for w in c.split())
    return words


def _finish(
    original: str,
    tokens: list[str],
    syllables: list[tuple[str, ...]],
    family_start: int | None,
    script: str,
) -> ParsedName:
    """Drop titles, set suffixes apart and decide which parts are the family name."""
    # Titles lead a name (Adm. Samuel Paparo); a title word later on is a name part
    # (Hun Sen, John Major, Martin Luther King).
    # Scripts that write no short vowels read as consonants that may spell a Latin title
    # (عمر, Omar, reads "mr"), so the Latin title list is not applied to them.
    titles = frozenset() if script in _CONSONANT_SCRIPTS else TITLES
    first_name_part = next(
        (
            i
            for i, t in enumerate(tokens)
            if t not in titles and not (i == 0 and t in _LEADING_TITLES)
        ),
        len(tokens),
    )
    last_name_part = len(tokens)
    while last_name_part - first_name_part > 2 and tokens[last_name_part - 1] in POST_NOMINALS:
        last_name_part -= 1  # Dave Henry MD: a degree, not a name part
    keep = list(range(first_name_part, last_name_part))
    if not keep:  # a name that is only a title ("General") stays as written
        keep = list(range(len(tokens)))
    # A suffix follows the name; a leading "Sr." is the Spanish title Señor. A final-only
    # suffix (Kučera st.) needs two name parts before it: "Clair St" is St Clair reversed.
    suffix_positions = [
        i
        for i in keep[1:]
        if tokens[i] in SUFFIXES or (i == keep[-1] > keep[1] and tokens[i] in FINAL_SUFFIXES)
    ]
    if len(keep) - len(suffix_positions) >= 1 and suffix_positions:
        keep = [i for i in keep if i not in suffix_positions]
    else:
        suffix_positions = []
    # Interned: a million names share a few hundred thousand parts, and a worker's chunk of
    # parsed names then pickles each part once.
    kept_tokens = tuple([sys.intern(tokens[i]) for i in keep])
    kept_syllables = tuple([tuple(map(sys.intern, syllables[i])) for i in keep])
    if family_start is not None:
        family = tuple(n for n, i in enumerate(keep) if i >= family_start)
    elif script in ("Hani", "Hang") or (len(kept_tokens) > 1 and family_first_order(kept_tokens)):
        family = (0,) if kept_tokens else ()
    else:
        family = (len(kept_tokens) - 1,) if kept_tokens else ()
    return ParsedName(
        original=original,
        tokens=kept_tokens,
        syllables=kept_syllables,
        suffixes=tuple(sorted(tokens[i] for i in suffix_positions)),
        family=family,
        script=script,
    )


def family_first_order(tokens: tuple[str, ...]) -> bool:
    """Whether a romanized name looks East Asian, written family name first (Wu Yanan)."""
    from namekit.reference import is_east_asian_surname

    return is_east_asian_surname(tokens[0]) and not is_east_asian_surname(tokens[-1])


def normalize_name(name: str) -> str:
    """The name as namekit compares it: folded, romanized, titles dropped, one string."""
    return parse_name(name).normalized
