"""The `namekit` command line: parses options, calls the library, renders the result."""

from __future__ import annotations

from namekit.cli.alias_commands import aliases
from namekit.cli.base import main
from namekit.cli.evaluate import evaluate
from namekit.cli.match import compare, dedupe, explain

main.add_command(dedupe)
main.add_command(compare)
main.add_command(explain)
main.add_command(aliases)
main.add_command(evaluate)

__all__ = ["main"]
