"""End-to-end: the profile form shows the investment fields and the TRL of the chosen kind, and follows a change of
kind."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import open_own_profile_form

pytestmark = pytest.mark.e2e


def test_changing_the_kind_shows_the_fields_that_apply(phone, live_app):
    open_own_profile_form(phone, live_app, "Acme Sensors", "sme", "ada@acme.example")
    assert phone.is_visible("#funding_stage") and not phone.is_visible("#ticket_min") and phone.is_visible("#trl")
    phone.select_option("#kind", "investor")
    assert not phone.is_visible("#funding_stage") and phone.is_visible("#ticket_min") and not phone.is_visible("#trl")
    phone.select_option("#kind", "university")
    assert not phone.is_visible("#funding_stage") and not phone.is_visible("#ticket_min") and phone.is_visible("#trl")
    phone.select_option("#kind", "association")
    assert not phone.is_visible("#trl")
