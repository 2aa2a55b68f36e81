"""The `policykg` command: parses arguments and calls library functions. Errors end here, in one line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from policykg import __version__
from policykg.errors import PolicyKGError
from policykg.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        code: int = args.run(args, settings)
        return code
    except PolicyKGError as exc:
        print(f"policykg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("policykg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policykg",
        description="A knowledge graph of policies, programmes and places from provincial reports.",
    )
    parser.add_argument("--version", action="version", version=f"policykg {__version__}")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = sub.add_parser("extract", help="extract documents, places, plants, programmes and relations")
    extract.add_argument("files", nargs="*", type=Path, help="report files (default: the bundled corpus)")
    extract.add_argument("--format", choices=("json", "table"), default="json")
    extract.set_defaults(run=_extract)

    evaluate = sub.add_parser("eval", help="precision/recall/F1 against the hand-checked annotations")
    evaluate.add_argument("--annotations", type=Path, help="folder of annotation files (default: tests/annotations)")
    evaluate.add_argument("--reports", type=Path, help="folder of the annotated reports (default: data/reports)")
    evaluate.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    evaluate.add_argument("--errors", action="store_true", help="list every miss and false hit")
    evaluate.set_defaults(run=_eval)
    return parser


def _corpus(settings: Settings) -> list[Path]:
    files = sorted(settings.reports_dir.glob("*.txt"))
    if not files:
        raise PolicyKGError(f"{settings.reports_dir}: no report files (*.txt) found; give files to extract")
    return files


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.graph.extract_json import extraction_json
    from policykg.graph.iris import IriPolicy
    from policykg.graph.tables import extraction_table
    from policykg.loaders.pipeline import extract_file

    files = args.files or _corpus(settings)
    # Everything is extracted before anything is printed: a bad file leaves stdout empty.
    extractions = [extract_file(f) for f in files]
    if args.format == "table":
        print("\n\n".join(extraction_table(e) for e in extractions))
        return 0
    iris = IriPolicy(settings.base_iri)
    objects = [extraction_json(e, iris) for e in extractions]
    json.dump(objects[0] if len(objects) == 1 else objects, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    from policykg.evaluation import evaluate, render

    report = evaluate(args.annotations or settings.annotations_dir, args.reports or settings.reports_dir)
    print(render(report, args.format, errors=args.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
