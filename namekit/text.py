"""Character-level folding shared by normalisation and the reference tables."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from importlib import resources

_EXTRA_FOLDS = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ı": "i",
        "ħ": "h",
    }
)
_NOT_LETTER_OR_DIGIT = re.compile(r"[^a-z0-9]")
# Letters that transliteration confuses, folded to one class each (l/r, m/n, b/p/v, d/t,
# g/k/q, s/z/x): parts equal after folding are close, not equal.
_CONFUSABLE = str.maketrans("rmpvtgqzx", "lnbbdkkss")


def fold_confusable(token: str) -> str:
    """A name part with confusable letters folded (Perosi -> belosi, Pelosi -> belosi)."""
    return token.translate(_CONFUSABLE)


def fold_diacritics(text: str) -> str:
    """Remove accents and other combining marks (Pérez -> Perez, Itō -> Ito)."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Letters that NFKD does not decompose but that writers drop in plain ASCII (ø, ł, ß).
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA_FOLDS)


def fold_token(text: str) -> str:
    """One name part in matching form: no accents, lower case, letters and digits only."""
    return rewrite_token(_NOT_LETTER_OR_DIGIT.sub("", fold_diacritics(text).casefold()))


def _token_rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Spelling rewrites applied to each name part (data/token_rewrites.csv)."""
    path = resources.files("namekit").joinpath("data", "token_rewrites.csv")
    rows = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return tuple((re.compile(row["pattern"]), row["replacement"]) for row in rows)


_TOKEN_REWRITES = _token_rewrites()


def rewrite_token(token: str) -> str:
    """A name part in one spelling where the table says spellings are one (Abdulrahman ->
    abdalrahman), so matching, blocking and frequency lookups all see the same form."""
    for pattern, replacement in _TOKEN_REWRITES:
        token = pattern.sub(replacement, token)
    return token
