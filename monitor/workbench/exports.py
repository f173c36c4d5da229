"""Table exports that a spreadsheet opens safely: CSV (UTF-8 with BOM) and XLSX.

Scraped titles are untrusted: a cell starting with ``=``, ``+``, ``-`` or
``@`` (or a tab or carriage return, which Excel skips before reading one of
those) is a formula to Excel and LibreOffice — ``=HYPERLINK(...)`` in a
title would run when an analyst opens the export.  ``neutralise_cell``
prefixes such text with an apostrophe, which spreadsheets show as text; it
is the one function every export uses (the workbench's and ``signwatch
events --csv``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

# What makes a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel reads a CSV as UTF-8 only when it starts with this.
UTF8_BOM = "\ufeff"

Cell = str | int | float | bool | None


def neutralise_cell(value: Any) -> Any:
    """``value`` as a spreadsheet may take it: text that would start a formula gets a leading apostrophe.

    Numbers stay numbers (a negative amount is not a formula); None stays None.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """Rows as CSV text with a header line, every cell neutralised (no BOM: see ``csv_bytes``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise_cell(header) for header in headers])
    for row in rows:
        writer.writerow(["" if cell is None else neutralise_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Rows as a CSV file Excel opens as UTF-8: the BOM, a header line, every cell neutralised."""
    return (UTF8_BOM + csv_text(headers, rows)).encode("utf-8")


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """Rows as an XLSX workbook of one sheet, every text cell neutralised (openpyxl stores ``=…`` as a formula)."""
    from openpyxl import Workbook  # loaded only when someone exports

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])  # Excel's limit on a sheet name
    sheet.append([neutralise_cell(header) for header in headers])
    for row in rows:
        sheet.append([neutralise_cell(_excel_text(cell)) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _excel_text(cell: Cell) -> Cell:
    # XLSX cannot hold most control characters; web text sometimes carries them.
    if isinstance(cell, str):
        return "".join(char for char in cell if char in "\t\n" or ord(char) >= 32)
    return cell
