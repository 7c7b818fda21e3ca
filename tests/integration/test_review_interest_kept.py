"""Saving for later never quietly takes back an interest already expressed: the card of an interested answer offers
no "Save for later", the action is refused with a clear message, and the badge of a saved card is singular. When an
interest is taken back (undo, decline), the other side's "X is interested in you" notification goes with it."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Feedback, Interest, Notification
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_review_pages import act, suggestion_of
from tests.integration.test_suggestions import world


def _card(html: str, name: str) -> str:
    return html.split(f">{name}<", 1)[1].split('<li class="card', 1)[0]


def _interest_notes(user) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.code == "interest_received"))


def _interested(client):
    """A company member says interested in the lab; returns the lab, a lab member and the suggestion."""
    company, lab, _ = world()
    rebuild_all()
    lab_member = make_user(organisation=lab)
    login(client, make_user(organisation=company))
    suggestion = suggestion_of(company, lab)
    act(client, suggestion, action="interested")
    assert _interest_notes(lab_member) == 1
    return lab, lab_member, suggestion


def test_an_interested_card_offers_no_save_and_saving_is_refused(app, client):
    lab, lab_member, suggestion = _interested(client)
    card = _card(client.get("/matches/").get_data(as_text=True), "Liver Lab")
    assert 'value="save"' not in card and 'value="undo"' in card
    refused = act(client, suggestion, action="save")
    assert "undo it first" in client.get(refused.headers["Location"]).get_data(as_text=True)
    assert db.session.execute(db.select(Feedback.state)).scalar_one() == "interested"
    assert db.session.execute(db.select(Interest)).scalar_one().target_id == lab.id
    assert _interest_notes(lab_member) == 1


def test_taking_the_interest_back_takes_its_notification_back(app, client):
    lab, lab_member, suggestion = _interested(client)
    act(client, suggestion, action="undo")
    assert _interest_notes(lab_member) == 0 and db.session.execute(db.select(Interest)).first() is None


def test_a_saved_card_has_a_singular_badge_in_italian(app, client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale="it"))
    act(client, suggestion_of(company, lab), action="save")
    card = _card(client.get("/matches/").get_data(as_text=True), "Liver Lab")
    badge = re.search(r'<span class="badge state-saved">([^<]*)</span>', card).group(1)
    assert badge == "Salvato per dopo"  # one partner ("il partner"): singular, masculine
