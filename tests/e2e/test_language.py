"""End-to-end: the header's language switch turns the home page, the directory and the suggestions into Italian,
on a phone and on a desktop screen."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from matchmaker.services.suggestions import rebuild_all
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@pytest.fixture
def partners(live_app):
    """A company whose member has suggested partners with reasons."""
    with live_app.app_context():
        company = Organisation(name="Farmaceutici Brianza", kind="large_company", trl=4,
                               seek="Biomarkers for early diagnosis of glioma")
        company.therapeutic_areas = ["oncology"]
        lab = Organisation(name="Istituto Neurologico Milanese", kind="irccs_hospital", trl=5,
                           offer="Glioma biomarkers discovered in our biobank")
        lab.therapeutic_areas = ["oncology", "neurology"]
        db.session.add_all([company, lab])
        db.session.flush()
        user = User(email="membro@example.org", name="Mario Bianchi", organisation_id=company.id)
        user.set_password(PASSWORD, method="pbkdf2:sha256:1000")
        db.session.add(user)
        db.session.commit()
        rebuild_all()


def open_menu_if_folded(page) -> None:
    if page.locator("label.nav-toggle-label").is_visible():
        page.click("label.nav-toggle-label")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_switching_to_italian_in_the_header(browser, live_app, partners, width, height):
    base = live_app.config["LIVE_URL"]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(base + "/")
        assert page.get_attribute("html", "lang") == "en"
        assert "Find the partners worth a call" in page.inner_text("h1")
        open_menu_if_folded(page)
        page.click(".lang-switch button[value=it]")  # logged out, a plain form: no JavaScript needed
        page.wait_for_selector("html[lang=it]")
        assert "Trova i partner con cui vale la pena parlare" in page.inner_text("h1")
        screenshot(page, f"home-it-{width}")

        open_menu_if_folded(page)
        page.click("nav >> text=Accedi")
        page.fill("#email", "membro@example.org")
        page.fill("#password", PASSWORD)
        page.click("button:has-text('Accedi')")
        assert "Ciao, Mario Bianchi." in page.inner_text(".flash")

        open_menu_if_folded(page)
        page.click("nav >> text=Organizzazioni")
        assert page.inner_text("h1") == "Organizzazioni"
        page.fill("input[name=q]", "oncologia")
        page.click("button:has-text('Filtra')")
        assert "Istituto Neurologico Milanese" in page.inner_text(".cards")
        assert "IRCCS / ospedale" in page.inner_text(".cards")
        screenshot(page, f"directory-it-{width}")

        open_menu_if_folded(page)
        page.click("nav >> text=Partner suggeriti")
        assert page.inner_text("h1") == "Partner suggeriti per Farmaceutici Brianza"
        reasons = page.inner_text(".suggestions")
        assert "Istituto Neurologico Milanese" in reasons and "Entrambe attive in oncologia" in reasons
        assert "Offrono ciò che cerchi: biomarkers (medicina molecolare), glioma (oncologia)" in reasons
        assert "TRL 5 è compatibile" not in reasons  # a hospital's TRL is not compared with a company's
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, f"suggestions-it-{width}")

        # Saved on the account: English again from the switch, and the choice follows the user.
        open_menu_if_folded(page)
        page.click(".lang-switch button[value=en]")
        page.wait_for_selector("html[lang=en]")
        assert page.inner_text("h1") == "Suggested partners for Farmaceutici Brianza"
    finally:
        context.close()


def test_on_a_phone_the_switch_stays_in_the_header_and_login_keeps_the_choice(browser, live_app, partners):
    base = live_app.config["LIVE_URL"]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-GB", is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(base + "/auth/login")
        assert not page.locator("nav.site-nav").is_visible()  # the menu is folded...
        switch = page.locator(".lang-switch button[value=it]")
        assert switch.is_visible()  # ...but the language switch is in the header
        header = page.locator("header.site-header").bounding_box()
        box = switch.bounding_box()
        assert box["y"] + box["height"] <= header["y"] + header["height"] and box["x"] + box["width"] <= 390
        switch.click()
        page.wait_for_selector("html[lang=it]")
        screenshot(page, "login-it-390")
        page.fill("#email", "membro@example.org")
        page.fill("#password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/auth/login" not in url)
        assert page.get_attribute("html", "lang") == "it"
        with live_app.app_context():
            assert db.session.scalars(db.select(User.locale).where(User.email == "membro@example.org")).one() == "it"
    finally:
        context.close()
