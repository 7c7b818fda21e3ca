"""The schedule page after the newcomer walk: a virtual room is named in words (no glyph a font may lack), and the
tables used per slot read as a small table of slot → tables used of those available."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_virtual_room_is_marked_in_words_in_both_languages(app, client):
    organiser = make_user(role="organiser")
    event, *_ = small_event(organiser=organiser, tables=3)
    event.tables[2].virtual, event.tables[2].link = True, "https://meet.example.org/x"
    db.session.commit()
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "⧉" not in page
    rows = re.findall(r"<tr><th>(.*?)</th>", page[page.index('class="agenda-grid"'):], re.S)
    assert [_text(r).strip() for r in rows][-3:] == ["T1", "T2", "T3 virtual"]
    organiser = db.session.get(type(organiser), organiser.id)
    organiser.locale = "it"
    db.session.commit()
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "T3 virtuale" in _text(page[page.index('class="agenda-grid"'):])
