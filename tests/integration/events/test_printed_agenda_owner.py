"""The agenda, printed, says whose it is (the walk: a printed agenda named neither the person nor the
organisation): the participant's name and organisation, and the event, above the meetings; no print rule hides them."""
from __future__ import annotations

import re
from pathlib import Path

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import login
from tests.integration.events.builders import published_event

CSS = Path(__file__).resolve().parents[3] / "matchmaker" / "static" / "css"


def test_the_agenda_names_the_participant_their_organisation_and_the_event_above_the_meetings(app, client):
    event, people, _meetings = published_event(pairs=((0, 1),))
    me = db.session.get(EventParticipant, people[0].id)
    login(client, me.user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    main = page.split("<main", 1)[1]
    owner = main.index('id="agenda-owner"')
    assert owner < main.index('class="agenda"') and main.index("Meet in Italy") < main.index('class="agenda"')
    header = main[owner:main.index("</p>", owner)]
    assert "Agenda of Person 0" in header and me.organisation.name in header
    printed_away = " ".join(re.findall(r"@media print\s*{([^}]*)}", " ".join(p.read_text() for p in CSS.glob("*.css"))))
    assert "agenda-owner" not in printed_away and ".muted" not in printed_away
