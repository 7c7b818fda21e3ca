"""F20: on a phone (390 px) a long link in the last message does not widen the list of conversations, and the
address in the conversation is a link (a user-content link: rel noopener nofollow ugc)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in, screenshot

pytestmark = pytest.mark.e2e

LINK = ("https://drive.example.org/condivisi/progetto-biomarcatori-glioma/documenti/"
        "accordo-di-riservatezza-bozza-v3-finale-definitiva.pdf?token=abcdef0123456789abcdef")


@pytest.mark.parametrize("language", ["it", "en"])
def test_a_long_link_fits_the_phone_and_is_clickable(phone, live_app, language):
    from matchmaker.services import messages
    from tests.integration.messages.helpers import connected_pair

    with live_app.app_context():
        _acme, _lab, alice, bob, conversation = connected_pair()
        messages.post(alice, conversation, f"Vedi {LINK} grazie")
        email, conversation_id = bob.email, conversation.id
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, email, language)
    phone.goto(base + "/messages/")
    assert phone.locator(".conversation-excerpt").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, f"messages-long-link-list-{language}")
    phone.goto(base + f"/messages/{conversation_id}")
    link = phone.locator(f'.message-body a[href="{LINK}"]')
    assert link.count() == 1 and link.get_attribute("rel") == "noopener nofollow ugc"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
