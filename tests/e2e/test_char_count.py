"""A long text box says how much room is left near its limit, and says so when the browser cut a paste at the limit
(the "Who we are" box holds 5,000 characters; before, a longer paste was cut without a word)."""
from __future__ import annotations

import pytest

from tests.e2e.conftest import open_own_profile_form, screenshot

pytestmark = pytest.mark.e2e

PASTE = """(box, text) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  box.focus();
  box.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
  const max = parseInt(box.getAttribute("maxlength"), 10);
  box.value = (box.value + text).slice(0, max);  /* what the browser's own paste keeps */
  box.dispatchEvent(new Event("input", {bubbles: true}));
}"""


def test_the_description_box_counts_near_its_limit_and_tells_of_a_cut_paste(phone, live_app):
    open_own_profile_form(phone, live_app, "Counted Lab", "university", "count@lab.example", "it")
    box = phone.locator("textarea#description")
    line = phone.locator("#description-count")
    assert box.get_attribute("maxlength") == "5000" and line.inner_text() == ""  # nothing to say yet
    box.fill("a" * 4200)
    assert line.inner_text() == "4200 di 5000 caratteri"  # Italian groups from five digits (CLDR), as Babel does
    box.fill("")
    box.evaluate(PASTE, "b" * 6000)
    assert box.input_value() == "b" * 5000
    assert "incollato" in line.inner_text() and line.inner_text().count("5000") == 2 and "{" not in line.inner_text()
    screenshot(phone, "description-paste-cut")
    box.press("Backspace")
    assert line.inner_text() == "4999 di 5000 caratteri"  # room again: the warning goes
