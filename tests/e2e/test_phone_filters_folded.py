"""On a phone the suggestions and the directory show the search and the state; the other filters fold behind "More
filters" (eight boxes filled the first screen before the first suggestion), open when one of them is in use; on a
desk every filter shows and the toggle does not."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_review import log_in, populate

pytestmark = pytest.mark.e2e


def _shown(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.name)")


def test_filters_fold_on_a_phone_and_not_on_a_desk(browser, phone, live_app):
    populate(live_app)
    base = live_app.config["LIVE_URL"]
    log_in(phone, base, "tto@liverlab.example")
    phone.goto(base + "/matches/")
    screenshot(phone, "matches-filters-folded-390")
    assert _shown(phone, ".filters select") == ["state"]
    first_card = phone.locator("ol.suggestions > li.card").first.bounding_box()
    assert first_card is not None and first_card["y"] < 844, first_card  # a suggestion on the first screen
    phone.locator("label[for=more-filters]").click()
    assert {"partner_kind", "sector", "area", "region", "country", "trl_min", "trl_max"} <= set(
        _shown(phone, ".filters select"))
    phone.select_option("select[name=trl_min]", "3")
    phone.locator(".filters button[type=submit]").click()
    phone.wait_for_load_state()
    assert "trl_min=3" in phone.url and "more-filters" not in phone.url  # the toggle is not a parameter
    assert "trl_min" in _shown(phone, ".filters select")  # a filter in use: open at once
    phone.goto(base + "/profiles/")
    assert _shown(phone, ".filters select") == []
    phone.locator("label[for=more-filters]").click()
    assert {"kind", "sector", "region", "country", "order"} <= set(_shown(phone, ".filters select"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = context.new_page()
    log_in(desk, base, "tto@liverlab.example")
    desk.goto(base + "/matches/")
    assert len(_shown(desk, ".filters select")) >= 8 and not desk.locator("label[for=more-filters]").is_visible()
    context.close()
