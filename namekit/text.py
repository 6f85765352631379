"""Character-level folding shared by normalisation and the reference tables."""

from __future__ import annotations

import re
import unicodedata

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


def fold_diacritics(text: str) -> str:
    """Remove accents and other combining marks (Pérez -> Perez, Itō -> Ito)."""
    decomposed = unicodedata.normalize("NFKD", text)
    # Letters that NFKD does not decompose but that writers drop in plain ASCII (ø, ł, ß).
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_EXTRA_FOLDS)


def fold_token(text: str) -> str:
    """One name part in matching form: no accents, lower case, letters and digits only."""
    return _NOT_LETTER_OR_DIGIT.sub("", fold_diacritics(text).casefold())
