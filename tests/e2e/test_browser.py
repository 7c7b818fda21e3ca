"""End-to-end: a person registers, writes a profile, finds it in the directory; an organiser imports a file."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services import accounts
from tests.e2e.conftest import screenshot

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_register_write_profile_and_find_it_on_a_phone(phone, live_app):
    base = live_app.config["LIVE_URL"]
    phone.goto(base + "/auth/register")
    phone.fill("#name", "Giulia Rossi")
    phone.fill("#email", "giulia@acme.example")
    phone.fill("#organisation_name", "Acme RNA Therapeutics")
    phone.select_option("#kind", "startup")
    phone.fill("#password", PASSWORD)
    phone.fill("#confirm", PASSWORD)
    phone.check("#privacy")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("text=Check your mail")
    with live_app.app_context():  # the link of the confirmation mail
        token = accounts.confirmation_token(accounts.find_user("giulia@acme.example"))
    phone.goto(f"{base}/auth/confirm/{token}")
    phone.wait_for_url("**/profiles/*/edit")
    assert no_horizontal_scroll(phone)

    # A form error keeps everything that was typed.
    phone.fill("#offer", "Piattaforma di siRNA con nanoparticelle lipidiche")
    phone.select_option("#country", "IT")  # a select of country names: only the website is wrong
    phone.fill("#website", "acme rna")
    phone.check("input[name=sectors][value=biotech]")
    phone.check("input[name=therapeutic_areas][value=rare_diseases]")
    phone.click("button:has-text('Save profile')")
    phone.wait_for_selector(".has-error")  # the answer's page, not the one the click left (slow under load)
    assert phone.locator(".has-error").count() == 1
    assert phone.input_value("#offer") == "Piattaforma di siRNA con nanoparticelle lipidiche"
    assert phone.is_checked("input[name=sectors][value=biotech]")
    screenshot(phone, "profile-form-error")

    assert phone.input_value("#country") == "IT"
    phone.fill("#website", "acme-rna.example")
    phone.click("button:has-text('Save profile')")
    phone.wait_for_selector("text=Profile saved.")
    assert "Piattaforma di siRNA" in phone.inner_text("article.profile")
    screenshot(phone, "profile-page")

    # Suggestions are refreshed on save; the page renders on a phone (nobody else to match here yet).
    phone.click("label.nav-toggle-label")
    phone.click("nav >> text=Suggested partners")
    assert "Suggested partners for Acme RNA Therapeutics" in phone.inner_text("h1")
    assert no_horizontal_scroll(phone)

    # The menu folds away on a phone; open it and go to the directory.
    phone.click("label.nav-toggle-label")
    phone.click("nav >> text=Directory")
    assert not phone.locator("select[name=sector]").is_visible()  # folded behind "More filters" on a phone
    phone.click("label[for=more-filters]")
    phone.select_option("select[name=sector]", "biotech")
    phone.click("button:has-text('Filter')")
    assert phone.inner_text("#result-count") == "1 organisation"
    assert phone.locator(".card h2").inner_text() == "Acme RNA Therapeutics"
    assert no_horizontal_scroll(phone)
    screenshot(phone, "directory")

    # Everything came from our own server: the UI works offline.
    assert phone.requested and all(url.startswith(base) or url.startswith("data:") for url in phone.requested)


def log_in_as_organiser(phone, live_app, email: str) -> str:
    """Create an organiser, log in through the form in the browser; returns the server's base URL."""
    base = live_app.config["LIVE_URL"]
    with live_app.app_context():
        organiser = User(email=email, name="Organiser", role="organiser")
        organiser.set_password(PASSWORD, method="pbkdf2:sha256:1000")
        db.session.add(organiser)
        db.session.commit()
    phone.goto(base + "/auth/login")
    phone.fill("#email", email)
    phone.fill("#password", PASSWORD)
    phone.click("main button[type=submit]")
    return base


def test_organiser_imports_a_csv_and_sees_bad_lines(phone, live_app, tmp_path):
    csv_path = tmp_path / "orgs.csv"
    csv_path.write_text("external_id,name,kind,trl\nA1,Alpha Pharma,large company,5\nA2,,sme,\nA3,Gamma,sme,11\n")
    base = log_in_as_organiser(phone, live_app, "org@example.org")
    phone.goto(base + "/imports/")
    phone.set_input_files("#file", str(csv_path))
    phone.check("input[name=mode][value=all]")
    phone.click("button:has-text('Import')")
    report = phone.inner_text("#import-report")
    assert "Nothing imported" in report and "3" in report and "4" in report
    phone.set_input_files("#file", str(csv_path))
    phone.check("input[name=mode][value=good]")
    phone.click("button:has-text('Import')")
    assert "1 created" in phone.inner_text("#import-report")
    screenshot(phone, "import-report")


def test_a_big_import_runs_as_a_job_followed_on_the_import_and_jobs_pages(phone, live_app, tmp_path):
    rows = "".join(f"B{i},Bulk {i},university,organoid platform {i}\n" for i in range(30))
    csv_path = tmp_path / "big.csv"
    csv_path.write_text("external_id,name,kind,offer\n" + rows)
    base = log_in_as_organiser(phone, live_app, "jobs@example.org")
    phone.goto(base + "/imports/")
    phone.set_input_files("#file", str(csv_path))
    phone.click("button:has-text('Import')")
    phone.wait_for_url("**/imports/?job=*")
    job = phone.inner_text("section.job")
    assert "Done" in job and "30 of 30 rows" in job and "30 created" in phone.inner_text("#import-report")
    assert no_horizontal_scroll(phone)
    screenshot(phone, "import-job")
    phone.goto(base + "/jobs/")
    jobs = phone.inner_text("table.jobs-table")
    assert "Organisations import" in jobs and "big.csv" in jobs
    screenshot(phone, "jobs-page")
