"""The exception tree, in one module. Each error is caught once, at an edge — the CLI prints its one line and
exits 2; the HTTP app answers its status and stable code (`api/errors.py`) — and each class says what its
caller does: refuse the input, skip it, or abort the command."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose; uncaught below the edge, it aborts the command."""


class InputError(PolicyKGError):
    """A file given by the user cannot be read as a report (missing, a directory, another format, undecodable,
    too large). Refuse: the command reads nothing else and writes nothing."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Raised in a forked extraction process and re-raised in the parent: pickled with both arguments.
        return (type(self), (self.path, self.reason))


class ReferenceDataError(PolicyKGError):
    """The bundled reference data is missing or malformed (a packaging bug, not a user error). Abort."""


class AnnotationError(PolicyKGError):
    """A gold annotation file cannot be read; names the file and the field. Abort the evaluation."""


class StoreError(PolicyKGError):
    """The store is missing, incomplete or unreadable (or a remote endpoint does not answer); names the path.
    Abort the command; the server answers 503 and goes on."""


class ValidationError(PolicyKGError):
    """The graph breaks the SHACL shapes. Abort the build before anything is swapped in; the previous store
    stays."""

    def __init__(self, summary: str, violations: list[str]) -> None:
        super().__init__(summary)
        self.violations = violations


class QueryError(PolicyKGError):
    """A SPARQL query could not be read or run (syntax error, unknown parameter, an update on the read-only
    store). Refuse: 400."""


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
