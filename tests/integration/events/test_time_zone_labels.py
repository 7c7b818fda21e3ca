"""Times carry their zone: event cards in the event's zone ('London time (GMT)'), notifications and jobs in the
site's zone, named as the event pages name zones."""
from __future__ import annotations

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.models.event import REGISTRATION
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_user


def test_the_organiser_home_names_a_london_event_s_zone(app, client):
    organiser = make_user(role="organiser")
    create_event("London Forum", "Europe/London", [date(2030, 2, 1)], [("am", "09:00", "10:00")], 20, [],
                 [("T1", False, "")], organiser_id=organiser.id, status=REGISTRATION)
    db.session.commit()  # create_event leaves the commit to its caller
    login(client, organiser)
    section = client.get("/").get_data(as_text=True).split('id="my-events"', 1)[1].split("</section>", 1)[0]
    assert "09:00–10:00 London time (GMT)" in section


def test_notifications_and_jobs_name_the_site_zone(app, client):
    admin = make_user(role="admin")
    db.session.add(Notification(user_id=admin.id, code="welcome", link="/profiles/"))
    db.session.commit()
    login(client, admin)
    notes = client.get("/notifications/").get_data(as_text=True)
    assert "Times: Rome time (C" in notes  # CET or CEST, whatever today is
    jobs = client.get("/jobs/").get_data(as_text=True)
    assert "Times: Rome time (C" in jobs
