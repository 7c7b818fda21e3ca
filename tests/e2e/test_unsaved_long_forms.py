"""The unsaved-changes question of the profile form on the other long forms: creating an event, the event's settings,
a meeting request's message, a decline's note, the account's settings. Typing then leaving by a link asks; a form
left untouched does not; submitting does not (static/js/unsaved.js, no inline script)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.e2e.conftest import log_in
from tests.e2e.test_review import populate
from tests.helpers import make_org, make_user
from tests.integration.events.builders import small_event

pytestmark = pytest.mark.e2e


def _asks_when_leaving(page, base: str, path: str, fill) -> list[str]:
    """Open `path`, leave by the header's home link untouched, then again after `fill(page)`: the dialogs seen."""
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay

    page.on("dialog", answer)
    page.goto(base + path)
    page.click(".brand")
    page.wait_for_url(base + "/")
    assert asked == [], path  # nothing typed: no question
    page.goto(base + path)
    fill(page)
    page.click(".brand")
    page.wait_for_timeout(400)
    page.remove_listener("dialog", answer)
    assert page.url.startswith(base + path.split("#")[0]), page.url  # still there
    page.evaluate("document.querySelectorAll('form').forEach(f => { f.dataset.dirty = '0'; })")  # move on
    return asked


def test_typing_then_leaving_asks_on_the_long_forms(browser, live_app):
    base = live_app.config["LIVE_URL"]
    populate(live_app)
    with live_app.app_context():
        organiser = make_user(role="organiser", email="organiser@example.org")
        event, people, _ = small_event(organiser=organiser, pairs=())
        me = make_user(email="anna@example.org", organisation_id=make_org(name="Acme Bio").id)
        people[0].user_id, people[0].organisation_id = me.id, me.organisation_id
        db.session.commit()
        event_id = event.id
        assert db.session.get(EventParticipant, people[0].id).user_id == me.id
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)

    log_in(page, base, "organiser@example.org", "it")
    assert _asks_when_leaving(page, base, "/events/new", lambda p: p.fill("#name", "Giornata")) == ["beforeunload"]
    assert _asks_when_leaving(page, base, f"/events/{event_id}/manage",
                              lambda p: p.fill("#venue", "Milano")) == ["beforeunload"]
    assert _asks_when_leaving(page, base, "/account", lambda p: p.check("input[value=en]")) == ["beforeunload"]
    context.clear_cookies()

    log_in(page, base, "anna@example.org", "en")
    assert _asks_when_leaving(page, base, f"/events/{event_id}/suggestions",
                              lambda p: p.locator("input[name=message]").first.fill("Shall we meet?")) \
        == ["beforeunload"]
    context.clear_cookies()

    log_in(page, base, "tto@liverlab.example", "en")

    def decline_note(p):
        p.locator("details.decline summary").first.click()
        p.locator("details.decline input[name=note]").first.fill("Outside our field")

    assert _asks_when_leaving(page, base, "/matches/", decline_note) == ["beforeunload"]
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.goto(base + "/matches/")
    decline_note(page)
    page.locator("details.decline button[type=submit]").first.click()  # submitting is not leaving
    page.wait_for_load_state()
    assert asked == []
    context.close()
