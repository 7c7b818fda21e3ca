"""F16: the mail inviting a person the organisers added reads well in both languages (Italian: the "tu" of the
events pages, a greeting fit for a cluster's business mail, no ambiguous "its profile", no verbless line), and the
invitation page has the name the organisers typed already filled in."""
from __future__ import annotations

import pytest

from tests.helpers import login, make_org, make_user, post_form
from tests.integration.events.builders import small_event
from tests.integration.events.test_added_people_told import _sent


def _invite(app, client, monkeypatch, country, members=True):
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    sent = _sent(monkeypatch)
    organiser = make_user(role="organiser")
    besta = make_org(name="Fondazione Besta", country=country)
    if members:
        make_user(organisation_id=besta.id)
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants", {"add-name": "Laura Neri", "add-email": "laura@example.org",
                                                           "add-organisation": "Fondazione Besta"})
    return event, next(s[2] for s in sent if s[0] == "laura@example.org")


@pytest.mark.parametrize("country, expected, unwanted", [
    ("IT", ("Gentile Laura Neri,", "Per creare il tuo account", "Dopo l’accesso trovi l’evento qui:",
            "profilo della tua organizzazione"), ("Ciao", "al suo profilo", "Poi la pagina")),
    ("GB", ("Dear Laura Neri,", "To create your account", "Once you are logged in, you will find the event here:",
            "your organisation’s profile"), ("Hello", "its profile", "Then the event's page"))])
def test_the_invitation_mail_reads_well(app, client, monkeypatch, country, expected, unwanted):
    _event, body = _invite(app, client, monkeypatch, country)
    assert all(text in body for text in expected), body
    assert not any(text in body for text in unwanted), body


def test_the_invitation_page_has_the_name_filled_in(app, client, monkeypatch):
    _event, body = _invite(app, client, monkeypatch, "IT", members=False)
    path = body.split("https://mm.example.org", 2)[1].split()[0]
    page = app.test_client().get(path).get_data(as_text=True)
    assert 'value="Laura Neri"' in page
