"""The schedule grid on a phone (390 px): scrolled sideways, the sticky first column (table names) and its header
stay on top with an opaque background: no cell's text shows through them."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_event_layout import _world

pytestmark = pytest.mark.e2e

TOPMOST = """([selector, dx]) => {
  const cell = document.querySelector(selector);
  const box = cell.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + box.width - dx, box.top + box.height / 2);
  if (hit !== null && hit.closest('th, td') === cell) return true;
  return [box.left, box.top, box.width, box.height, hit && hit.outerHTML.slice(0, 80)].join(' ');  // what is there
}"""
EDGES = """(selector) => {
  const cell = document.querySelector(selector);
  const box = cell.getBoundingClientRect();
  const points = [[box.right - 0.5, box.top + 0.5], [box.right - 0.5, box.bottom - 0.5],
                  [box.left + 0.5, box.top + box.height / 2], [box.right - 0.5, box.top + box.height / 2]];
  const wrong = points.filter(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return hit === null || hit.closest('th, td') === null || hit.closest('th, td').tagName === 'TD';  // scrolled
  });
  return wrong.length === 0 ? true : JSON.stringify(wrong.map(([x, y]) => {
    const hit = document.elementFromPoint(x, y);
    return [x, y, hit && hit.outerHTML.slice(0, 60)];
  }));
}"""
STYLE = """(selector) => {
  const style = getComputedStyle(document.querySelector(selector));
  return [style.backgroundColor, style.zIndex, style.position];
}"""


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_sticky_first_column_hides_what_scrolls_under_it(browser, live_app, language):
    base = live_app.config["LIVE_URL"]
    event_id = _world(live_app)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    log_in(page, base, "organiser@example.org", language)
    page.goto(f"{base}/events/{event_id}/schedule")
    grid = page.locator(".grid-scroll")
    grid.evaluate("el => { window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80); "
                  "el.scrollLeft = 250; }")
    page.wait_for_timeout(100)
    assert grid.evaluate("el => el.scrollLeft") > 0, "the grid does not scroll sideways at 390 px"
    for selector in (".agenda-grid tbody tr:first-child th", ".agenda-grid thead th:first-child"):
        background, z_index, position = page.evaluate(STYLE, selector)
        assert position == "sticky" and z_index not in ("auto", "0"), (selector, z_index, position)
        assert background.startswith("rgb(") or background.endswith(", 1)"), (selector, background)  # opaque
        for dx in (2, 12):  # near the column's right edge, where scrolled cells pass under it
            on_top = page.evaluate(TOPMOST, [selector, dx])
            assert on_top is True, (selector, dx, on_top)  # the cell itself is on top there
    for selector in (".agenda-grid tbody tr:first-child th", ".agenda-grid tbody tr:nth-child(2) th",
                     ".agenda-grid thead th:first-child"):
        edges = page.evaluate(EDGES, selector)  # its very edge pixels too: no sliver of a scrolled cell
        assert edges is True, (selector, edges)
    screenshot(page, f"event-grid-scrolled-390-{language}")  # (a full-page shot moves the page: taken last)
    context.close()
