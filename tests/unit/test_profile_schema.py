"""One profile schema: the form, the import and the API get the same rules and the same messages."""
from __future__ import annotations

import pytest

from matchmaker.services.profile_schema import LIMITS, MAX_AMOUNT, validate_profile
from matchmaker.services.rows import parse_row

CASES = [
    ("ticket_min", str(2 ** 63), "must be at most 1,000,000,000,000 euros"),
    ("funding_amount_sought", "-5", "must not be negative"),
    ("funding_amount_sought", "lots", "'lots' is not an amount in euros"),
    ("country", "Italy", "'Italy' is not a two-letter code such as IT"),
    ("trl", "12", "'12' is not a level from 1 to 9"),
    ("sectors", "pharma;space", "unknown value 'space'"),
    ("website", "not a site", "is not a web address"),
    ("contact_email", "nobody@", "'nobody@' is not a valid e-mail address"),
    ("offer", "x" * (LIMITS["offer"] + 1), f"longer than {LIMITS['offer']} characters"),
    ("contact_phone", "1" * 41, "longer than 40 characters"),
    ("contact_phone", "chiamare il centralino", "'chiamare il centralino' is not a phone number"),
]


@pytest.mark.parametrize("field, value, message", CASES)
def test_form_values_and_import_cells_get_the_same_message(field, value, message):
    _, errors = validate_profile({"name": "X", "kind": "sme", field: value})
    assert any(message in m for m in errors[field]), errors
    _, row_errors = parse_row({"name": "X", "kind": "sme", field: value})
    assert any(e.startswith(f"{field}: ") and message in e for e in row_errors), row_errors


def test_json_values_are_accepted_as_well_as_strings():
    data, errors = validate_profile({"name": "X", "kind": "investor", "ticket_min": 250_000, "ticket_max": "1.5M",
                                     "investor_stages": ["seed", "Serie A"], "contact_public": True, "trl": 4})
    assert errors == {}
    assert (data["ticket_min"], data["ticket_max"]) == (250_000, 1_500_000)
    assert data["investor_stages"] == ["seed", "series_a"]
    assert validate_profile({"name": "X", "kind": "sme", "ticket_min": MAX_AMOUNT})[1] == {}


@pytest.mark.parametrize("kind, sme", [("startup", True), ("sme", True), ("large_company", False)])
def test_start_ups_and_smes_are_smes_and_large_companies_are_not(kind, sme):
    assert validate_profile({"name": "X", "kind": kind, "sme": "no" if sme else "yes"})[0]["sme"] is sme
    assert parse_row({"name": "X", "kind": kind})[0]["sme"] is sme


def test_only_the_fields_given_are_returned():
    data, errors = validate_profile({"name": " Acme ", "kind": "Università"})
    assert errors == {} and data == {"name": "Acme", "kind": "university"}


def test_a_stored_phone_saved_back_unchanged_passes_and_a_new_bad_one_does_not():
    stored = {"name": "Old Import", "kind": "sme", "contact_phone": "centralino"}
    assert validate_profile(stored, stored)[1] == {}  # as an earlier import left it: the profile can still be saved
    errors = validate_profile(dict(stored, contact_phone="chiedere a Marco"), stored)[1]
    assert "is not a phone number" in errors["contact_phone"][0]
    assert validate_profile(dict(stored, contact_phone="+39 02 1234 5678"), stored) == (
        {"name": "Old Import", "kind": "sme", "sme": True, "contact_phone": "+39 02 1234 5678"}, {})
