"""URLs as they may be shown: an endpoint's credentials are never printed back (standard library only)."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

HIDDEN = "***"

# A query parameter whose value is a secret: `password=`, `pwd=`, `key=`, `api_key=`, `token=`, `access_token=`…
_SECRET_PARAMETER = re.compile(r"(?i)(^|[?&;])([^=&;#]*?(?:password|passwd|pwd|key|token|secret)=)([^&;#]*)")


def redact(url: str) -> str:
    """The URL with its user and password, and the values of secret query parameters, replaced by `***`.

    `http://user:secret@host:8890/sparql?key=abc&graph=g` → `http://***:***@host:8890/sparql?key=***&graph=g`.
    Text that is not a URL comes back unchanged, but for anything that looks like credentials before an `@`.
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced `[` in the host
        return re.sub(r"//[^/@]*@", f"//{HIDDEN}@", url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{HIDDEN}:{HIDDEN}@{host}" if ":" in userinfo else f"{HIDDEN}@{host}"
    query = _SECRET_PARAMETER.sub(lambda m: m.group(1) + m.group(2) + (HIDDEN if m.group(3) else ""), parts.query)
    if (netloc, query) == (parts.netloc, parts.query):
        return url  # nothing to hide: exactly what was given (urlunsplit may drop an empty `?` or `#`)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def hide(text: str, url: str) -> str:
    """A message (e.g. a library's error) with every occurrence of `url` in it redacted."""
    shown = redact(url)
    return text.replace(url, shown) if shown != url else text


def http_url_problem(url: str) -> str | None:
    """Why `url` is not an http(s) URL with a host (one phrase), or None when it is one."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for a port that is not a number, or out of range
    except ValueError as exc:
        return f"not a valid URL ({exc})"
    del port
    if parts.scheme.lower() not in ("http", "https"):
        return "not an http:// or https:// URL" if parts.scheme else "not a URL (expected http://host/…)"
    if not parts.hostname:
        return "no host in the URL"
    return None


def without_credentials(url: str) -> tuple[str, str | None, str | None]:
    """The URL without its `user:password@`, and the user and password it held (percent-decoded)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None, None
    host = parts.netloc.rpartition("@")[2]
    user = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment)), user, password
