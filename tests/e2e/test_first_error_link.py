"""End-to-end: a refused profile form's "Go to …" link at the top brings the field into view with its label above
it (not the box flush with the top edge and its label just off screen), on a phone."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def test_the_link_to_the_first_field_to_correct_shows_its_label(phone, live_app):
    with live_app.app_context():
        org = make_org(name="Acme RNA", kind="startup")
        make_user(organisation=org, email="ada@acme.example")
        url = f"/profiles/{org.id}/edit"
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "ada@acme.example", "en")
    phone.goto(base + url)
    phone.fill("#website", "acme rna")
    phone.click("button:has-text('Save profile')")
    phone.wait_for_selector("#first-error-link")
    phone.click("#first-error-link")
    phone.wait_for_function("window.scrollY > 0")
    label_top = phone.evaluate("document.querySelector('label[for=website]').getBoundingClientRect().top")
    field_top = phone.evaluate("document.getElementById('website').getBoundingClientRect().top")
    assert 0 <= label_top < field_top, (label_top, field_top)
