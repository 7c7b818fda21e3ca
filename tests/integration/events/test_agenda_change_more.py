"""An agenda-change notification names at most a few meetings and says how many more changed, instead of stopping
short of its own count ("7 new meetings" and five named)."""
from __future__ import annotations

from flask_babel import force_locale

from matchmaker.notification_wording import describe
from matchmaker.services.events_changes import NAMED

MEETING = {"kind": "new", "number": 4, "partners": "Anna Rossi", "start": "2027-03-10T08:00:00+00:00",
           "end": "2027-03-10T08:20:00+00:00", "table": "T2"}


def _params(new: int, named: int) -> dict:
    return {"event": "Meet", "zone": "Europe/Rome", "new": new, "moved": 0, "cancelled": 0,
            "meetings": [MEETING] * named}


def test_the_meetings_not_named_are_counted(app):
    with app.test_request_context(), force_locale("en"):
        seven = describe("event_agenda_changed", _params(7, NAMED))
        six = describe("event_agenda_changed", _params(NAMED + 1, NAMED))
        two = describe("event_agenda_changed", _params(2, 2))
    assert seven.startswith("Your agenda for Meet changed: 7 new meetings")
    assert seven.count("Meeting with Anna Rossi") == NAMED
    assert seven.endswith("2 more changes are not named here: see your agenda.")
    assert six.endswith("1 more change is not named here: see your agenda.")
    assert "more" not in two  # every change named: nothing to add
    with app.test_request_context(), force_locale("it"):
        italian = describe("event_agenda_changed", _params(7, NAMED))
    assert italian.endswith("Altre 2 modifiche non sono elencate qui: vedi la tua agenda.")
