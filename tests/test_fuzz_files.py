"""File fuzzing: mutated, truncated and re-encoded report files through `extract` and `build`.

The cases start from the bundled reports and are made by a seeded random generator: byte flips, truncation at
any point (also inside a UTF-8 sequence), re-encodings (UTF-16 with and without BOM, Windows-1258, Latin-1,
UTF-32, the TCVN3 and VNI fonts' code pages), NULs, random bytes, huge lines, CR line breaks, NFD, BOMs, empty
and whitespace-only files, and combinations. Every case is either read (exit 0) or refused in one line on
stderr, with a non-zero exit and nothing on stdout; never a traceback, and never more work than a budget per
byte (work counted, not timed: calls and characters read, `tests/support/work.py`; a step quadratic in a 60 KB
line costs thousands of times more).

Most cases run in process; a few through real `python -m policykg.cli` processes. A longer run:
`POLICYKG_FUZZ_CASES=20000 uv run pytest tests/test_fuzz_files.py` (`POLICYKG_FUZZ_SEED` picks another seed;
a failure names the seed and the case, which `case(seed, index)` rebuilds).
"""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from policykg.cli import main
from policykg.errors import InputError, PolicyKGError
from policykg.loaders.pipeline import extract_file
from tests.conftest import REPORTS, cp1258
from tests.support.legacy import tcvn3, vni
from tests.support.work import assert_linear, work

ROOT = Path(__file__).resolve().parent.parent
CASES = int(os.environ.get("POLICYKG_FUZZ_CASES", "1200"))
SEED = int(os.environ.get("POLICYKG_FUZZ_SEED", "7"))
ORIGINALS = [p.read_bytes() for p in sorted(REPORTS.glob("*.txt"))]
LEGACY = {"tcvn3": tcvn3, "vni": vni}
# Pieces a huge line is made of: words, symbols, kind words, abbreviations, digits, combining marks, brackets.
HUGE_UNITS = [
    "1", "a", " ", ".", "(", "-", "\t", "\u0301", "Quyết định số ", "29-NQ/TW ", "2009/QĐ-TTg ", "huyện A, ",
    "xã Pa Tần, ", "TP. A ", "1. ", "thủy điện Lai Châu ", "Đề án xã A TĐC ", "HUYỆN A B ", "(1", "a)",
]  # fmt: skip


def _window(rng: random.Random, data: bytes) -> bytes:
    """A piece of a report: most cases are small so that thousands run in seconds."""
    size = rng.choice([0, 64, 512, 2048, 8192, 16384])
    if len(data) <= size:
        return data
    start = rng.randrange(len(data) - size)
    return data[start : start + size]


def _reencode(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    text = data.decode("utf-8", "ignore")
    how = rng.choice(
        ["utf-16", "utf-16-le", "utf-16-be", "cp1258", "latin-1", "utf-8-sig", "utf-32", "nfd-cp1258", "tcvn3", "vni"]
    )
    if how in LEGACY:  # as a document typed in a legacy Vietnamese font holds it
        return how, LEGACY[how](text)
    if how == "cp1258":  # letters with tone marks as base letter + combining mark, as Windows writes them
        return how, b"".join(_cp1258_char(ch) for ch in text)
    if how == "nfd-cp1258":
        return how, unicodedata.normalize("NFD", text).encode("cp1258", "replace")
    return how, text.encode(how, "replace")


def _cp1258_char(ch: str) -> bytes:
    try:
        return cp1258(ch)
    except UnicodeEncodeError:
        return b"?"


def _mutate(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    op = rng.choice(
        ["flip", "flip", "truncate", "truncate-utf8", "reencode", "reencode", "nul", "bytes", "huge", "empty",
         "whitespace", "bom", "crlf", "nfd", "swap", "combo", "combo"]
    )  # fmt: skip
    b = bytearray(data)
    if op == "flip":
        for _ in range(rng.randint(1, 16)):
            if b:
                b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        return op, bytes(b)
    if op == "truncate":
        return op, data[: rng.randint(0, len(data))]
    if op == "truncate-utf8":
        # Cut inside a multi-byte sequence: after a lead byte or a continuation byte.
        inside = [i for i in range(1, len(data)) if data[i] & 0xC0 == 0x80]
        return op, data[: rng.choice(inside)] if inside else data[:-1]
    if op == "reencode":
        how, out = _reencode(rng, data)
        return f"reencode-{how}", out
    if op == "nul":
        for _ in range(rng.randint(1, 4)):
            b.insert(rng.randint(0, len(b)), 0)
        return op, bytes(b)
    if op == "bytes":
        for _ in range(rng.randint(1, 12)):
            at = rng.randint(0, len(b))
            b[at:at] = rng.randbytes(rng.randint(1, 4))
        return op, bytes(b)
    if op == "huge":
        unit = rng.choice(HUGE_UNITS).encode()
        at = rng.randint(0, len(b))
        return f"huge-{unit!r}", data[:at] + unit * (rng.choice([2_000, 60_000]) // len(unit)) + data[at:]
    if op == "empty":
        return op, b""
    if op == "whitespace":
        return op, bytes(rng.choice(b" \t\n\r\x0b\x0c") for _ in range(rng.randint(1, 300)))
    if op == "bom":
        bom = rng.choice([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE])
        return op, bom + (data if rng.random() < 0.8 else b"")
    if op == "crlf":
        return op, data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n", b"\x0c"]))
    if op == "nfd":
        return op, unicodedata.normalize("NFD", data.decode("utf-8", "replace")).encode()
    if op == "swap":
        # Lines in another order: footnotes before their markers, headings after their text.
        lines = data.split(b"\n")
        rng.shuffle(lines)
        return op, b"\n".join(lines)
    first, data = _mutate(rng, data)
    second, data = _mutate(rng, data)
    return f"{first}+{second}", data


def case(seed: int, index: int) -> tuple[str, bytes]:
    """Case `index` of a run: a description and the file's bytes."""
    rng = random.Random(f"{seed}-{index}")
    original = rng.choice(ORIGINALS)
    # One case in a hundred starts from a whole report.
    data = original if rng.random() < 0.01 else _window(rng, original)
    return _mutate(rng, data)


def _check_extraction(path: Path) -> str:
    """Extract one file in process: 'read' or 'refused'; anything else than a PolicyKGError fails the test."""
    try:
        extraction = extract_file(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(path)), str(exc)
        return "refused"
    lines = extraction.source.lines
    mentions = [m for d in extraction.documents for m in d.mentions]
    mentions += [m for p in extraction.places for m in p.mentions]
    mentions += [m for h in extraction.hydropower for m in h.mentions]
    mentions += [m for g in extraction.programmes for m in g.mentions]
    for m in mentions:
        assert 1 <= m.line <= lines and m.column >= 0, m
    for r in extraction.relations:
        assert 1 <= r.line <= lines, r
    return "read"


# The work a case may cost per byte of the file (plus a file's fixed cost, counted as 1,000 bytes): calls and
# characters read, counted by tests/support/work.py. The costliest of seed 7's 1,200 cases (60 KB lines of `TP. A`,
# `29-NQ/TW`) cost about 110; a step quadratic in such a line costs thousands. (A regular expression that
# backtracks without end is a hang no count can see: the run never ends.)
WORK_PER_BYTE = 1_000


def test_thousands_of_mutated_files_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    outcomes: dict[str, int] = {}
    failures: list[str] = []
    costly: list[str] = []
    _check_extraction(next(REPORTS.glob("*.txt")))  # the reference data loaded before anything is counted
    for index in range(CASES):
        what, data = case(SEED, index)
        path = tmp_path / f"case-{index}.txt"
        path.write_bytes(data)
        try:
            counted = work(_check_extraction, path)
        except Exception as exc:  # a traceback the user would see
            failures.append(f"seed {SEED} case {index} ({what}, {len(data)} bytes): {type(exc).__name__}: {exc}")
            continue
        finally:
            path.unlink()
        if counted.total > WORK_PER_BYTE * (len(data) + 1_000):
            costly.append(f"seed {SEED} case {index} ({what}, {len(data)} bytes): work {counted.total:,}")
        outcome = str(counted.result)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert not failures, "\n".join(failures[:20])
    assert not costly, "\n".join(costly)
    # The generator makes both kinds of case.
    assert outcomes.get("read", 0) > CASES // 10 and outcomes.get("refused", 0) > CASES // 10, outcomes


def _cli_contract(code: int, out: str, err: str, *, command: str) -> str:
    """The command's contract: success, or one line on stderr, a non-zero exit and nothing on stdout."""
    assert "Traceback" not in err, err
    if code == 0:
        if command == "extract":
            json.loads(out)
        else:
            assert out.startswith("built ")
        return "read"
    assert code != 0 and out == "", (code, out)
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("policykg: "), err
    return "refused"


def test_extract_in_process_keeps_the_command_line_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = []
    for index in range(max(CASES // 8, 20)):
        what, data = case(SEED + 1, index)
        path = tmp_path / f"cli-{index}.txt"
        path.write_bytes(data)
        code = main(["extract", str(path)])
        captured = capsys.readouterr()
        try:
            outcomes.append(_cli_contract(code, captured.out, captured.err, command="extract"))
        except AssertionError as exc:
            raise AssertionError(f"seed {SEED + 1} case {index} ({what}): {exc}") from exc
        path.unlink()
    assert {"read", "refused"} <= set(outcomes)


def _small_case(seed: int, index: int) -> tuple[str, bytes]:
    """A case without huge lines, small enough to build quickly (SHACL validation is the slow stage)."""
    rng = random.Random(f"small-{seed}-{index}")
    data = rng.choice(ORIGINALS)
    start = rng.randrange(len(data) - 3000)
    what, out = _mutate(rng, data[start : start + 3000])
    while what.startswith("huge") or "+huge" in what:
        what, out = _mutate(rng, data[start : start + 3000])
    return what, out


def test_build_in_process_keeps_the_command_line_contract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = []
    store = tmp_path / "store"
    for index in range(max(CASES // 150, 6)):
        what, data = _small_case(SEED, index)
        path = tmp_path / f"build-{index}.txt"
        path.write_bytes(data)
        code = main(["build", str(path), "--store", str(store)])
        captured = capsys.readouterr()
        try:
            outcomes.append(_cli_contract(code, captured.out, captured.err, command="build"))
        except AssertionError as exc:
            raise AssertionError(f"small case {index} ({what}): {exc}") from exc
    assert "read" in outcomes, outcomes


# Through real processes: a few fixed edge cases and generated ones, two at a time.
EDGE_CASES: list[tuple[str, Callable[[], bytes]]] = [
    ("empty", lambda: b""),
    ("whitespace only", lambda: b" \t\r\n\x0c\n   \n"),
    ("utf-8 BOM only", lambda: codecs.BOM_UTF8),
    ("utf-16 BOM then odd byte", lambda: codecs.BOM_UTF16_LE + b"a"),
    ("NUL in text", lambda: ORIGINALS[0][:500] + b"\x00" + ORIGINALS[0][500:1000]),
    ("cut inside a UTF-8 sequence", lambda: "Quyết định".encode()[:2]),
]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "policykg.cli", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, check=False, timeout=120,
    )  # fmt: skip


def test_real_processes_keep_the_command_line_contract(tmp_path: Path) -> None:
    jobs: list[tuple[str, list[str]]] = []
    for i, (what, make) in enumerate(EDGE_CASES):
        path = tmp_path / f"edge-{i}.txt"
        path.write_bytes(make())
        jobs.append((f"extract {what}", ["extract", str(path)]))
    for index in range(18):
        what, data = case(SEED + 2, index)
        path = tmp_path / f"proc-{index}.txt"
        path.write_bytes(data)
        jobs.append((f"extract {what}", ["extract", str(path)]))
    for index in range(6):
        what, data = _small_case(SEED + 2, index)
        path = tmp_path / f"proc-build-{index}.txt"
        path.write_bytes(data)
        jobs.append((f"build {what}", ["build", str(path), "--store", str(tmp_path / f"store-{index}")]))

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: _run(*job[1]), jobs))
    outcomes = []
    for (what, args), result in zip(jobs, results, strict=True):
        try:
            outcomes.append(_cli_contract(result.returncode, result.stdout, result.stderr, command=args[0]))
        except AssertionError as exc:
            raise AssertionError(f"{what}: {' '.join(args)}: {exc}") from exc
    assert {"read", "refused"} <= set(outcomes)


def test_only_policykg_errors_escape_the_loaders(tmp_path: Path) -> None:
    # The base class the CLI catches is the only thing a reader of report files may raise.
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(PolicyKGError):
        extract_file(path)


# --- regressions found by this fuzzer -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # Cut inside the last character (an interrupted copy): read up to there, not refused.
        ("Quyết định số 2009/QĐ-TTg về huyện Mường Tè".encode()[:-1], "utf-8"),
        ("\ufeffHà Nội".encode("utf-16-le")[:-1], "utf-16"),
        (codecs.BOM_UTF8 + "Lai Châu".encode()[:-1], "utf-8-sig"),
    ],
)
def test_a_file_cut_inside_its_last_character_is_read(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    assert extract_file(path).source.encoding == expected


def test_a_damaged_utf8_file_is_refused_where_it_breaks(tmp_path: Path) -> None:
    # It was read as Windows-1258 and refused at a byte that was fine (or read as mojibake).
    path = tmp_path / "damaged.txt"
    good = "Thực hiện Nghị quyết".encode()
    path.write_bytes(good + b"\xff" + "số 29-NQ/TW".encode())
    with pytest.raises(InputError, match=rf"not valid utf-8 at byte {len(good)}$"):
        extract_file(path)


# Units and how many of them make the smaller line: enough that each of the quadratic steps these lines found
# shows (4× the units gave 10–60× the work before the fixes; now 4×). Their timings: bench/linear_time.py.
HUGE = [("2009/QĐ-TTg ", 250), ("thủy điện Lai Châu ", 800), ("Đề án xã A TĐC ", 250), ("huyện A, ", 500),
        ("TP. A ", 1_000)]  # fmt: skip


@pytest.mark.parametrize(("unit", "count"), HUGE)
def test_a_huge_line_is_read_in_linear_work(tmp_path: Path, unit: str, count: int) -> None:
    # A sentence with thousands of entities paired every entity with every other (2009/QĐ-TTg × 1000: 137 s);
    # sentences, places and plants had quadratic steps of their own.
    path = tmp_path / "huge.txt"

    def read(n: int) -> None:
        path.write_text("Công tác phát triển " + unit * n + " đạt 30% kế hoạch.\n", encoding="utf-8")
        assert extract_file(path).source.lines == 1

    assert_linear(read, count, what=f"a line of {unit!r}")
