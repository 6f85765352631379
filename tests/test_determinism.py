"""The same input gives byte-identical output in every run, whatever Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NAMES = [
    "Abdul-Wahab AL-HUMAIKANI", "'Abd al-Wahhab AL-HUMAYQANI", "Muammar Qaddafi",
    "Moammar Gadhafi", "Mahmoud Abbas", "Mahmud Abbas", "Wu Yanan", "Wu Yenan", "吴亚男",
    "Hsi Chin-p'ing", "Xi Jinping", "Yusuf Hassan", "Yousef Hasan", "J. Smith", "John Smith",
    "Saad Alghamidy", "Saad Alghaamidi", "Huda Alhalabee", "Huda al-Halabi",
]  # fmt: skip


def test_dedupe_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    source = tmp_path / "names.csv"
    source.write_text("name\n" + "\n".join(NAMES) + "\n", encoding="utf-8")
    outputs = [_dedupe(source, tmp_path, seed) for seed in ("1", "2", "3")]
    assert outputs[0] == outputs[1] == outputs[2]
    assert "romanization" in outputs[0]  # the explanations that once varied are in it


def _dedupe(source: Path, folder: Path, seed: str) -> str:
    """The output of `namekit dedupe --explain`, and its suggestions, under one hash seed."""
    suggestions = folder / f"suggestions-{seed}.csv"
    command = [sys.executable, "-m", "namekit", "dedupe", str(source), "-c", "name"]
    command += ["--explain", "--suggestions", str(suggestions), "-o", "-", "-q"]
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=True)
    return result.stdout + suggestions.read_text(encoding="utf-8")
