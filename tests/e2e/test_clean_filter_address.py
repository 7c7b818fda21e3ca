"""Search and filter forms leave their empty fields out of the address (a walk found "?q=&partner_kind=&sector=
&area=&region=&country=..." after choosing one filter), and the filtered page is the same as with them."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.e2e.conftest import log_in
from tests.e2e.test_review import populate

pytestmark = pytest.mark.e2e


def _asked(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def test_the_suggestions_and_directory_filters_put_only_what_was_chosen_in_the_address(browser, live_app):
    base = live_app.config["LIVE_URL"]
    populate(live_app)
    page = browser.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "tto@liverlab.example", "en")

    page.goto(base + "/matches/")
    form = page.locator("form.filters")
    assert form.locator("select").count() >= 5  # several filters left at "any"
    form.locator("input[name=q]").fill("organoid")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    asked = _asked(page.url)
    assert asked and all(value for _name, value in asked), page.url
    assert ("q", "organoid") in asked
    assert page.locator("form.filters input[name=q]").input_value() == "organoid"
    filtered = page.locator("main").inner_text()
    page.goto(base + "/matches/?" + "&".join(
        f"{s.get_attribute('name')}=" for s in form.locator("select").all()) + "&q=organoid")
    assert page.locator("main").inner_text() == filtered  # empty fields and absent ones read alike

    page.goto(base + "/profiles/")
    form = page.locator("form.filters")
    form.locator("input[name=q]").fill("  liver ")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert _asked(page.url) == [("q", "liver")], page.url  # the words trimmed too
    assert "Liver Lab" in page.locator("main").inner_text()
    form.locator("input[name=q]").fill(" ")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url == base + "/profiles/", page.url  # nothing asked: the list's own address, not "/profiles/?"
    page.close()
