"""Adding participants: the same e-mail twice, a bad e-mail, an unknown organisation on the form, someone already
there (the walk: a CSV row twice added the person twice; "not-an-email" was accepted; the form dropped the
organisation silently and said "Row 0: already a participant")."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import csrf_token, login, make_org, make_user, post_form
from tests.integration.events.builders import small_event


def _names(event):
    return sorted(db.session.execute(select(EventParticipant.name).where(
        EventParticipant.event_id == event.id, EventParticipant.email != "")).scalars())


def _upload(client, event_id: int, text: str):
    url = f"/events/{event_id}/participants"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(text.encode()), "people.csv")}
    return client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)


def test_an_import_refuses_a_repeated_row_and_a_bad_email_by_line(app, client):
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    page = _upload(client, event.id, "name,email,organisation\nAda,ada@example.org,\nAda,ADA@example.org,\n"
                                     "Bob,not-an-email,\nCleo,cleo@example.org,\n").get_data(as_text=True)
    assert _names(event) == ["Ada", "Cleo"]
    assert "2 participants added." in page
    assert "Row 3: already a participant" in page and "Row 4: not a valid e-mail address" in page


def test_the_database_refuses_a_second_participant_with_the_same_email(app):
    event, _people, _ = small_event()
    db.session.add(EventParticipant(event_id=event.id, name="A", email="same@example.org"))
    db.session.commit()
    db.session.add(EventParticipant(event_id=event.id, name="B", email="same@example.org"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    other, _p, _m = small_event()  # another event, or no e-mail at all: allowed
    db.session.add_all([EventParticipant(event_id=other.id, name="A", email="same@example.org"),
                        EventParticipant(event_id=other.id, name="C", email=""),
                        EventParticipant(event_id=other.id, name="D", email="")])
    db.session.commit()


def test_the_add_form_names_an_unknown_organisation_and_keeps_what_was_typed(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    page = post_form(client, url, {"add-name": "Dora Verdi", "add-email": "dora@example.org",
                                   "add-organisation": "Dompe Farmaceutici"}).get_data(as_text=True)
    assert "No organisation called “Dompe Farmaceutici” in the directory" in page
    assert 'value="Dora Verdi"' in page and 'value="Dompe Farmaceutici"' in page and 'value="dora@example.org"' in page
    assert _names(event) == []
    make_org(name="Dompé Farmaceutici")
    page = post_form(client, url, {"add-name": "Dora Verdi", "add-email": "dora@example.org",
                                   "add-organisation": "Dompé Farmaceutici"},
                     follow_redirects=True).get_data(as_text=True)
    assert "Dora Verdi added." in page
    added = db.session.execute(select(EventParticipant).where(EventParticipant.name == "Dora Verdi")).scalar_one()
    assert added.organisation.name == "Dompé Farmaceutici"


def test_the_add_form_says_who_is_already_a_participant(app, client):
    organiser = make_user(role="organiser")
    member = make_user(email="marco@example.org", name="Marco Rossi", organisation_id=make_org().id)
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    post_form(client, url, {"add-name": "Marco Rossi", "add-email": "marco@example.org"})
    page = post_form(client, url, {"add-name": "Marco", "add-email": "Marco@Example.org"}).get_data(as_text=True)
    assert "Marco Rossi is already a participant." in page
    email_box = page.split('id="add-email-field"', 1)[1].split("</div>", 1)[0]  # under the e-mail, not the name
    assert "Marco Rossi is already a participant." in email_box
    assert "Row 0" not in page and "0 participants added" not in page
    page = post_form(client, url, {"add-name": "Someone", "add-email": "not-an-email"}).get_data(as_text=True)
    assert "“not-an-email” is not a valid e-mail address." in page
    assert db.session.scalar(select(db.func.count()).select_from(EventParticipant).where(
        EventParticipant.user_id == member.id)) == 1


def test_registering_claims_the_row_the_organisers_added_by_email(app):
    from matchmaker.services.events_enrol import add_participant
    from matchmaker.services.events_people import register

    event, _people, _ = small_event()
    row = add_participant(event, "Lea", "lea@example.org", "")
    assert row.user_id is None  # no account yet
    member = make_user(email="lea@example.org", organisation_id=make_org().id)
    assert register(event, member).id == row.id  # the same person, not a second participant
    assert db.session.get(EventParticipant, row.id).user_id == member.id
