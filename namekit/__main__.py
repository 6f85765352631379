"""`python -m namekit` runs the command line."""

from namekit.cli import main

main()
