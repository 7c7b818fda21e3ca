"""End-to-end: the organisers' badge sheet at 1280 px (every participant's badge with its QR code, only our own
files, and on paper two columns of four 95 × 69 mm badges to an A4 page), then a badge's QR address opened on an
organiser's phone (390 px) that is not logged in yet: the login leads back to "Check in …?", one tap checks in."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import CheckIn, EventParticipant
from matchmaker.services import events_badges, events_day
from tests.e2e.conftest import screenshot
from tests.helpers import PASSWORD, make_org, make_user
from tests.integration.events.builders import small_event
from tests.integration.events.day_builders import rome

pytestmark = pytest.mark.e2e
MM = 96 / 25.4  # CSS pixels per millimetre


def test_badge_sheet_and_qr_check_in(browser, phone, live_app, monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))
    with live_app.app_context():
        organiser = make_user(role="organiser", email="desk@example.org")
        event, people, _ = small_event(people=10, pairs=(), organiser=organiser)
        people[3].name = "Giulia Bianchi-Santamaria"
        people[3].organisation_id = make_org(name="Fondazione IRCCS Istituto Neurologico Carlo Besta").id
        people[9].cancelled = True
        db.session.commit()
        event_id, person_id = event.id, people[3].id
        scan = f"/events/{event.id}/badges/{events_badges.token_for(people[3])}"
        db.session.remove()
    base = live_app.config["LIVE_URL"]

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    sheet = desk.new_page()
    requested = []
    sheet.on("request", lambda request: requested.append(request.url))
    sheet.goto(base + "/auth/login")
    sheet.fill("#email", "desk@example.org")
    sheet.fill("#password", PASSWORD)
    sheet.click("main button[type=submit]")
    sheet.wait_for_url(lambda url: "/auth/login" not in url)
    sheet.goto(f"{base}/events/{event_id}/")
    sheet.click("#nav-badges")
    sheet.wait_for_url(lambda url: url.endswith(f"/events/{event_id}/badges"))
    screenshot(sheet, "badges-1280")
    assert sheet.locator("article.name-badge").count() == 9
    assert sheet.locator("article.name-badge svg.qr-code").count() == 9
    assert sheet.locator("section.badge-sheet").count() == 2
    badge = sheet.locator(f"#badge-{person_id}")
    assert "Giulia Bianchi-Santamaria" in badge.inner_text() and "Carlo Besta" in badge.inner_text()
    assert sheet.locator("#print-badges").is_visible()  # the script ran under the CSP
    assert sheet.evaluate("document.scrollingElement.scrollWidth") <= 1280
    assert all(url.startswith(base) for url in requested)  # no CDN
    sheet.emulate_media(media="print")
    screenshot(sheet, "badges-print")
    boxes = [sheet.locator("section.badge-sheet").first.locator("article.name-badge").nth(i).bounding_box()
             for i in range(8)]
    assert {round(b["width"] / MM) for b in boxes} == {95} and {round(b["height"] / MM) for b in boxes} == {69}
    assert len({round(b["x"]) for b in boxes}) == 2 and len({round(b["y"]) for b in boxes}) == 4
    qr = badge.locator("svg.qr-code").bounding_box()
    assert qr["width"] >= 28 * MM  # big enough to scan from a badge
    assert not sheet.locator(".site-header").is_visible() and not sheet.locator(".badges-filter").is_visible()
    pdf = sheet.pdf(prefer_css_page_size=True)  # Chromium's own print: nine badges make two A4 pages
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    sizes = {tuple(round(float(n)) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)}
    assert len(pages) == 2 and sizes == {(595, 842)}  # A4 in points
    desk.close()

    phone.goto(base + scan)  # the phone's camera opened the badge's address
    phone.wait_for_url(lambda url: "/auth/login" in url)
    phone.fill("#email", "desk@example.org")
    phone.fill("#password", PASSWORD)
    phone.click("main button[type=submit]")
    phone.wait_for_url(lambda url: url.endswith(scan))
    screenshot(phone, "badge-scan-390")
    heading = phone.locator("h1").inner_text()
    assert heading == "Check in Giulia Bianchi-Santamaria (Fondazione IRCCS Istituto Neurologico Carlo Besta)?"
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 391
    button = phone.locator("#scan-confirm")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["y"] + box["height"] < 844  # on the first screen, easy to tap
    button.click()
    phone.wait_for_url(lambda url: url.endswith(scan))
    assert "Giulia Bianchi-Santamaria has arrived." in phone.locator("main").inner_text()
    assert "Arrival recorded at" in phone.locator("#scan-state").inner_text()
    assert not phone.console_errors and all(url.startswith(base) for url in phone.requested)
    screenshot(phone, "badge-scan-done-390")
    with live_app.app_context():
        rows = db.session.scalars(db.select(CheckIn)).all()
        assert [r.participant_id for r in rows] == [person_id]
        assert db.session.get(EventParticipant, person_id).event_id == event_id
