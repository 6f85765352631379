"""The exceptions namekit raises; each message names the fix."""


class NamekitError(Exception):
    """Base class: a problem the user can fix, reported as one line."""


class InputError(NamekitError):
    """An input table is missing, unreadable, empty or lacks a column."""


class AliasTableError(NamekitError):
    """An alias table is malformed or contradicts itself."""


class OutputError(NamekitError):
    """An output file cannot be written where the user asked."""


class ConflictError(NamekitError):
    """A decision contradicts an earlier recorded decision."""
