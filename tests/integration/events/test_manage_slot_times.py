"""The manage page lists the slots' times (the walk: "9 time slots" and never which), day by day in the event's
time zone."""
from __future__ import annotations

from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


def test_the_manage_page_lists_each_slot_by_day_with_start_and_end(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=())  # 2027-03-10: 09:00-10:00, 14:00-15:00
    login(client, organiser)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    listed = page.split('id="slot-list"', 1)[1].split("</details>", 1)[0]
    assert "Mar 10, 2027" in listed
    assert [part.split("</span>")[0] for part in listed.split('class="slot-time">')[1:]] == [
        "09:00–09:20", "09:20–09:40", "09:40–10:00", "14:00–14:20", "14:20–14:40", "14:40–15:00"]
