"""The suggested-partners filters on a desk: every select is as wide as its longest option, so none is cut off
("Any kir", "Tutte le")."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_review import populate

pytestmark = pytest.mark.e2e
# Each select's width and the width its longest option's text needs in the select's own font.
MEASURE = """[...document.querySelectorAll('.filters select')].map(s => {
  const ctx = document.createElement('canvas').getContext('2d'); ctx.font = getComputedStyle(s).font;
  return [s.name, s.clientWidth, Math.max(...[...s.options].map(o => ctx.measureText(o.text).width))]; })"""


@pytest.mark.parametrize("language", ["en", "it"])
def test_filter_selects_show_their_options_whole_at_1280(browser, live_app, language):
    base = live_app.config["LIVE_URL"]
    populate(live_app)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "tto@liverlab.example", language)
    page.goto(base + "/matches/")
    screenshot(page, f"matches-filters-1280-{language}")
    widths = page.evaluate(MEASURE)
    assert len(widths) >= 8
    cut = [(name, width, round(needed)) for name, width, needed in widths if width < needed + 20]  # + the arrow
    assert not cut, cut
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 1281
    context.close()
