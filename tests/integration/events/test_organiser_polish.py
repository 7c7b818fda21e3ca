"""The organiser's pages after the newcomer walk: cancelling a participant needs a confirmation, the schedule's
report follows manual changes and is worded in the reader's language, the grid shows readable names."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Meeting
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def test_cancelling_a_participant_asks_for_confirmation_first(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/participants").get_data(as_text=True)
    cancel_url = f"/events/{event.id}/participants/{people[0].id}/cancel"
    assert f'action="{cancel_url}"' not in page  # no one-tap cancel on the list
    assert f'href="{cancel_url}"' in page
    confirm = client.get(cancel_url)
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Person 0" in text and "Their 2 meetings will be cancelled" in text
    assert f'action="{cancel_url}"' in text and 'name="csrf_token"' in text
    assert not db.session.get(EventParticipant, people[0].id).cancelled  # reading the page changes nothing
    assert client.post(cancel_url).status_code == 400  # no CSRF token: refused
    r = post_form(client, cancel_url, {}, form_url=cancel_url)
    assert r.status_code == 302
    assert db.session.get(EventParticipant, people[0].id).cancelled
    assert client.get(f"/events/{event.id}/participants/{people[0].id + 100}/cancel").status_code == 404
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting).where(Meeting.state == "cancelled")) == 2


def test_the_quality_report_follows_a_manual_change_and_is_worded(app, client):
    from matchmaker.models import Event
    from tests.integration.events.builders import schedule_now

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser)
    schedule_now(event)
    event = db.session.get(Event, event.id)
    assert event.report["placed"] == 3
    login(client, organiser)
    r = post_form(client, f"/events/{event.id}/meetings/change", {"action": "unplace", "meeting": meetings[0].id,
                  "version": str(event.version)}, form_url=f"/events/{event.id}/schedule")
    assert r.status_code == 302
    assert r.headers["Location"].endswith(f"/events/{event.id}/schedule")  # the top: message and report in sight
    report = db.session.get(Event, event.id).report
    assert (report["placed"], report["requested"], report["manual_changes"]) == (2, 3, 1)
    assert report["by_priority"]["mutual"] == [2, 3]
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "2 of 3 meetings placed" in page and "mutual requests: 2/3" in page
    assert "Since that run: 1 manual change; the figures above are recomputed." in page
    assert "No breaks: everyone meets in consecutive slots" in page and "0 in all" not in page
    assert "mutual:" not in page and "FEASIBLE" not in page and "OPTIMAL" not in page and "GREEDY" not in page
    db.session.get(type(organiser), organiser.id).locale = "it"
    db.session.commit()
    italian = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "richieste reciproche: 2/3" in italian
    assert "mutual" not in italian and "FEASIBLE" not in italian and "OPTIMAL" not in italian


def test_the_grid_shows_organisation_and_person_in_full(app, client):
    from tests.helpers import make_org
    from tests.integration.events.builders import schedule_now

    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    people[0].organisation_id = make_org(name="Istituto Clinico Humanitas di Rozzano").id
    people[0].name = "Alessandra Bianchini-Colombo"
    db.session.commit()
    schedule_now(event)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    grid = page[page.index('class="agenda-grid"'):]
    assert '<span class="org">Istituto Clinico Humanitas di Rozzano</span>' in grid
    assert '<span class="person">Alessandra Bianchini-Colombo</span>' in grid
    assert "…" not in grid


def test_cancelling_a_participant_recomputes_the_report_and_counts_only_live_meetings(app, client):
    from matchmaker.models import Event
    from tests.integration.events.builders import schedule_now

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser)
    schedule_now(event)
    login(client, organiser)
    first = f"/events/{event.id}/participants/{people[0].id}/cancel"
    post_form(client, first, {}, form_url=first)
    report = db.session.get(Event, event.id).report
    assert report["requested"] == 1 and report["placed"] == 1  # person 0's two meetings are gone from the report
    # Person 2's meeting with person 0 is already cancelled: only their live one is counted, on the page and after.
    second = f"/events/{event.id}/participants/{people[2].id}/cancel"
    assert "Their meeting will be cancelled" in client.get(second).get_data(as_text=True)
    r = post_form(client, second, {}, form_url=second)
    assert "their meeting is cancelled" in client.get(r.headers["Location"]).get_data(as_text=True)
    assert db.session.get(Event, event.id).report["requested"] == 0
    nobody = f"/events/{event.id}/participants/{people[1].id}/cancel"
    assert "They have no meeting to cancel" in client.get(nobody).get_data(as_text=True)
