"""Scoring a table of name pairs: the workflow behind `namekit compare`."""

from __future__ import annotations

import pandas as pd

from namekit.errors import InputError
from namekit.scoring import DEFAULT_SCORE_CUTOFF, score_pairs

COMPARE_COLUMNS = ("score", "same", "reason")


def compare_frame(
    frame: pd.DataFrame, left: str, right: str, *, score_cutoff: float = DEFAULT_SCORE_CUTOFF
) -> pd.DataFrame:
    """The pairs table with score (0-100), same (1/0 at the cutoff) and reason added."""
    taken = [c for c in COMPARE_COLUMNS if c in frame.columns]
    if taken:
        raise InputError(
            f"the input already has a column '{taken[0]}'; "
            "rename it first (namekit adds score, same, reason)."
        )
    lefts = ["" if pd.isna(v) else str(v) for v in frame[left].tolist()]
    rights = ["" if pd.isna(v) else str(v) for v in frame[right].tolist()]
    matches = score_pairs(lefts, rights)
    out = frame.copy()
    out["score"] = [f"{m.score:g}" for m in matches]
    out["same"] = ["1" if m.score >= score_cutoff else "0" for m in matches]
    out["reason"] = [f"{m.reason}: {m.explanation}" for m in matches]
    return out
