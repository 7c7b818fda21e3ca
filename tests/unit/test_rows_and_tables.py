"""Row parsing and table reading, without an app."""
from __future__ import annotations

import pytest

from matchmaker import taxonomy
from matchmaker.services.regions import region_for
from matchmaker.services.rows import parse_row
from matchmaker.services.tables import TableError, read_csv, read_table


@pytest.mark.parametrize("value, code", [
    ("SME", "sme"), ("pmi", "sme"), ("Start-up", "startup"), ("IRCCS / ospedale", "irccs_hospital"),
    ("Università", "university"), ("UNIVERSITA", "university"), ("large company", "large_company"),
])
def test_kind_lookup_accepts_codes_labels_and_italian(value, code):
    assert taxonomy.KINDS.lookup(value) == code


def test_lookup_rejects_unknown():
    assert taxonomy.SECTORS.lookup("space") is None


@pytest.mark.parametrize("raw, expected", [
    ("250k", 250_000), ("1.5M", 1_500_000), ("€ 1.000.000", 1_000_000), ("1,000,000", 1_000_000), ("42", 42),
])
def test_amounts(raw, expected):
    data, errors = parse_row({"name": "X", "kind": "startup", "funding_amount_sought": raw})
    assert errors == [] and data["funding_amount_sought"] == expected


def test_row_errors_are_all_reported_at_once():
    data, errors = parse_row({"name": "", "kind": "spaceship", "trl": "TRL 10", "ticket_min": "5",
                              "ticket_max": "1", "contact_public": "maybe", "website": "acme.example"})
    joined = " | ".join(errors)
    for fragment in ("name: This field is required.", "unknown value 'spaceship'", "trl",
                     "ticket_max: The largest ticket must not", "contact_public"):
        assert fragment in joined
    assert parse_row({"name": "X", "kind": "sme", "website": "acme.example"})[0]["website"] == "https://acme.example"


def test_trl_prefix_and_sme_implied_by_kind():
    data, errors = parse_row({"name": "X", "kind": "startup", "trl": "TRL 4"})
    assert errors == [] and data["trl"] == 4 and data["sme"] is True


def test_csv_line_numbers_follow_multiline_cells():
    table = read_csv(b'name,kind\n"A\nstill A",sme\n\nB,sme\n')
    assert [line for line, _ in table.rows] == [2, 5]


def test_extra_cells_are_flagged():
    table = read_csv(b"name,kind\nA,sme,surprise\n")
    assert "the row has more cells" in parse_row(table.rows[0][1])[1][0]


def test_header_is_normalised():
    table = read_csv(b"Name ,Therapeutic Areas,KIND\nA,oncology,sme\n")
    assert table.header == ["name", "therapeutic_areas", "kind"]


@pytest.mark.parametrize("data, name, message", [(b"", "a.csv", "empty"), (b"x", "a.pdf", ".csv or .xlsx")])
def test_unreadable_files(data, name, message):
    with pytest.raises(TableError, match=message):
        read_table(data, name)


def test_bytes_that_are_neither_utf8_nor_cp1252_fail_cleanly():
    with pytest.raises(TableError, match="not UTF-8"):
        read_table(b"\x81\x8d\x8f\x90\x9d" * 3, "a.csv")


@pytest.mark.parametrize("city, country, region", [
    ("Milano", "IT", "Lombardia"), ("MILANO", "IT", "Lombardia"), ("Sesto San Giovanni", "IT", "Lombardia"),
    ("Roma", "IT", "Lazio"), ("Milano", "FR", ""), ("Atlantis", "IT", ""),
])
def test_region_for(city, country, region):
    assert region_for(city, country) == region
