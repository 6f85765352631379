"""Copy the tables of docs/quality.md into README.md between the quality markers.

Run by `make quality` after bench/quality.py, so the README always shows the figures
of the last measured run together with the command that produced them.
"""

from __future__ import annotations

import sys
from pathlib import Path

START, END = "<!-- quality:start -->", "<!-- quality:end -->"


def main() -> int:
    """Replace the README's quality section with the report's tables; 1 if markers are missing."""
    root = Path(__file__).resolve().parents[1]
    readme, report = root / "README.md", root / "docs" / "quality.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        print(f"README.md lacks the {START} / {END} markers", file=sys.stderr)
        return 1
    body = report.read_text(encoding="utf-8").split("\n", 1)[1].strip()  # drop the title
    body = body.replace("\n## ", "\n#### ")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(f"{before}{START}\n{body}\n{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
