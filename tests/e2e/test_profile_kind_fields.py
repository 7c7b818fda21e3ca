"""End-to-end: the profile form shows the investment fields and the TRL of the chosen kind, and follows a change of
kind."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from tests.e2e.conftest import log_in
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def test_changing_the_kind_shows_the_fields_that_apply(phone, live_app):
    with live_app.app_context():
        org = make_org(name="Acme Sensors", kind="sme")
        make_user(organisation=org, email="ada@acme.example")
        url = f"/profiles/{org.id}/edit"
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "ada@acme.example", "en")
    phone.goto(base + url)
    assert phone.is_visible("#funding_stage") and not phone.is_visible("#ticket_min") and phone.is_visible("#trl")
    phone.select_option("#kind", "investor")
    assert not phone.is_visible("#funding_stage") and phone.is_visible("#ticket_min") and not phone.is_visible("#trl")
    phone.select_option("#kind", "university")
    assert not phone.is_visible("#funding_stage") and not phone.is_visible("#ticket_min") and phone.is_visible("#trl")
    phone.select_option("#kind", "association")
    assert not phone.is_visible("#trl")
