"""The README's commands run as written in a new shell after `make`, and its links lead somewhere.

`make` installs uv into ~/.local/bin, which a new shell may not have on its PATH, and the project into `.venv/`:
so a command in a ```sh block starts with `make`, with a program of `.venv/bin/`, with a file of the repository,
or with a common system tool — never with `uv run`, and never with a bare `policykg` (which only an activated
environment has). Every relative link points to a file of the repository; none into `../shared`, which a clone
does not have. The contracts the README links to (docs/extract-json.md, docs/http-api.md) keep the same rules.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ["README.md", "docs/extract-json.md", "docs/http-api.md"]
# Programs a reader's machine has before `make` (the README names them as prerequisites).
SYSTEM = {"make", "curl", "sudo", "apt-get", "npm", "git"}
ENVIRONMENT = Path(sys.executable).parent  # `.venv/bin` of the environment `make` creates (the tests run in it)
_SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


def shell_commands(markdown: str) -> list[str]:
    """Every command line of the ```sh blocks, continuation lines joined."""
    commands = []
    for block in _SH_BLOCK.findall(markdown):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(line.strip())
    return commands


def _program(command: str) -> list[str]:
    """The command's words from its program on (environment assignments before it left out)."""
    words = shlex.split(command, comments=True)
    while words and _ASSIGNMENT.match(words[0]):
        words = words[1:]
    return words


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][\w-]*):", text, re.MULTILINE))


def command_problem(command: str, markdown: str) -> str | None:
    """Why `command` would not run as written in a new shell after `make`, or None."""
    words = _program(command)
    if not words:
        return "no command"
    program = words[0]
    if program == "sudo" and len(words) > 1:
        program = words[1]
        words = words[1:]
    if program == "uv":
        return "`uv` is not on PATH in a new shell after `make`: use the program in .venv/bin/"
    if program == "policykg":
        if ". .venv/bin/activate" not in markdown:
            return "a bare `policykg` needs an activated environment, which the text never asks for"
        return None
    if program.startswith(".venv/bin/"):
        name = program.removeprefix(".venv/bin/")
        if not (ENVIRONMENT / name).is_file():
            return f"{name} is not installed in the environment `make` creates ({ENVIRONMENT})"
        return None
    if program == "make":
        unknown = [w for w in words[1:] if not w.startswith("-") and "=" not in w and w not in _make_targets()]
        return f"no make target {unknown[0]!r}" if unknown else None
    if "/" in program:
        path = ROOT / program
        return None if path.is_file() else f"{program} is not a file of the repository"
    if program in SYSTEM:
        return None
    return f"{program!r} is neither in .venv/bin, nor a file of the repository, nor a common system tool"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_shell_command_runs_in_a_new_shell_after_make(name: str) -> None:
    markdown = (ROOT / name).read_text(encoding="utf-8")
    commands = shell_commands(markdown)
    assert commands, f"{name} shows no ```sh command"
    problems = [f"{command}\n    {problem}" for command in commands if (problem := command_problem(command, markdown))]
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_command_is_run_through_uv(name: str) -> None:
    markdown = (ROOT / name).read_text(encoding="utf-8")
    assert "uv run" not in markdown, f"{name} says `uv run`, which a new shell after `make` does not have"


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_relative_link_points_into_the_repository(name: str) -> None:
    path = ROOT / name
    markdown = path.read_text(encoding="utf-8")
    assert "../shared" not in markdown, f"{name} points into ../shared, which a clone does not have"
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", markdown, re.MULTILINE)}
    broken = []
    for target in _LINK.findall(markdown):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: …
            continue
        file, _, anchor = target.partition("#")
        if not file:
            if anchor not in anchors:
                broken.append(f"{target}: no such heading")
            continue
        resolved = (path.parent / file).resolve()
        if not resolved.is_relative_to(ROOT) or not resolved.exists():
            broken.append(f"{target}: no such file in the repository")
    assert not broken, f"{name}:\n" + "\n".join(broken)


def test_the_rules_catch_what_they_are_for() -> None:
    markdown = "```sh\nuv run policykg --help\npolicykg build\n.venv/bin/no-such-program\nmake nowhere\n```\n"
    commands = shell_commands(markdown)
    assert len(commands) == 4
    assert all(command_problem(c, markdown) for c in commands)
    fine = "```sh\n.venv/bin/policykg --help\nPOLICYKG_X=1 .venv/bin/pytest -q \\\n  tests\nmake run  # serve\n```\n"
    assert [command_problem(c, fine) for c in shell_commands(fine)] == [None, None, None]
