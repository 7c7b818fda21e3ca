"""Regions are a controlled vocabulary: ISTAT names, English names accepted and stored in Italian."""
from __future__ import annotations

import pytest

from matchmaker.services.regions import normalise_region
from matchmaker.services.rows import parse_row


@pytest.mark.parametrize("value, region", [
    ("Lombardy", "Lombardia"), ("lombardia", "Lombardia"), ("LOMBARDIA", "Lombardia"), ("Piedmont", "Piemonte"),
    ("Trentino-Alto Adige", "Trentino-Alto Adige/Südtirol"), ("Valle d'Aosta", "Valle d'Aosta/Vallée d'Aoste"),
    ("", ""), ("Bavaria", None),
])
def test_regions_are_normalised_to_istat_names(value, region):
    assert normalise_region(value) == region


def test_an_import_row_stores_the_istat_name_and_rejects_unknown_regions():
    data, errors = parse_row({"name": "Acme", "kind": "sme", "region": "Lombardy"})
    assert not errors and data["region"] == "Lombardia"
    _, errors = parse_row({"name": "Acme", "kind": "sme", "region": "Atlantis"})
    assert any("region" in e for e in errors)
