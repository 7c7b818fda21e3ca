"""The schedule page after the newcomer walk: a virtual room is named in words (no glyph a font may lack), and the
tables used per slot read as a small table of slot → tables used of those available."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.helpers import login, make_user
from tests.integration.events.builders import schedule_now, small_event


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


def test_tables_used_per_slot_is_a_table_of_slot_and_use(app, client):
    organiser = make_user(role="organiser")
    event, *_ = small_event(organiser=organiser, tables=2)
    schedule_now(event)
    used = db.session.get(Event, event.id).report["tables_used_per_slot"]
    assert len(used) == 6 and sum(used) == 3
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert f"Tables used per slot: at most {max(used)} of 2" in page  # the summary; the list unfolds
    use = page[page.index('id="slot-use"'):]
    use = use[:use.index("</table>")]
    assert use.count('<tr class="day-start">') == 1  # one day: its name once, above its slots
    use = re.sub(r'<tr class="day-start">.*?</tr>', "", use, flags=re.S)
    cells = [_text(c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", use, re.S)]
    assert cells[:2] == ["Slot", "Tables used"]
    assert cells[2] == "1 · 09:00" and cells[3] == f"{used[0]} of 2"
    assert cells[-2] == "6 · 14:40" and cells[-1] == f"{used[5]} of 2"
    assert len(cells) == 2 + 2 * 6
