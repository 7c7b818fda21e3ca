"""The API reference page (/developers/api): every endpoint of the OpenAPI document, readable without a script,
and the non-JSON agenda.ics endpoint described in the document too."""
from __future__ import annotations

import re

from matchmaker.services.api_reference import reference


def test_the_document_describes_the_ical_agenda_from_its_view(client):
    document = client.get("/api/v1/openapi.json").json
    operation = document["paths"]["/api/v1/events/{event_id}/agenda.ics"]["get"]
    assert "text/calendar" in operation["responses"]["200"]["content"]
    assert operation["summary"].startswith("The caller's agenda as iCalendar")
    assert operation["parameters"][0]["name"] == "event_id"
    error_schema = operation["responses"]["404"]["content"]["application/json"]["schema"]["$ref"]
    assert error_schema.rsplit("/", 1)[-1] in document["components"]["schemas"]


def test_every_operation_of_the_document_is_on_the_page(client):
    document = client.get("/api/v1/openapi.json").json
    page = client.get("/developers/api")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    operations = [(method.upper(), path) for path, item in document["paths"].items() for method in item]
    assert len(operations) >= 12
    for method, path in operations:
        assert f"<code>{method} {path}</code>" in html
    assert 'href="/api/v1/openapi.json"' in html
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(re.search(r'src="/static/', tag) for tag in scripts)  # the site's own files only: no CDN


def test_fields_are_flattened_with_their_types_and_required_flags(client):
    document = client.get("/api/v1/openapi.json").json
    endpoints = {(e.method, e.path): e for _tag, group in reference(document) for e in group}
    feedback = endpoints[("POST", "/api/v1/suggestions/{suggestion_id}/feedback")]
    body = {f.name: f for f in feedback.body}
    assert body["action"].required and '"decline"' in body["action"].type
    assert not body["reason"].required and body["reason"].type.endswith("or null")
    ok = next(a for a in feedback.answers if a.status == "200")
    assert {"target.id", "state"} <= {f.name for f in ok.fields}
    connections = endpoints[("GET", "/api/v1/connections")]
    listed = next(a for a in connections.answers if a.status == "200")
    assert "items[].name" in {f.name for f in listed.fields}


def test_the_page_speaks_italian(client):
    html = client.get("/developers/api", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Riferimento dell’API" in html or "Riferimento dell'API" in html
