"""`namekit review`: a prompt-per-suggestion UI over `namekit.review.ReviewSession`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, Protocol

import click

from namekit.aliases import AliasRow, bundled_table_path, read_alias_table
from namekit.cli.base import alias_options
from namekit.decisions import DEFAULT_TABLE, DecisionTable, Verdict, default_reviewer
from namekit.errors import ConflictError, InputError
from namekit.review import ReviewItem, ReviewSession, describe_change, read_suggestions
from namekit.review_judgements import Side
from namekit.review_sheet import apply_review_sheet, write_review_sheet
from namekit.translit import dominant_script, to_latin

PROMPT = "Same person? [y/n/u/s/b/e/q/?] "
HELP = """\
  y  same person: record the names as one person (alias rows in your table)
  n  different people: record it, so they are never merged or suggested again
  u  unsure: record it and move on; the pair is kept for later: asked again
     with --revisit-unsure
  s  skip for now (nothing recorded; asked again next time)
  b  back: undo the last decision of this session (its rows are removed)
  e  edit the canonical name the person gets when you answer y
  q  quit (every answer so far is already saved)
  ?  this help"""
_VERDICTS = {"y": Verdict.SAME, "n": Verdict.DIFFERENT, "u": Verdict.UNSURE}


class _Keys(Protocol):
    """Where answers come from: single keypresses in a terminal, or lines of stdin."""

    def key(self, prompt: str) -> str | None:
        """One key (lower case), or None at the end of input."""

    def line(self, prompt: str, default: str) -> str | None:
        """A line of text, or None at the end of input."""


class _TerminalKeys:
    """Single keypresses, acted on at once."""

    def key(self, prompt: str) -> str | None:
        """Read one keypress and echo it."""
        click.echo(prompt, nl=False)
        char = click.getchar()
        click.echo(char if char.isprintable() else "")
        return char.lower()

    def line(self, prompt: str, default: str) -> str | None:
        """Prompt for a line with a default."""
        try:
            return str(click.prompt(prompt, default=default))
        except click.Abort:  # Ctrl-D at the prompt: keep the old name
            return None


class _LineKeys:
    """One key per line of a stream (stdin that is not a terminal): scriptable review."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def key(self, prompt: str) -> str | None:
        """The first character of the next line, echoed after the prompt."""
        click.echo(prompt, nl=False)
        line = self.stream.readline()
        if not line:
            click.echo()
            return None
        text = line.strip()
        click.echo(text)
        return text[:1].lower()

    def line(self, prompt: str, default: str) -> str | None:
        """The next line (the default when it is empty)."""
        click.echo(f"{prompt} [{default}]: ", nl=False)
        line = self.stream.readline()
        if not line:
            click.echo()
            return None
        click.echo(line.strip())
        return line.strip() or default


def _default_suggestions() -> Path:
    """The only *.suggestions.csv file in the current folder."""
    found = sorted(Path(".").glob("*.suggestions.csv"))
    if len(found) != 1:
        raise InputError(
            "give the suggestions file written by `namekit dedupe` "
            "(e.g. namekit review people.suggestions.csv)"
        )
    return found[0]


def _open_table(
    alias_paths: tuple[Path, ...], no_default_aliases: bool
) -> tuple[DecisionTable, Path]:
    """The user's decision table (first --aliases, else the default) and the fixed tables."""
    path = alias_paths[0] if alias_paths else DEFAULT_TABLE
    fixed: list[AliasRow] = []
    if not no_default_aliases:
        fixed += read_alias_table(bundled_table_path())
    for other in alias_paths[1:]:
        fixed += read_alias_table(other)
    return DecisionTable(path, fixed_rows=fixed), path


def _side_lines(label: str, side: Side, context: str, session: ReviewSession) -> list[str]:
    """How one side of a suggestion is shown."""
    reading = ""
    if dominant_script(side.name) != "Latn":
        reading = f" (read: {to_latin(side.name).strip()})"
    rows = f"{side.rows} row" + ("" if side.rows == 1 else "s")
    person = session.person_of(side)
    known = f"in alias table as {person}" if person else "not in any alias table yet"
    joined = (
        f"; dedupe joined it to {side.canonical}" if side.canonical not in ("", side.name) else ""
    )
    lines = [f"  {label}: {side.name}{reading}", f"     {rows}, {known}{joined}"]
    if context:
        lines.append(f"     {context}")
    return lines


def _card(item: ReviewItem, session: ReviewSession) -> str:
    """The text shown for one suggestion."""
    pair = item.pair
    number = session.position + 1
    lines = [
        "",
        f"--- suggestion {number} of {len(session.items)} --- score {pair.score:g} ---",
        *_side_lines("a", item.side_a, pair.context_a, session),
        *_side_lines("b", item.side_b, pair.context_b, session),
        f"  why: {pair.explanation}" if pair.explanation else "  why: (no explanation given)",
        f"  if same, the person is named: {session.proposed_canonical(item)}",
    ]
    return "\n".join(lines)


def _run(session: ReviewSession, keys: _Keys) -> None:
    """Ask until the suggestions run out or the reviewer quits."""
    while (item := session.current()) is not None:
        click.echo(_card(item, session))
        key = keys.key(PROMPT)
        if key is None or key == "q":
            return
        if key in _VERDICTS:
            try:
                decision = session.decide(_VERDICTS[key])
            except ConflictError as error:
                click.echo(f"  {error}")
                continue
            lines = describe_change(decision.change) or ["already recorded by another reviewer"]
            click.echo("\n".join(f"  recorded: {line}" for line in lines))
        elif key == "s":
            session.skip()
        elif key == "b":
            undone = session.undo()
            if undone is None:
                click.echo("  nothing to undo in this session")
            else:
                removed = len(undone.change.added)
                rows = "row" if removed == 1 else "rows"
                click.echo(f"  undid '{undone.verdict.value}' ({removed} {rows} removed)")
        elif key == "e":
            name = keys.line("  canonical name", session.proposed_canonical(item))
            if name:
                session.edit_canonical(name)
        elif key == "?":
            click.echo(HELP)
        else:
            click.echo(f"  unknown key '{key}'; press ? for help")
    click.echo("\nNo suggestions left to review.")


@click.command()
@click.argument(
    "suggestions_path",
    metavar="[SUGGESTIONS]",
    required=False,
    type=click.Path(path_type=Path),
)
@click.option(
    "--reviewer",
    metavar="NAME",
    help="Who is deciding, recorded with each decision [default: your OS user name].",
)
@click.option(
    "--to-csv",
    "to_csv",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Write the undecided suggestions with an empty decision column, for a spreadsheet.",
)
@click.option(
    "--apply",
    "apply_path",
    type=click.Path(path_type=Path),
    metavar="PATH",
    help="Apply a file written by --to-csv with its decision column filled in.",
)
@click.option(
    "--revisit-unsure",
    is_flag=True,
    help="Ask again about the pairs answered unsure before (they are skipped otherwise).",
)
@alias_options
def review(
    suggestions_path: Path | None,
    reviewer: str | None,
    to_csv: Path | None,
    apply_path: Path | None,
    revisit_unsure: bool,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Review the suggestions of `namekit dedupe`: same person, different, or unsure.

    Every answer is saved at once to your alias table: the first --aliases PATH, or
    ./namekit_aliases.csv when none is given (created when missing; never the table
    bundled with namekit). "Same" adds alias rows, "different" records the pair so it is
    never suggested again, "unsure" keeps it for later (--revisit-unsure asks again).
    Pairs already answered, directly or through earlier answers (A=B and B=C, A=B and
    B!=C), are skipped, so rerunning resumes where you stopped. Pass the same --aliases
    to `namekit dedupe` to apply the decisions.

    In a terminal each key acts at once; otherwise review reads one key per line
    from standard input. Keys: y same, n different, u unsure, s skip, b back (undo),
    e edit the canonical name, q quit, ? help.

    \b
    Examples:
      namekit review people.suggestions.csv --aliases my_aliases.csv
      printf 'y\\nn\\nq\\n' | namekit review people.suggestions.csv --aliases my_aliases.csv
      namekit review people.suggestions.csv --aliases my_aliases.csv --to-csv review.csv
      namekit review --apply review.csv --aliases my_aliases.csv
    """
    if to_csv and apply_path:
        raise click.UsageError("use either --to-csv or --apply, not both")
    table, table_path = _open_table(alias_paths, no_default_aliases)
    who = reviewer or default_reviewer()
    if apply_path is not None:
        report = apply_review_sheet(apply_path, table, reviewer=who)
        click.echo(report.summary(table_path))
        return
    items = read_suggestions(suggestions_path or _default_suggestions())
    if to_csv is not None:
        count = write_review_sheet(items, table, to_csv)
        click.echo(
            f"wrote {count} undecided suggestions to {to_csv}; fill in the decision column "
            f"(same, different, unsure) and run: namekit review --apply {to_csv} "
            f"--aliases {table_path}"
        )
        return
    session = ReviewSession(items, table, reviewer=who, revisit_unsure=revisit_unsure)
    stdin = sys.stdin
    keys: _Keys = _TerminalKeys() if stdin.isatty() else _LineKeys(stdin)
    try:
        _run(session, keys)
    except KeyboardInterrupt:
        click.echo(f"\nInterrupted. {session.summary()}", err=True)
        sys.exit(130)
    click.echo(session.summary())
