"""End-to-end: a refused profile form's "Go to …" link at the top brings the field into view with its label above
it (not the box flush with the top edge and its label just off screen), on a phone."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import open_own_profile_form

pytestmark = pytest.mark.e2e


def test_the_link_to_the_first_field_to_correct_shows_its_label(phone, live_app):
    open_own_profile_form(phone, live_app, "Acme RNA", "startup", "ada@acme.example")
    phone.fill("#website", "acme rna")
    phone.click("button:has-text('Save profile')")
    phone.wait_for_selector("#first-error-link")
    phone.click("#first-error-link")
    phone.wait_for_function("window.scrollY > 0")
    label_top = phone.evaluate("document.querySelector('label[for=website]').getBoundingClientRect().top")
    field_top = phone.evaluate("document.getElementById('website').getBoundingClientRect().top")
    assert 0 <= label_top < field_top, (label_top, field_top)
