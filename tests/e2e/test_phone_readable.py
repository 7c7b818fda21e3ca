"""End-to-end on a phone (390 px): the dashboard's "0% complete" stays on one line and the insight chart's labels
are text of a readable size (not an SVG scaled down to ~7 px)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services import review
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e


def test_completeness_line_and_insight_labels(phone, live_app):
    with live_app.app_context():
        acme = make_org(name="BioFarma Lombarda S.r.l.", kind="sme")
        make_user(organisation=acme, email="luca@biofarma.example")
        make_user(role="organiser", email="giulia@cluster.example")
        lab = make_org(name="Liver Lab", kind="university")
        review.give_feedback(acme, lab, "tech-transfer", "decline", None, "already_in_contact")
        db.session.remove()
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "luca@biofarma.example", "it")
    phone.goto(base + "/")
    line = phone.locator(".completeness-line strong")
    size = float(line.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"
                               " || parseFloat(getComputedStyle(e).fontSize) * 1.6"))
    assert line.bounding_box()["height"] <= size * 1.2  # one line
    screenshot(phone, "phone-dashboard-completeness")
    phone.context.clear_cookies()
    log_in(phone, base, "giulia@cluster.example", "it")
    phone.goto(base + "/matches/insight")
    label = phone.locator(".bar-chart .bar-label").first
    assert label.inner_text().strip()
    assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 14
    assert phone.locator(".bar-chart").first.bounding_box()["width"] <= 390
    screenshot(phone, "phone-insight")
