"""Bounds checked on an XLSX upload before openpyxl reads it: spreadsheet bombs are refused, not parsed."""
from __future__ import annotations

import io
import re
import zipfile

from flask_babel import gettext as _

MAX_UNCOMPRESSED = 64 * 1024 * 1024  # all parts together, once unzipped
MAX_SHARED_STRINGS = 16 * 1024 * 1024  # xl/sharedStrings.xml, once unzipped
MAX_PARTS = 200
MAX_ROWS = 100_000  # rows of the first sheet, counting empty ones
MAX_COLUMNS = 200  # a cell further right than this refuses the file
_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_COLUMN = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})[0-9]')


class SpreadsheetTooBig(ValueError):
    """The workbook exceeds a bound; the message says which, in the user's language."""


def check_archive(data: bytes) -> None:
    """Refuse a workbook whose unzipped size, number of parts or shared strings exceed the bounds, or whose XML
    declares entities (exponential entity expansion), before any XML of it is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return  # openpyxl reports the broken file in its own words
    with archive:
        members = archive.infolist()
        if len(members) > MAX_PARTS:
            raise SpreadsheetTooBig(_("The workbook has too many parts (%(num)s; at most %(max)s).",
                                      num=len(members), max=MAX_PARTS))
        total = sum(m.file_size for m in members)
        if total > MAX_UNCOMPRESSED:
            raise SpreadsheetTooBig(_("The workbook is too big once unzipped (%(size)s MiB; at most %(max)s MiB). "
                                      "Split it, or save it as CSV.", size=total // 2**20,
                                      max=MAX_UNCOMPRESSED // 2**20))
        for member in members:
            if member.filename.endswith("sharedStrings.xml") and member.file_size > MAX_SHARED_STRINGS:
                raise SpreadsheetTooBig(_("The workbook's text table is too big (%(size)s MiB; at most %(max)s "
                                          "MiB).", size=member.file_size // 2**20, max=MAX_SHARED_STRINGS // 2**20))
            if member.filename.endswith((".xml", ".rels")):
                with archive.open(member) as part:
                    xml = part.read(member.file_size)
                if _DECLARATIONS.search(xml):
                    raise SpreadsheetTooBig(_("The workbook contains XML declarations that a spreadsheet does "
                                              "not need; save it again from Excel or LibreOffice."))
                if member.filename.startswith("xl/worksheets/"):
                    _check_columns(xml)


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_columns(xml: bytes) -> None:
    """Refuse a sheet with a cell beyond MAX_COLUMNS (openpyxl would pad every row up to it)."""
    widest = max((m for m in set(_CELL_COLUMN.findall(xml))), key=lambda c: (len(c), c), default=b"A")
    if _column_number(widest) > MAX_COLUMNS:
        raise SpreadsheetTooBig(_("The sheet has cells beyond column %(max)s (in column %(column)s); delete them "
                                  "and upload again.", max=MAX_COLUMNS, column=widest.decode()))


def check_row(number: int, values: tuple) -> None:
    """Refuse the sheet once it passes MAX_ROWS rows or a row has a cell beyond MAX_COLUMNS (the caller reads
    at most MAX_COLUMNS + 1 columns, whatever the sheet's declared dimension says)."""
    if number > MAX_ROWS:
        raise SpreadsheetTooBig(_("The sheet has more than %(max)s rows; split the file.", max=f"{MAX_ROWS:,}"))
    if len(values) > MAX_COLUMNS and any(v not in (None, "") for v in values[MAX_COLUMNS:]):
        raise SpreadsheetTooBig(_("The sheet has cells beyond column %(max)s (in row %(row)s); delete them and "
                                  "upload again.", row=number, max=MAX_COLUMNS))
