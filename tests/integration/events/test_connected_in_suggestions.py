"""The event's suggested meetings say which partners the participant's organisation is already connected with (mutual
interest on the suggestions pages), with the way to write to them; the others are not marked."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Connection, EventParticipant
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login
from tests.integration.events.builders import small_event
from tests.integration.test_suggestions import world


def _suggestions_page(client, connect: bool):
    """The company's participant's suggested meetings at an event with the lab and the other organisation of
    `world`, the company connected with the lab or not; and the lab."""
    orgs = world()
    company, lab = orgs[0], orgs[1]
    event, people, _ = small_event(people=3, pairs=(), accounts=True)
    for person, org in zip(people, orgs):
        person.organisation_id = person.user.organisation_id = org.id
    if connect:
        db.session.add(Connection(low_id=min(company.id, lab.id), high_id=max(company.id, lab.id)))
    db.session.commit()
    rebuild_all()
    login(client, db.session.get(EventParticipant, people[0].id).user)
    return client.get(f"/events/{event.id}/suggestions").get_data(as_text=True), lab


def test_a_connected_partner_is_marked_with_a_message_link(app, client):
    page, lab = _suggestions_page(client, connect=True)
    assert page.count('class="connected-note"') == 1
    note = page.split('class="connected-note"', 1)[1].split("</p>", 1)[0]
    assert "Connected" in note and f'href="/messages/with/{lab.id}"' in note
    assert lab.name in page[:page.index('class="connected-note"')].rsplit("<h2>", 1)[1]  # on the lab's card


def test_nobody_is_marked_without_a_connection(app, client):
    page, _lab = _suggestions_page(client, connect=False)
    assert 'class="connected-note"' not in page and "<h2>" in page
