"""Spreadsheet bombs are refused (or read in bounded time) before their XML is parsed."""
from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from openpyxl import Workbook

from matchmaker.services import xlsx_guard
from matchmaker.services.tables import TableError, read_table


def workbook_bytes(rows=(("name", "kind"), ("Acme", "sme"))) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(data: bytes, change: dict[str, bytes | callable]) -> bytes:
    """The same archive with some parts replaced (bytes) or transformed (a function of the old bytes)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            content = source.read(name)
            if name in change:
                content = change[name](content) if callable(change[name]) else change[name]
            target.writestr(name, content)
        for name, content in change.items():
            if name not in names:
                target.writestr(name, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def test_a_lying_dimension_is_not_believed(app):
    lying = b'<dimension ref="A1:XFD5000"'
    bomb = rewrite(workbook_bytes(), {SHEET: lambda xml: re.sub(rb'<dimension ref="[^"]+"', lying, xml)})
    assert len(bomb) < 10_000
    start = time.perf_counter()
    table = read_table(bomb, "bomb.xlsx")
    assert time.perf_counter() - start < 2  # it claimed 82 million cells (15 s before the fix)
    assert table.header == ["name", "kind"] and [r for _, r in table.rows] == [{"name": "Acme", "kind": "sme"}]


def test_a_cell_far_to_the_right_is_refused(app):
    wide = rewrite(workbook_bytes(), {SHEET: lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')})
    with pytest.raises(TableError, match="beyond column 200"):
        read_table(wide, "wide.xlsx")


def test_a_tall_sheet_is_refused(app):
    tall = rewrite(workbook_bytes(), {SHEET: lambda xml: xml.replace(
        b"</sheetData>", b'<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>')})
    with pytest.raises(TableError, match="more than 100,000 rows"):
        read_table(tall, "tall.xlsx")


def test_huge_shared_strings_are_refused_before_parsing(app, monkeypatch):
    parsed = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: parsed.append(1))
    strings = b"<sst>" + b"<si><t>x</t></si>" * (17 * 2**20 // 16) + b"</sst>"
    bomb = rewrite(workbook_bytes(), {"xl/sharedStrings.xml": strings})
    assert len(bomb) < 200_000
    with pytest.raises(TableError, match="text table is too big"):
        read_table(bomb, "strings.xlsx")
    assert parsed == []


def test_a_big_unzipped_size_is_refused(app):
    bomb = rewrite(workbook_bytes(), {"xl/media/blank.bin": b"\0" * (xlsx_guard.MAX_UNCOMPRESSED + 1)})
    with pytest.raises(TableError, match="too big once unzipped"):
        read_table(bomb, "big.xlsx")


def test_xml_entity_declarations_are_refused(app):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<sst><si><t>&b;</t></si></sst>')
    with pytest.raises(TableError, match="XML declarations"):
        read_table(rewrite(workbook_bytes(), {"xl/sharedStrings.xml": laughs}), "laughs.xlsx")


def test_a_csv_with_too_many_rows_is_refused(app):
    text = "name,kind\n" + "x,sme\n" * (xlsx_guard.MAX_ROWS + 1)
    with pytest.raises(TableError, match="more than 100,000 rows"):
        read_table(text.encode(), "tall.csv")


def test_the_web_upload_shows_the_reason(client):
    from tests.helpers import csrf_token, login, make_user

    login(client, make_user(role="organiser"))
    bomb = rewrite(workbook_bytes(), {"xl/sharedStrings.xml": b"<sst>" + b" " * (17 * 2**20) + b"</sst>"})
    response = client.post("/imports/", data={"file": (io.BytesIO(bomb), "bomb.xlsx"), "mode": "good",
                                              "csrf_token": csrf_token(client, "/imports/")},
                           content_type="multipart/form-data")
    assert response.status_code == 200 and "text table is too big" in response.get_data(as_text=True)
