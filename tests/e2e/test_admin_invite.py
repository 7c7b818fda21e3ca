"""End-to-end: an administrator names the invited person's organisation by typing; suggestions come as they type."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from matchmaker.extensions import db
from matchmaker.models import Invitation, Organisation, User
from tests.e2e.test_browser import PASSWORD

pytestmark = pytest.mark.e2e


def test_the_invitation_form_suggests_organisations_as_the_admin_types(phone, live_app):
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        admin = User(email="admin@example.org", name="Admin", role="admin")
        admin.set_password(PASSWORD, method="pbkdf2:sha256:1000")
        db.session.add_all([admin, *(Organisation(name=f"Filler {i}", kind="sme") for i in range(40)),
                            Organisation(name="Fondazione IRCCS Istituto Neurologico Carlo Besta",
                                         kind="irccs_hospital")])
        db.session.commit()
    phone.goto(base + "/auth/login")
    phone.fill("#email", "admin@example.org")
    phone.fill("#password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.goto(base + "/admin/users")
    assert phone.locator("select#organisation_id").count() == 0
    phone.fill("#email", "neuro@example.org")
    phone.locator("#organisation").press_sequentially("besta", delay=30)
    expect(phone.locator("#organisation-options option")).to_have_count(1)  # (no string eval: the CSP forbids it)
    label = phone.eval_on_selector("#organisation-options option", "o => o.value")
    assert label.startswith("Fondazione IRCCS Istituto Neurologico Carlo Besta (#")
    phone.fill("#organisation", label)  # what choosing the suggestion fills in
    phone.click("main form.form button[type=submit]")
    phone.wait_for_url(base + "/admin/users")
    assert "Invitation sent to neuro@example.org" in phone.content()
    with live_app.app_context():
        invitation = db.session.execute(db.select(Invitation)).scalar_one()
        assert invitation.organisation.name.endswith("Carlo Besta")
