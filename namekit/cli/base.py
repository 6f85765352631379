"""The root command group and what every command shares: errors, progress, alias options."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from namekit.aliases import AliasIndex, load_aliases
from namekit.errors import NamekitError

F = TypeVar("F", bound=Callable[..., Any])


class NamekitGroup(click.Group):
    """A group that turns namekit's errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; report a NamekitError or an interrupt as one line."""
        try:
            return super().invoke(ctx)
        except NamekitError as error:
            raise click.ClickException(str(error)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing was written.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (e.g. `| head`): not an error worth a trace
            sys.exit(0)


@click.group(cls=NamekitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="namekit")
def main() -> None:
    """Recognise differently spelled names of the same person and merge them into people.

    \b
    Examples:
      namekit dedupe people.csv --column name -o people.deduped.csv
      namekit explain "Hsi Chin-p'ing" "习近平"
      namekit compare pairs.csv --left a --right b
      namekit aliases check my_aliases.csv
    """


def alias_options(func: F) -> F:
    """Add --aliases PATH (repeatable) and --no-default-aliases to a command."""
    func = click.option(
        "--no-default-aliases",
        is_flag=True,
        help="Do not use the alias table bundled with namekit.",
    )(func)
    func = click.option(
        "--aliases",
        "alias_paths",
        multiple=True,
        type=click.Path(path_type=Path),
        metavar="PATH",
        help="An alias table of your own (repeatable); added to the bundled one.",
    )(func)
    return func


def load_alias_index(alias_paths: tuple[Path, ...], no_default_aliases: bool) -> AliasIndex:
    """The alias tables the user asked for, combined."""
    return load_aliases(alias_paths, use_default=not no_default_aliases)


class ProgressLine:
    """One self-rewriting line on stderr: the stage and how far it has got.

    It appears only once the work has taken two seconds (short runs stay quiet) and is
    redrawn at most five times a second.
    """

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.drawn = 0.0
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Redraw the line for a stage's progress."""
        now = time.monotonic()
        if now - self.started < _QUIET_SECONDS or now - self.drawn < _REDRAW_SECONDS:
            return
        share = f" {done:,}/{total:,} ({100 * done // max(total, 1)}%)" if total > 1 else ""
        _draw(f"\r\033[Knamekit: {stage}{share}")
        self.drawn, self.shown = now, True

    def close(self) -> None:
        """Erase the line so what follows starts clean."""
        if self.shown:
            _draw("\r\033[K")


def _draw(text: str) -> None:
    """Write terminal control text to stderr as is (click.echo would strip the escapes)."""
    sys.stderr.write(text)
    sys.stderr.flush()


_QUIET_SECONDS = 2.0
_REDRAW_SECONDS = 0.2


def progress_line(quiet: bool) -> ProgressLine | None:
    """A progress line for stderr, or None when quiet or stderr is not a terminal (piped)."""
    if quiet or not sys.stderr.isatty():
        return None
    return ProgressLine()
