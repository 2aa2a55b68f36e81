"""An entity's evidence as the tables analysts paste into their own work: every mention (report, line, the words,
the sentence) and every relation (what, to what, the sentence that states it, how sure its reading is), as CSV
(one table) or XLSX (a sheet each)."""

from __future__ import annotations

import csv
import io
from typing import Any

import xlsxwriter

from policykg.graph.lookup.answers import EntityContext

Table = tuple[list[str], list[list[Any]]]
TABLES = ("mentions", "relations")
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def evidence(context: EntityContext) -> dict[str, Table]:
    mentions = (
        ["report", "report_title", "period_start", "section", "line", "column", "page", "page_line", "words",
         "sentence", "ocr_confidence"],
        [[m.report, m.report_title, m.period_start, m.section, m.line, m.column, m.page, m.page_line, m.text,
          m.sentence, m.ocr_confidence] for m in context.mentions],
    )  # fmt: skip
    relations = (
        ["relation", "direction", "other", "other_label", "other_kind", "report", "line", "sentence", "confidence"],
        [[r.relation, r.direction, r.iri, r.label, r.kind, r.report, r.line, r.evidence, r.confidence]
         for r in context.related],
    )  # fmt: skip
    return {"mentions": mentions, "relations": relations}


def write_csv(table: Table) -> bytes:
    """UTF-8 with a byte-order mark: spreadsheet programs then read Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table[0])
    writer.writerows(["" if v is None else v for v in row] for row in table[1])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(tables: dict[str, Table], title: str) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_urls": False, "strings_to_formulas": False})
    book.set_properties({"title": title, "comments": "policykg"})
    bold = book.add_format({"bold": True})
    for name, (columns, rows) in tables.items():
        sheet = book.add_worksheet(name)
        sheet.write_row(0, 0, columns, bold)
        for n, row in enumerate(rows, start=1):
            sheet.write_row(n, 0, ["" if v is None else v for v in row])
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    book.close()
    return out.getvalue()
