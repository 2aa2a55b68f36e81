"""`policykg add FILE…`: reports copied into the reports folder, each with a sidecar written from the document's
own header (issuer, symbol, place and date, title, period, province) for the user to correct; the build after it
reads again only what changed (its cache)."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.graph.store.layout import write_atomically
from policykg.loaders.header import Header, read_header
from policykg.loaders.pipeline import check_size
from policykg.loaders.reading import SourceText, read_report
from policykg.loaders.report import SIDECAR_SUFFIX, shared_sidecars


@dataclass(frozen=True)
class Added:
    report: Path  # the copy in the reports folder
    sidecar: Path
    written: bool  # False: a sidecar was there already and is kept as it is
    text: str  # the sidecar


def add_reports(files: list[Path], folder: Path) -> list[Added]:
    """Copy `files` into `folder` with their sidecars. Every file is read first: one that cannot be read, or one
    whose name a different report in the folder has, stops it before anything is copied."""
    sources: list[tuple[Path, SourceText]] = []
    names: dict[str, str] = {}
    for path in files:
        if path.suffix == SIDECAR_SUFFIX:
            raise InputError(str(path), f"a {SIDECAR_SUFFIX} file is a report's sidecar, not a report")
        check_size(path)
        source = read_report(path)
        target = folder / path.name
        # A report in the folder is within the size limit too (it was added this way): its bytes are read whole.
        if names.setdefault(path.name, source.sha256) != source.sha256 or (
            target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() != source.sha256
        ):
            raise InputError(str(path), f"{target.name}: another report of that name is in {folder}; rename one")
        sources.append((path, source))
    _refuse_shared_sidecars([path for path, _ in sources], folder)
    folder.mkdir(parents=True, exist_ok=True)
    added = []
    for path, source in sources:
        target = folder / path.name
        if not target.is_file():
            write_atomically(target, path.read_bytes())
        sidecar = target.with_suffix(SIDECAR_SUFFIX)
        if sidecar.is_file():
            added.append(Added(target, sidecar, False, sidecar.read_text(encoding="utf-8")))
            continue
        text = sidecar_text(read_header(source), source, path)
        write_atomically(sidecar, text.encode("utf-8"))
        added.append(Added(target, sidecar, True, text))
    return added


def _refuse_shared_sidecars(files: list[Path], folder: Path) -> None:
    """Two reports whose names differ only after the last dot (`bao-cao.pdf`, `bao-cao.docx`), given or in the
    folder, would share one sidecar: refused, naming a file given."""
    given = {folder / path.name: path for path in files}
    there = [p for p in folder.iterdir() if p.is_file() and p.suffix != SIDECAR_SUFFIX] if folder.is_dir() else []
    for group in shared_sidecars(sorted(set(given) | set(there))):
        path = next(given[p] for p in reversed(group) if p in given)
        names = ", ".join(p.name for p in group)
        raise InputError(str(path), f"{names} would share one sidecar, {group[0].stem}{SIDECAR_SUFFIX}; rename one")


def sidecar_text(header: Header, source: SourceText, original: Path) -> str:
    """The sidecar of a report, in TOML: what its header says, what the header did not say as a comment."""
    lines = [
        f"# Metadata of {original.name}, read from its own header by `policykg add` on {time.strftime('%Y-%m-%d')}.",
        "# Correct what it got wrong (a value the header does not give is a comment), then run `policykg build`:",
        "# only the reports that changed are read again.",
    ]
    fields = {
        "title": header.title, "issuer": header.issuer, "symbol": header.symbol, "place": header.place,
        "date": header.date, "province": header.province, "period_start": header.period_start,
        "period_end": header.period_end,
    }  # fmt: skip
    for key, value in fields.items():
        # A JSON string (ensure_ascii off) is a TOML basic string: the same escapes.
        lines.append(
            f"{key} = {json.dumps(value, ensure_ascii=False)}" if value else f'# {key} = ""  (not in the header)'
        )
    lines += [
        f'format = "{source.format}"',
        f'sha256 = "{source.sha256}"',
        f"source = {json.dumps(str(original), ensure_ascii=False)}",
    ]
    lines += [f"# note: {note}" for note in source.notes]
    return "\n".join(lines) + "\n"
