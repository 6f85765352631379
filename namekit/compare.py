"""Scoring a table of name pairs: the workflow behind `namekit compare`."""

from __future__ import annotations

import pandas as pd

from namekit.scoring import DEFAULT_SCORE_CUTOFF, score_pairs
from namekit.tables import require_free_columns, text_cells

COMPARE_COLUMNS = ("score", "same", "reason")


def compare_frame(
    frame: pd.DataFrame, left: str, right: str, *, score_cutoff: float = DEFAULT_SCORE_CUTOFF
) -> pd.DataFrame:
    """The pairs table with score (0-100), same (1/0 at the cutoff) and reason added."""
    require_free_columns(frame, COMPARE_COLUMNS)
    lefts, rights = text_cells(frame, left), text_cells(frame, right)
    matches = score_pairs(lefts, rights)
    out = frame.copy()
    out["score"] = [f"{m.score:g}" for m in matches]
    out["same"] = ["1" if m.score >= score_cutoff else "0" for m in matches]
    out["reason"] = [f"{m.reason}: {m.explanation}" for m in matches]
    return out
