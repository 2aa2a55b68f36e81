"""The exception tree. Each error is caught once, at an edge (the CLI, the HTTP app), and shown in one line."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose; the caller aborts the current command."""


class InputError(PolicyKGError):
    """A file given by the user cannot be read as a report (missing, a directory, binary, undecodable)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Raised in a forked extraction process and re-raised in the parent: pickled with both arguments.
        return (type(self), (self.path, self.reason))


class ReferenceDataError(PolicyKGError):
    """The bundled reference data is missing or malformed (a packaging bug, not a user error)."""


class AnnotationError(PolicyKGError):
    """A gold annotation file cannot be read; names the file and the field."""


class StoreError(PolicyKGError):
    """The store is missing, incomplete or unreadable; names the path."""


class ValidationError(PolicyKGError):
    """The graph breaks the SHACL shapes; the build stops before anything is swapped in."""

    def __init__(self, summary: str, violations: list[str]) -> None:
        super().__init__(summary)
        self.violations = violations


class QueryError(PolicyKGError):
    """A SPARQL query could not be read or run (syntax error, unknown parameter)."""
