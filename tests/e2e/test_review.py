"""End-to-end: a researcher works through the review queue; two organisations connect and see each other's contacts."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from matchmaker.services.suggestions import rebuild_all
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
COMPANIES = [("Acme Organoids", "liver organoid models for drug toxicology screening", "bd@acme.example"),
             ("Beta Tox", "toxicology assays on liver organoids and hepatocytes", "info@betatox.example"),
             ("Gamma Devices", "organoid imaging devices for liver research", "hello@gamma.example")]


def populate(live_app) -> None:
    with live_app.app_context():
        lab = Organisation(name="Liver Lab", kind="university", country="IT", offer="Liver organoid models, "
                           "toxicology assays and hepatocyte research", contact_email="pi@liverlab.example")
        db.session.add(lab)
        for name, seek, email in COMPANIES:
            db.session.add(Organisation(name=name, kind="sme", country="IT", seek=seek, offer=seek,
                                        contact_email=email))
        db.session.flush()
        for email, org in (("tto@liverlab.example", lab), ("giulia@acme.example", None)):
            org = org or db.session.execute(db.select(Organisation).filter_by(name="Acme Organoids")).scalar_one()
            user = User(email=email, name=email.split("@")[0].title(), role="member", organisation_id=org.id)
            user.set_password(PASSWORD, method="pbkdf2:sha256:1000")
            db.session.add(user)
        db.session.commit()
        rebuild_all()


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")


def left(page) -> int:
    return int(re.match(r"\d+", page.inner_text("#left-count")).group())


def test_researcher_reviews_the_queue_and_two_organisations_connect(browser, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    researcher = browser.new_context().new_page()
    researcher.set_default_timeout(10_000)
    log_in(researcher, base, "tto@liverlab.example")
    assert "Suggestions to review" in researcher.inner_text("main")  # the home is a dashboard
    researcher.goto(base + "/matches/review")
    start = left(researcher)
    assert start == 3
    first = researcher.inner_text("#queue-item h2")
    screenshot(researcher, "review-queue")

    # Keyboard: N skips to the next, I says interested in the one on screen.
    researcher.wait_for_load_state("load")
    researcher.keyboard.press("n")
    researcher.wait_for_url("**skip=1**")
    second = researcher.inner_text("#queue-item h2")
    assert second != first and left(researcher) == start
    researcher.wait_for_load_state("load")
    researcher.keyboard.press("i")
    researcher.wait_for_selector(f"text=You said you are interested in {second}")
    assert left(researcher) == start - 1

    # D opens the decline form with its reasons; the declined partner leaves the list.
    researcher.wait_for_load_state("load")  # the page's keyboard script is bound (a busy machine loads it late)
    researcher.keyboard.press("d")
    declined = researcher.inner_text("#queue-item h2")
    researcher.select_option("#queue-item select[name=reason]", "too_early")
    researcher.click("#queue-item button:has-text('Decline')")
    researcher.wait_for_selector(f"text={declined} declined")
    assert left(researcher) == start - 2
    researcher.goto(base + "/matches/")
    cards = researcher.inner_text("ol.suggestions")
    assert declined not in cards and second in cards

    # Acme's contacts are private until both sides are interested.
    acme = "Acme Organoids"
    researcher.goto(base + "/matches/review")
    if researcher.inner_text("#queue-item h2") == acme:
        researcher.keyboard.press("i")
    elif second != acme:
        pytest.fail("Acme Organoids should still be in the queue or already marked interested")
    assert "bd@acme.example" not in researcher.content()

    company = browser.new_context().new_page()
    company.set_default_timeout(10_000)
    log_in(company, base, "giulia@acme.example")
    assert "Liver Lab" in company.inner_text("main")  # "Interested in you" on the dashboard
    company.click("text=Liver Lab")
    assert "pi@liverlab.example" not in company.content()
    assert "They are interested in you" in company.inner_text("main")
    company.click("#interest-form button:has-text('Interested')")
    company.wait_for_selector("text=You and Liver Lab are now connected")
    assert "pi@liverlab.example" in company.inner_text("#contact")
    screenshot(company, "connected-profile")

    researcher.goto(base + "/matches/connections")
    assert "bd@acme.example" in researcher.inner_text("ul.connections")
    assert researcher.locator(".site-nav").inner_text().count("Connections") == 1
