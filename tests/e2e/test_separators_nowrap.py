"""At 390 px a "·" separator never starts a line or stands alone (the investor suggestions' header and card lines)
nor ends one (a walk: "19 left to review ·" with the button wrapped below it), the filters' stretched "Clear"
centres its word as "Filter" does, and in print the agenda's "Tavolo 12" stays on one line."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services.suggestions import rebuild_all
from tests.e2e.conftest import log_in, screenshot
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e
# every "·" in the selected elements: is it on the line of the text before it? (false: it starts a line)
DOTS_GLUED = """(sel) => { const out = [];
  for (const root of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let node;
    const chars = [];  // every visible character in reading order, with its line's top
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (!node.data[i].trim()) continue;
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const rect = r.getClientRects()[0]; if (!rect) continue;
        chars.push([node.data[i], Math.round(rect.top), Math.round(rect.bottom)]);
      }
      // a button or link's box: its text is inside; nothing more to add here
    }
    chars.forEach(([c, top, bottom], i) => {
      if (c !== '·' || i === 0) return;
      const [, ptop, pbottom] = chars[i - 1];
      if (top >= pbottom - 2) out.push(root.innerText.slice(0, 80));  // below the previous character's line
    });
  }
  return out; }"""

# every "·" in the selected elements that is the last visible character of its line
DOTS_ENDING_A_LINE = """(sel) => { const out = [];
  for (const root of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let node;
    const chars = [];
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        if (!node.data[i].trim()) continue;
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const rect = r.getClientRects()[0]; if (rect) chars.push([node.data[i], rect.top, rect.bottom]);
      }
    }
    chars.forEach(([c, top, bottom], i) => {
      if (c === '·' && (i === chars.length - 1 || chars[i + 1][1] >= bottom - 2)) out.push(root.innerText.slice(0, 80));
    });
  }
  return out; }"""


TABLE_LINES = """() => [...document.querySelectorAll('.agenda-table')].map(cell => {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let node;
  while ((node = walker.nextNode()) && !/Tavolo|Table/.test(node.data)) {}
  const range = document.createRange(); range.selectNodeContents(node);
  return [node.data.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.top))).size]; })"""


def _investor_world(live_app) -> None:
    with live_app.app_context():
        fund = make_org(name="Fondo Scienze della Vita Lombardia", kind="investor", city="Milano",
                        seek="dispositivi medici indossabili e diagnostica, medical devices and diagnostics",
                        investor_stages=["seed", "series_a"])
        for i, (name, text) in enumerate((("Wear Start Dispositivi Indossabili", "wearable EEG device diagnostics"),
                                          ("Cardio Monitor Srl", "wearable cardiac monitoring medical device"))):
            make_org(name=name, kind="startup", city="Sesto San Giovanni", offer=text, trl=5,
                     funding_stage="seed", seek="seed investors in medical devices and diagnostics")
        make_user(organisation=fund, email="fund@example.org")
        db.session.commit()
        rebuild_all()


def _investor_suggestions(phone, live_app, language: str, shot: str) -> None:
    base = live_app.config["LIVE_URL"]
    _investor_world(live_app)
    log_in(phone, base, "fund@example.org", language)
    phone.goto(base + "/matches/?kind=investor")
    screenshot(phone, f"{shot}-390-{language}")


@pytest.mark.parametrize("language", ["it", "en"])
def test_no_separator_starts_a_line_on_the_investor_suggestions_at_390(phone, live_app, language):
    _investor_suggestions(phone, live_app, language, "investor-suggestions")
    assert phone.locator("ol.suggestions > li.card").count() >= 1
    assert phone.evaluate(DOTS_GLUED, ".review-summary, .card .meta") == []


@pytest.mark.parametrize("language", ["it", "en"])
def test_no_separator_ends_the_summary_line_and_clear_is_centred_at_390(phone, live_app, language):
    _investor_suggestions(phone, live_app, language, "suggestions-summary")
    assert phone.locator(".review-summary a.button").count() == 1  # something is left to review
    assert phone.evaluate(DOTS_ENDING_A_LINE, ".review-summary") == []
    clear = phone.locator("form.filters a.button")
    assert clear.evaluate("a => getComputedStyle(a).textAlign") == "center"
    box, form = clear.bounding_box(), phone.locator("form.filters").bounding_box()
    assert box["width"] > form["width"] * 0.9  # stretched across the phone, where a left-aligned word looked lost


@pytest.mark.parametrize("language", ["it", "en"])
def test_the_printed_agenda_keeps_the_table_word_and_number_together_at_390(browser, live_app, language):
    from tests.e2e.test_number_and_table_nowrap import _phone_page, _world

    base = live_app.config["LIVE_URL"]
    event_id, _me = _world(live_app)
    context, page = _phone_page(browser, base, 390, "member@example.org", language, f"/events/{event_id}/agenda")
    page.emulate_media(media="print")
    screenshot(page, f"agenda-print-390-{language}")
    labels = page.evaluate(TABLE_LINES)  # each meeting's "Tavolo A": the number of lines it takes
    assert labels and all(text.startswith(("Tavolo", "Table")) for text, _lines in labels), labels
    assert [text for text, lines in labels if lines != 1] == []
    assert page.evaluate(DOTS_GLUED, ".agenda-time") == []
    context.close()
