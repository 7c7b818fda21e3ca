"""End-to-end: an organiser runs an event in the browser; two participants register and request each other; the
organiser schedules, publishes and moves the meeting; the participant's agenda and iCal feed follow."""
from __future__ import annotations

import icalendar
import pytest

from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def _account(live_app, email: str, role: str = "member", organisation: str | None = None) -> None:
    with live_app.app_context():
        user = User(email=email, name=email.split("@")[0].title(), role=role)
        if organisation:
            org = Organisation(name=organisation, kind="sme", country="IT", city="Milano", region="Lombardia")
            db.session.add(org)
            db.session.flush()
            user.organisation_id = org.id
        user.set_password(PASSWORD, method="pbkdf2:sha256:1000")
        db.session.add(user)
        db.session.commit()


def _log_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(lambda url: "/auth/login" not in url)


def _feed(page) -> dict:
    url = page.text_content("#ical-url").strip()  # inside the folded "Calendar address" disclosure
    body = page.request.get(url).body()
    return {str(e["uid"]): (int(e["sequence"]), e.decoded("dtstart"), str(e["status"]))
            for e in icalendar.Calendar.from_ical(body).walk("VEVENT")}


def test_organiser_runs_an_event_and_participants_follow(browser, phone, live_app):
    base = live_app.config["LIVE_URL"]
    _account(live_app, "anna@example.org", role="organiser")
    _account(live_app, "marco@example.org", organisation="Brianza Biotech")
    _account(live_app, "sara@example.org", organisation="Istituto Milanese")
    desk = browser.new_context(viewport={"width": 1366, "height": 900})
    organiser = desk.new_page()
    organiser.set_default_timeout(20_000)
    _log_in(organiser, base, "anna@example.org")

    organiser.goto(base + "/events/new")
    organiser.fill("#name", "BioMed partnering day")
    organiser.fill("#first_day", "2027-03-10")
    organiser.fill("#am_start", "09:00")
    organiser.fill("#am_end", "10:00")
    organiser.fill("#pm_start", "14:00")
    organiser.fill("#pm_end", "15:00")
    organiser.fill("#tables", "2")
    organiser.click("main button[type=submit]")
    organiser.wait_for_selector("text=Event created with 6 slots and 2 tables.")
    organiser.select_option("#status", "requests")
    organiser.click("main form.form button[type=submit]")
    organiser.wait_for_selector("text=Event saved.")
    event_url = organiser.url.rsplit("/manage", 1)[0]

    other_desk = browser.new_context(viewport={"width": 1366, "height": 900})
    sara = other_desk.new_page()
    _log_in(sara, base, "sara@example.org")
    _log_in(phone, base, "marco@example.org")
    for page in (phone, sara):
        page.goto(event_url + "/")
        page.click("#register")
        page.wait_for_selector("text=You are registered")
    phone.goto(event_url + "/suggestions")
    card = phone.locator("#all-participants li.card", has_text="Sara")
    card.locator("input[name=message]").fill("Shall we talk about biomarkers?")
    card.locator("button[type=submit]").click()
    phone.wait_for_selector("text=Request sent to")
    sara.goto(event_url + "/suggestions")  # Marco asked first: Sara accepts his request (a plain acceptance)
    card = sara.locator("#all-participants li.card", has_text="Marco")
    assert "has asked you for a meeting" in card.inner_text()
    assert "Shall we talk about biomarkers?" in card.inner_text()
    card.locator("button[type=submit]").click()
    sara.wait_for_selector("text=You accepted Marco")
    phone.goto(event_url + "/my-requests")
    assert "accepted" in phone.inner_text("main") and "mutual" not in phone.inner_text("main")
    screenshot(phone, "event-requests")

    organiser.goto(event_url + "/schedule")
    organiser.fill("input[name=time_limit]", "2")
    organiser.click("#run-schedule")
    organiser.wait_for_selector("#placed")
    assert "1 of 1 meeting placed" in organiser.inner_text("#placed")
    organiser.click("#publish")  # requests are still open: the disclosure says what publishing ends
    assert "participants can no longer request meetings" in organiser.inner_text("#publish-confirm")
    organiser.click("#publish-confirmed")
    organiser.wait_for_selector("text=Agenda published")
    screenshot(organiser, "event-schedule")

    phone.goto(event_url + "/agenda")
    assert phone.locator(".agenda-item").count() == 1 and "Sara" in phone.inner_text(".agenda-item")
    before = _feed(phone)
    (uid, (sequence, start, status)), = before.items()
    assert status == "CONFIRMED"
    screenshot(phone, "event-agenda")

    # the organiser moves the meeting to another slot: the agenda and the calendar entry follow
    meeting = organiser.locator(".agenda-grid td.busy b").first.inner_text()
    current = organiser.locator(".agenda-grid td.busy").first
    column = current.evaluate("cell => cell.cellIndex") - 1
    organiser.fill("#change-form input[name=meeting]", meeting)
    organiser.select_option("#change-form select[name=slot]", str((column + 1) % 6))
    organiser.click("#change-form button[value=move]")
    organiser.wait_for_selector("text=Agenda changed and published at once; notified:")
    phone.goto(event_url + "/agenda")
    after = _feed(phone)
    assert list(after) == [uid]
    assert after[uid][0] > sequence and after[uid][1] != start and after[uid][2] == "CONFIRMED"
    desk.close()
    other_desk.close()
