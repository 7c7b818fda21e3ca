"""Organisation names on the add form and in imported files are matched loosely (the walk: "Istituto Besta" was
refused, the row "Dompé Farmaceutici" became "Row 4: unknown organisation" beside "DOMPE FARMACEUTICI SPA"); an
ambiguous or unknown name is reported with its line, the value given and the closest names."""
from __future__ import annotations

import io

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import csrf_token, login, make_org, make_user, post_form
from tests.integration.events.builders import small_event


def _directory():
    return {"dompe": make_org(name="DOMPE FARMACEUTICI SPA"),
            "besta": make_org(name="FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA"),
            "ieo": make_org(name="Istituto Europeo di Oncologia S.r.l.")}


def _organisation_of(event, name):
    return db.session.execute(select(EventParticipant).where(EventParticipant.event_id == event.id,
                                                             EventParticipant.name == name)).scalar_one().organisation


def _upload(client, event_id: int, text: str):
    url = f"/events/{event_id}/participants"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(text.encode()), "people.csv")}
    return client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)


def test_the_add_form_takes_a_loose_name_and_suggests_for_a_wrong_one(app, client):
    orgs = _directory()
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    page = post_form(client, url, {"add-name": "Bea", "add-organisation": "Istituto Besta"},
                     follow_redirects=True).get_data(as_text=True)
    assert "Bea added." in page and _organisation_of(event, "Bea") == orgs["besta"]
    page = post_form(client, url, {"add-name": "Ugo", "add-organisation": "Dompé Farma"}).get_data(as_text=True)
    assert "No organisation called “Dompé Farma” in the directory. Did you mean: DOMPE FARMACEUTICI SPA" in page
    page = post_form(client, url, {"add-name": "Ugo", "add-organisation": "Istituto"}).get_data(as_text=True)
    assert "“Istituto” could be several organisations" in page and "CARLO BESTA" in page and "Oncologia" in page
    assert 'list="organisation-options"' in page and "organisation-search.js" in page


def test_an_import_matches_loosely_and_names_the_value_and_the_closest_names(app, client):
    orgs = _directory()
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    rows = ("name,email,organisation\nAda,,Dompé Farmaceutici\nBob,,istituto neurologico c. besta\n"
            "Cleo,,Dompe Farmaceutica\nDan,,Istituto\nEva,,Fondazione IEO\n")
    page = _upload(client, event.id, rows).get_data(as_text=True)
    assert _organisation_of(event, "Ada") == orgs["dompe"] and _organisation_of(event, "Bob") == orgs["besta"]
    assert "Row 4: no organisation called “Dompe Farmaceutica” in the directory. Did you mean: DOMPE FARMACEUTICI " \
           "SPA" in page
    assert "Row 5: “Istituto” could be several organisations" in page
    assert "Row 6: no organisation called “Fondazione IEO”" in page
    assert "2 participants added." in page


def test_the_suggestions_endpoint_is_the_organisers(app, client):
    orgs = _directory()
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    found = client.get(f"/events/{event.id}/organisations.json?q=Istituto Besta").get_json()
    assert found == [{"id": orgs["besta"].id, "label": f"{orgs['besta'].name} (#{orgs['besta'].id})"}]
    labels = [o["label"] for o in client.get(f"/events/{event.id}/organisations.json?q=dompe farma").get_json()]
    assert labels and labels[0].startswith("DOMPE FARMACEUTICI SPA")
    page = post_form(client, f"/events/{event.id}/participants",
                     {"add-name": "Zoe", "add-organisation": found[0]["label"]}, follow_redirects=True)
    assert "Zoe added." in page.get_data(as_text=True) and _organisation_of(event, "Zoe") == orgs["besta"]


def test_the_organiser_may_choose_to_import_nothing_when_a_row_is_wrong(app, client):
    _directory()
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    rows = "name,email,organisation\nAda,,Dompé Farmaceutici\nDan,,Istituto\n"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(rows.encode()), "people.csv"),
            "import-mode": "all"}
    page = client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)
    assert "Row 3: “Istituto” could be several organisations" in page.get_data(as_text=True)
    assert db.session.execute(select(EventParticipant).where(EventParticipant.name == "Ada")).first() is None
    assert "Import nothing if any row is bad" in client.get(url).get_data(as_text=True)
