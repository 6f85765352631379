"""The `namekit` command line: parses options, calls the library, renders the result."""

from __future__ import annotations

from namekit.cli.alias_commands import aliases
from namekit.cli.base import main
from namekit.cli.evaluate import evaluate
from namekit.cli.export_commands import export
from namekit.cli.match import compare, dedupe, explain
from namekit.cli.review import review
from namekit.cli.serve import serve

main.add_command(dedupe)
main.add_command(compare)
main.add_command(explain)
main.add_command(aliases)
main.add_command(evaluate)
main.add_command(review)
main.add_command(export)
main.add_command(serve)

__all__ = ["main"]
