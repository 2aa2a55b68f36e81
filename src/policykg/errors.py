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


class NotFound(PolicyKGError):
    """A lookup matches nothing; carries the closest names as suggestions. Refuse: 404."""

    def __init__(self, message: str, suggestions: list[str]) -> None:
        super().__init__(message)
        self.suggestions = suggestions


class Ambiguous(PolicyKGError):
    """A lookup matches several entities (one symbol issued in several years); carries them. Answer 300."""

    def __init__(self, message: str, candidates: list[dict[str, str | int | None]]) -> None:
        super().__init__(message)
        self.candidates = candidates


# ------------------------------------------------------------------------------------------- serving
# What a query or a lookup ran into while the server answered. The HTTP edge maps each to one status and one
# stable code (`api/errors.py`); the server goes on answering in every case.


class QueryRejected(QueryError):
    """The engine refused the query (a syntax error, an unknown function); carries its message. Refuse: 400."""


class QueryTimeout(PolicyKGError):
    """A query or lookup ran past the time limit (waiting for a worker included); its work was stopped. 503."""


class WorkerCrashed(PolicyKGError):
    """The worker process died while running the query (the engine aborted); it was replaced. 503."""


class OutOfMemory(PolicyKGError):
    """A query worker went over its memory limit; it was stopped and replaced. 503."""


class Busy(PolicyKGError):
    """Too many queries already wait for a worker; the client should retry later. 503 with Retry-After."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RowLimitExceeded(PolicyKGError):
    """More rows (or triples) than the endpoint's limit. Refuse: 413."""


class AnswerTooLarge(PolicyKGError):
    """An answer over the byte limit. Refuse: 413."""
