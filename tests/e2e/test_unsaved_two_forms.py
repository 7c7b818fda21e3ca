"""End-to-end: a page with two forms. Saving the event's settings while the slot grid holds typing brings that typing
back on the same page, unsaved, without a question; sending a form that leads elsewhere while another holds typing
asks in the page's own words, and "no" keeps everything; after a "Go to" link (a #fragment in the address) the page
that follows a save does not keep the fragment (static/js/unsaved.js, the forms' action)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in
from tests.e2e.test_review import populate
from tests.helpers import make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e


def _dialogs(page) -> list[tuple[str, str]]:
    """Every dialog the page opens, answered "no" (stay)."""
    seen: list[tuple[str, str]] = []
    page.on("dialog", lambda dialog: (seen.append((dialog.type, dialog.message)), dialog.dismiss()))
    return seen


def test_saving_the_settings_keeps_the_grid_typing_and_drops_the_fragment(phone, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event_id = small_event(organiser=organiser, pairs=())[0].id
        db.session.remove()
    log_in(phone, base, "organiser@example.org", "it")
    manage = f"{base}/events/{event_id}/manage"
    phone.goto(manage + "#venue")  # as after a refused form's "Go to" link
    seen = _dialogs(phone)
    phone.fill("#grid-breaks", "10:40-11:00")  # typed in the grid, not saved
    phone.fill("#venue", "Palazzo Lombardia")
    phone.locator("form:has(#venue) button[type=submit]").click()
    phone.wait_for_url(manage)  # no #venue kept by the redirect
    phone.wait_for_load_state("load")
    assert seen == []
    assert phone.input_value("#venue") == "Palazzo Lombardia"  # saved
    assert phone.input_value("#grid-breaks") == "10:40-11:00"  # back, and still not saved:
    phone.click(".brand")
    phone.wait_for_timeout(400)
    assert [kind for kind, _ in seen] == ["beforeunload"] and phone.url == manage
    with live_app.app_context():
        from matchmaker.models import Event

        assert db.session.get(Event, event_id).venue == "Palazzo Lombardia"
        assert "10:40" not in str(db.session.get(Event, event_id).grid)


def test_sending_a_form_that_leads_elsewhere_asks_in_the_page_s_words(phone, live_app):
    base = live_app.config["LIVE_URL"]
    populate(live_app)
    log_in(phone, base, "tto@liverlab.example", "it")
    phone.goto(base + "/matches/")
    seen = _dialogs(phone)
    phone.locator("details.decline summary").first.click()
    phone.locator("details.decline input[name=note]").first.fill("Fuori dal nostro campo")
    interested = phone.locator(".review-actions button[value=interested]").nth(1)
    interested.click()  # another suggestion's answer: a form posting elsewhere
    phone.wait_for_timeout(400)
    assert len(seen) == 1 and seen[0][0] == "confirm" and "modifiche" in seen[0][1], seen
    assert phone.url == base + "/matches/"  # "no": nothing sent, the note still there
    assert phone.locator("details.decline input[name=note]").first.input_value() == "Fuori dal nostro campo"
    phone.locator("details.decline button[type=submit]").first.click()  # sending the note itself: no question
    phone.wait_for_load_state()
    assert len(seen) == 1
