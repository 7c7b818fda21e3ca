"""End-to-end: on the profile form, the language switch carries what was typed across its reload; leaving by a link
asks before the typing is lost; saving does not ask."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


@pytest.fixture
def editor(live_app):
    with live_app.app_context():
        org = make_org(name="Acme Organoids", offer="Organoids")
        make_user(organisation=org, email="giulia@acme.example")
        org_id = org.id
        db.session.remove()
    return f"/profiles/{org_id}/edit"


def test_the_language_switch_keeps_the_typing_a_link_asks_and_saving_does_not(phone, live_app, editor):
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "giulia@acme.example", "it")
    phone.goto(base + editor)
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    phone.on("dialog", answer)
    phone.click(".lang-switch button[value=en]")  # nothing typed yet: no question, the page switches
    phone.wait_for_selector("html[lang=en]")
    assert asked == []
    phone.fill("#offer", "Liver organoids for toxicology, and hepatocyte assays")
    phone.click(".lang-switch button[value=it]")  # the same page again, in Italian, with the typing
    phone.wait_for_selector("html[lang=it]")
    phone.wait_for_load_state("load")  # unsaved.js (deferred) has put the typing back
    assert asked == [] and phone.input_value("#offer").startswith("Liver organoids")
    phone.click(".brand")  # leaving asks
    phone.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert phone.input_value("#offer").startswith("Liver organoids")  # still there
    phone.click("form[data-warn-unsaved] button[type=submit]")  # saving is not leaving
    phone.wait_for_url(lambda url: "/edit" not in url)
    assert asked == ["beforeunload"]
