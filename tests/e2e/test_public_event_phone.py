"""F22 on a phone (390 px): a logged-out visitor following an event's link sees the event and logs in from it,
landing back on the event's page with its "Register for this event" button."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import screenshot
from tests.helpers import PASSWORD, make_org, make_user

pytestmark = pytest.mark.e2e

WORDS = {"it": ("Accedi per iscriverti", "Iscriviti a questo evento"),
         "en": ("Log in to register", "Register for this event")}


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_event_link_shows_the_event_and_login_returns_to_it(browser, live_app, language):
    from tests.integration.events.builders import small_event

    with live_app.app_context():
        event, _people, _ = small_event(pairs=())
        event.status, event.venue, event.description = "registration", "Palazzo Lombardia", "Giornata oncologia"
        make_user(email="nuova@example.org", organisation_id=make_org().id, locale=language)
        db.session.commit()
        event_id, name = event.id, event.name
        db.session.remove()
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="it-IT" if language == "it" else "en-GB")
    page = context.new_page()
    base = live_app.config["LIVE_URL"]
    page.goto(f"{base}/events/{event_id}/")
    login_words, register_words = WORDS[language]
    assert page.locator("h1").inner_text() == name and "Palazzo Lombardia" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, f"public-event-{language}")
    assert login_words in page.locator("#login-to-register").inner_text()
    page.click("#login-to-register")
    page.fill("#email", "nuova@example.org")
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/events/{event_id}/")
    assert register_words in page.locator("#register").inner_text()
    context.close()
