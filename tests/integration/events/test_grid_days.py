"""The schedule grid of a multi-day event says each column's day (the walk: "1 / 09:00" … "21 / 09:00" with no
date, Saturday and Sunday not told apart), in the reader's language."""
from __future__ import annotations

import re
from datetime import date

from matchmaker.services.events_import import create_event
from tests.helpers import login, make_user


def _two_days(organiser):
    from matchmaker.extensions import db

    event = create_event("Weekend", "Europe/Rome", [date(2027, 3, 27), date(2027, 3, 28)],
                         [("am", "09:00", "10:00")], 20, [], [("T1", False, "")], organiser_id=organiser.id)
    db.session.commit()
    return event


def _headers(page: str) -> list[str]:
    head = page.split('class="agenda-grid"', 1)[1].split("</thead>", 1)[0]
    return [re.sub(r"<[^>]+>", " ", cell).split() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head)]


def test_each_grid_column_says_its_day_in_english_and_italian(app, client):
    organiser = make_user(role="organiser")
    event = _two_days(organiser)
    login(client, organiser)
    headers = _headers(client.get(f"/events/{event.id}/schedule").get_data(as_text=True))
    # the weekend of the summer-time switch: each day names its zone's abbreviation (test_zone_per_day_dst)
    assert headers[1] == ["Sat", "27", "Mar", "(CET)", "1", "·", "09:00"]
    assert headers[4] == ["Sun", "28", "Mar", "(CEST)", "4", "·", "09:00"]
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert page.count('class="day-start"') == 2
    organiser.locale = "it"
    from matchmaker.extensions import db

    db.session.commit()
    headers = _headers(client.get(f"/events/{event.id}/schedule").get_data(as_text=True))
    assert headers[1][:3] == ["sab", "27", "mar"] and headers[4][:3] == ["dom", "28", "mar"]
