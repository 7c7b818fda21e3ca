"""End-to-end: the organiser's Add form suggests directory names as they type (the walk: "Istituto Besta" was
refused, the exact directory name being unknown to the organiser); choosing the suggestion adds the person."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.e2e.conftest import log_in
from tests.helpers import make_org, make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e


def test_the_add_form_suggests_the_directory_name(phone, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, _people, _ = small_event(organiser=organiser)
        make_org(name="FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA")
        make_org(name="DOMPE FARMACEUTICI SPA")
        event_id = event.id
    log_in(phone, base, "organiser@example.org", "it")
    phone.goto(f"{base}/events/{event_id}/participants")
    phone.click("#add-participant summary")
    phone.fill("#add-name", "Bea Neri")
    phone.locator("#add-organisation").press_sequentially("Istituto Besta", delay=30)
    expect(phone.locator("#organisation-options option")).to_have_count(1)
    label = phone.eval_on_selector("#organisation-options option", "o => o.value")
    assert label.startswith("FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA (#")
    phone.fill("#add-organisation", label)  # what choosing the suggestion fills in
    phone.click("#add-participant button[type=submit]")
    expect(phone.locator(".flash-success")).to_contain_text("Bea Neri")
    with live_app.app_context():
        added = db.session.execute(db.select(EventParticipant).where(EventParticipant.name == "Bea Neri")).scalar_one()
        assert added.organisation.name.endswith("CARLO BESTA")
