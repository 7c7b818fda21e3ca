"""The main tables at 390 and 1280 px: a header word or a number never breaks inside ("Direzion / e", "4 / 2": the
body's overflow-wrap: anywhere let a squeezed column do it), and no page is wider than the screen (long addresses
and unbroken names still break, where they are)."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.services.audit import record
from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_number_and_table_nowrap import _world
from tests.helpers import make_org, make_user

pytestmark = pytest.mark.e2e
# Words of table headers and cells (at most 20 characters: a long token may break) that sit on more than one line.
BROKEN_WORDS = """() => { const out = [];
  for (const cell of document.querySelectorAll('main th, main td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let node;
    while ((node = walker.nextNode())) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        if (m[0].length > 20 || m[0].includes('@')) continue;
        const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
        if (tops.size > 1) out.push(m[0]);
      }
    }
  }
  return out; }"""


def _pages(live_app) -> list[str]:
    event_id, _me = _world(live_app)
    with live_app.app_context():
        admin = make_user(role="admin", email="admin@example.org")
        for i in range(3):
            make_user(email=f"direzione.scientifica.sperimentazioni.cliniche{i}@fondazione-irccs-policlinico.example",
                      name=f"Maria Giovanna Bernasconi-Castiglioni {i}",
                      organisation_id=make_org(name=f"Istituto di Ricerche Farmacologiche Mario Negri {i}").id)
        record(admin, "role_changed", "direzione.scientifica.sperimentazioni.cliniche0@fondazione-irccs-policlinico"
               ".example", role="organiser")
        db.session.commit()
    return [f"/events/{event_id}/schedule", f"/events/{event_id}/participants", f"/events/{event_id}/requests",
            "/admin/users", "/admin/audit"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["it", "en"])
def test_table_words_stay_whole_and_pages_fit(browser, live_app, width, language):
    base = live_app.config["LIVE_URL"]
    paths = _pages(live_app)
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 720)
    page = context.new_page()
    page.set_default_timeout(20_000)
    broken, wide = {}, {}
    for email, wanted in (("organiser@example.org", paths[:3]), ("admin@example.org", paths[3:])):
        context.clear_cookies()
        log_in(page, base, email, language)
        for path in wanted:
            page.goto(base + path)
            name = path.strip("/").replace("/", "-")
            screenshot(page, f"tables-{name}-{width}-{language}")
            if words := page.evaluate(BROKEN_WORDS):
                broken[path] = words
            if (scroll := page.evaluate("document.scrollingElement.scrollWidth")) > width + 1:
                wide[path] = scroll
    context.close()
    assert broken == {} and wide == {}, (broken, wide)
