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


class MissingDependencyError(NamekitError):
    """An optional dependency a command needs is not installed."""


class ClusterError(NamekitError):
    """The Dask scheduler cannot be reached, or the cluster lost the work."""


class QueryError(NamekitError):
    """A reconciliation request is malformed."""


class ImportConflictError(NamekitError):
    """Imported mappings contradict each other or the alias tables in use."""


class ServeError(NamekitError):
    """The reconciliation service cannot start (e.g. its port is in use)."""
