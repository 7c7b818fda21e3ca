"""Read an uploaded CSV or XLSX file into (line number, row dict) pairs."""
from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _

from matchmaker.services.xlsx_guard import MAX_ROWS

log = logging.getLogger(__name__)


class TableError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, broken encoding...)."""


@dataclass
class Table:
    """A table's normalised header and its rows, each with the line (or sheet row) it came from."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def normalise_header(name: object) -> str:
    """'Therapeutic areas ' -> 'therapeutic_areas'."""
    return "_".join(str(name or "").strip().lower().replace("-", " ").split())


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves CSV as cp1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("The file is not UTF-8 or Windows-1252 text."))


def read_csv(data: bytes) -> Table:
    """Parse CSV text, guessing the delimiter (Italian Excel writes ';')."""
    text = _decode(data)
    if not text.strip():
        raise TableError(_("The file is empty."))
    first_line = text.splitlines()[0]
    try:
        dialect = csv.Sniffer().sniff(first_line, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [normalise_header(h) for h in next(reader)]
    rows = []
    line = reader.line_num + 1
    for values in reader:
        if any(v.strip() for v in values):
            rows.append((line, _zip(header, values)))
            if len(rows) > MAX_ROWS:
                raise TableError(_("The sheet has more than %(max)s rows; split the file.", max=f"{MAX_ROWS:,}"))
        line = reader.line_num + 1  # quoted fields may span lines: report where the row starts
    return Table(header, rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def read_xlsx(data: bytes) -> Table:
    """Parse the first sheet of an XLSX workbook; row 1 is the header."""
    from openpyxl import load_workbook

    from matchmaker.services.xlsx_guard import MAX_COLUMNS, SpreadsheetTooBig, check_archive, check_row  # noqa

    try:
        check_archive(data)
    except SpreadsheetTooBig as exc:
        raise TableError(str(exc)) from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a broken file
        log.info("unreadable .xlsx upload: %s", exc.__class__.__name__)  # the reader is told what to do instead
        raise TableError(_("The file is not a readable .xlsx workbook: open it in Excel or LibreOffice and save it "
                           "again as .xlsx (or as .csv).")) from None
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()  # the declared <dimension> (A1:XFD2000...) is not trusted: only real cells count
    iterator = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
    try:
        first = next(iterator)
        check_row(1, first)
        header = [normalise_header(h) for h in _trim(first)]
    except SpreadsheetTooBig as exc:
        raise TableError(str(exc)) from None
    except StopIteration:
        raise TableError(_("The workbook's first sheet is empty.")) from None
    rows = []
    try:
        for number, values in enumerate(iterator, start=2):
            check_row(number, values)
            cells = [_cell(v) for v in _trim(values)]
            if any(c.strip() for c in cells):
                rows.append((number, _zip(header, cells)))
    except SpreadsheetTooBig as exc:
        raise TableError(str(exc)) from None
    finally:
        workbook.close()
    return Table(header, rows)


def _trim(values: tuple) -> tuple:
    """The row without its trailing empty cells (rows are padded to the widest column read)."""
    end = len(values)
    while end and values[end - 1] in (None, ""):
        end -= 1
    return values[:end]


def _zip(header: list[str], values: list[str]) -> dict[str, str]:
    row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header) if h}
    if len(values) > len(header) and any(v.strip() for v in values[len(header):]):
        row["__extra__"] = "yes"
    return row


def read_table(data: bytes, filename: str) -> Table:
    """Read CSV or XLSX by file extension."""
    lower = filename.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data)
    if lower.endswith((".csv", ".txt")):
        return read_csv(data)
    raise TableError(_("Upload a .csv or .xlsx file."))
