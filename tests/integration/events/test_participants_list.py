"""The organiser's participants page: a server-side name filter (?q=), Add/Import within reach above the list, and
an unplaced meeting that has not been through the scheduler says so instead of an empty "Why"."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import login, make_org, make_user
from tests.integration.events.builders import small_event


def test_the_list_filters_by_person_or_organisation_and_the_forms_come_first(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, pairs=())
    people[2].organisation_id = make_org(name="Istituto Besta").id
    db.session.commit()
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    page = client.get(url).get_data(as_text=True)
    assert page.index('id="add-participant"') < page.index('id="participants"')
    assert page.index('id="import-participants"') < page.index('id="participants"')
    assert all(f"Person {i}" in page for i in range(4))
    found = client.get(url + "?q=person 1").get_data(as_text=True).split('id="participants"', 1)[1]
    assert "Person 1" in found and "Person 0" not in found and "Person 2" not in found
    by_org = client.get(url + "?q=BESTA").get_data(as_text=True)
    assert "Person 2" in by_org.split('id="participants"', 1)[1] and "Person 3" not in by_org.split(
        'id="participants"', 1)[1]
    assert "1 of 4 participants match" in by_org
    none = client.get(url + "?q=50%25_").get_data(as_text=True)  # LIKE wildcards are plain characters
    assert "Nobody matches this search." in none
    assert db.session.get(EventParticipant, people[0].id) is not None


def test_an_unplaced_meeting_without_a_reason_is_not_scheduled_yet(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    unplaced = page.split('id="unplaced"', 1)[1].split("</section>", 1)[0]
    assert unplaced.count("not scheduled yet") == 3
