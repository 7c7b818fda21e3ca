"""Name badges and QR check-in: the signed token (valid, tampered, another event's), the badge sheet (current
participants only, names, organisations, a QR code per badge, no e-mail addresses), the confirm page an organiser's
phone opens and its check-in through the desk's service (cancelled refused, idempotent, a service refusal shown),
who may open it, and the participant's own code on My day."""
from __future__ import annotations

import re

import pytest
import segno

from matchmaker.extensions import db
from matchmaker.models import CheckIn, User
from matchmaker.services import events_badges, events_checkin, events_day
from matchmaker.services.events import Conflict
from tests.helpers import client_for, csrf_token, make_org, make_user, post_form
from tests.integration.events.builders import small_event
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture(autouse=True)
def on_the_day(monkeypatch):
    """The event-day clock on the event's morning (the check-in service may keep to the event's days)."""
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))


def _url(participant) -> str:
    return f"/events/{participant.event_id}/badges/{events_badges.token_for(participant)}"


def test_a_token_names_its_participant_and_nothing_else(app):
    event, people, _ = small_event()
    other, others, _ = small_event()
    token = events_badges.token_for(people[1])
    assert events_badges.participant_for(event, token).id == people[1].id
    assert events_badges.token_for(people[1]) == token  # stable: a badge printed early stays valid
    assert events_badges.participant_for(other, token) is None  # another event's
    forged = token.replace(f"{event.id}.{people[1].id}.", f"{event.id}.{people[2].id}.")
    assert forged != token and events_badges.participant_for(event, forged) is None
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert events_badges.participant_for(event, tampered) is None
    for junk in ("", "x", f"{event.id}.{people[1].id}", "not-a-valid-token", "é.1.2"):
        assert events_badges.participant_for(event, junk) is None
    # signed with another secret: refused
    app.config["SECRET_KEY"] = "another secret"
    assert events_badges.participant_for(event, token) is None


def test_the_badge_sheet_has_every_current_participant_with_a_qr_code_and_no_e_mail(app):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True)
    people[0].email = "person0@private.example"
    people[1].organisation = make_org(name="Zeta Pharma", contact_email="contact@zeta.example")
    people[2].organisation = make_org(name="Alfa Biotech")
    people[3].cancelled = True
    db.session.commit()
    page = client_for(app, organiser).get(f"/events/{event.id}/badges")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    names = re.findall(r'<p class="badge-name">([^<]+)</p>', html)
    assert names == ["Person 2", "Person 0", "Person 1"]  # by organisation: Alfa, Organisation N, Zeta
    assert "Person 3" not in html  # cancelled: no badge
    assert html.count('<svg viewBox=') == 3 and html.count('class="badge-event">Meet in Italy<') == 3
    assert "Zeta Pharma" in html and "Alfa Biotech" in html
    assert "@" not in re.sub(r"<form.*?</form>", "", html.split('class="badge-sheet"', 1)[1], flags=re.S)
    # each QR code is the one of the participant's check-in address
    expected = events_badges.qr_svg("http://localhost" + _url(people[2]))
    assert str(expected) in html
    by_name = client_for(app, organiser).get(f"/events/{event.id}/badges?sort=name").get_data(as_text=True)
    assert re.findall(r'<p class="badge-name">([^<]+)</p>', by_name) == ["Person 0", "Person 1", "Person 2"]


def test_the_sheet_filters_by_search_one_participant_and_added_since(app):
    from datetime import datetime, timezone

    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    people[0].created_at = datetime(2027, 1, 5, 12, tzinfo=timezone.utc)
    for person in people[1:]:
        person.created_at = datetime(2027, 2, 20, 12, tzinfo=timezone.utc)
    db.session.commit()
    client = client_for(app, organiser)

    def names(query: str) -> list[str]:
        html = client.get(f"/events/{event.id}/badges?{query}").get_data(as_text=True)
        return re.findall(r'<p class="badge-name">([^<]+)</p>', html)
    assert names("q=person 2") == ["Person 2"]
    assert names(f"participant={people[3].id}") == ["Person 3"]
    assert names("since=2027-02-01&sort=name") == ["Person 1", "Person 2", "Person 3"]
    assert names("since=not-a-date&sort=name") == ["Person 0", "Person 1", "Person 2", "Person 3"]


def test_nine_badges_make_two_a4_sheets(app):
    organiser = make_user(role="organiser")
    event, _, _ = small_event(people=9, pairs=(), organiser=organiser)
    html = client_for(app, organiser).get(f"/events/{event.id}/badges").get_data(as_text=True)
    sheets = html.split('<section class="badge-sheet"')[1:]
    assert [s.count('<article class="name-badge"') for s in sheets] == [8, 1]


def test_scanning_a_badge_checks_the_participant_in_once(app):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    people[1].organisation = make_org(name="Dompé Farmaceutici")
    db.session.commit()
    client = client_for(app, organiser)
    page = client.get(_url(people[1])).get_data(as_text=True)
    assert "Check in Person 1 (Dompé Farmaceutici)?" in page and 'id="scan-confirm"' in page
    done = post_form(client, _url(people[1]), {}, follow_redirects=True).get_data(as_text=True)
    assert "Person 1 has arrived." in done and "Arrival recorded at" in done and 'id="scan-confirm"' not in done
    again = client.post(_url(people[1]), data={"csrf_token": csrf_token(client, f"/events/{event.id}/checkin")},
                        follow_redirects=True).get_data(as_text=True)
    assert "Person 1 had already arrived." in again
    rows = db.session.scalars(db.select(CheckIn).where(CheckIn.event_id == event.id)).all()
    assert [(r.participant_id, r.by_user_id) for r in rows] == [(people[1].id, organiser.id)]


def test_a_post_without_csrf_is_refused(app):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    app.config["WTF_CSRF_ENABLED"] = True
    response = client_for(app, organiser).post(_url(people[1]), data={})
    assert response.status_code == 400
    assert events_checkin.arrived_ids(event, [people[1].id]) == set()


def test_a_cancelled_participant_s_badge_cannot_check_them_in(app):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    url = _url(people[2])
    client = client_for(app, organiser)
    form_page = client.get(url).get_data(as_text=True)
    people[2].cancelled = True
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Person 2 no longer takes part in this event: they cannot be checked in." in page
    assert 'id="scan-confirm"' not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', form_page)[1]
    refused = client.post(url, data={"csrf_token": token}, follow_redirects=True).get_data(as_text=True)
    assert "Not checked in: Person 2 no longer takes part in this event" in refused
    assert events_checkin.arrived_ids(event, [people[2].id]) == set()


def test_a_refusal_of_the_check_in_service_is_shown_on_the_page(app, monkeypatch):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)

    def refuse(*args, **kwargs):
        raise Conflict("requests_closed")  # any code the events' wording knows, worded as it words it
    monkeypatch.setattr(events_checkin, "check_in", refuse)
    client = client_for(app, organiser)
    page = post_form(client, _url(people[1]), {}, follow_redirects=True).get_data(as_text=True)
    assert "Not checked in: requests are not open for this event" in page
    monkeypatch.setattr(events_checkin, "check_in", lambda *a, **k: (_ for _ in ()).throw(Conflict("brand_new")))
    page = post_form(client, _url(people[1]), {}, follow_redirects=True).get_data(as_text=True)
    assert "Not checked in: the check-in service refused it (brand_new)" in page


def test_only_the_event_s_organisers_may_open_a_badge(app):
    organiser, stranger_organiser = make_user(role="organiser"), make_user(role="organiser")
    admin = make_user(role="admin")
    event, people, _ = published_day(organiser=organiser)
    other, others, _ = published_day(organiser=stranger_organiser)
    url = _url(people[1])
    anonymous = app.test_client().get(url)
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    assert "next=" in anonymous.headers["Location"]
    participant = db.session.get(User, people[0].user_id)
    for user in (participant, db.session.get(User, people[1].user_id), stranger_organiser,
                 make_user(organisation_id=make_org().id)):
        client = client_for(app, user)
        for response in (client.get(url), client.post(url, data={"csrf_token": csrf_token(client, "/auth/forgot")})):
            assert response.status_code == 404
            assert "Person 1" not in response.get_data(as_text=True)
    assert client_for(app, admin).get(url).status_code == 200
    mine = client_for(app, organiser)
    assert mine.get(f"/events/{other.id}/badges/{events_badges.token_for(people[1])}").status_code == 404
    theirs = mine.get(_url(others[1]))  # the other organiser's event: a bare 404
    assert theirs.status_code == 404 and "Badge not recognised" not in theirs.text
    damaged = mine.get(url[:-2] + "xy")  # a damaged token of this event: says so (not a bare "not found"), no name
    assert damaged.status_code == 404 and "Badge not recognised" in damaged.text and "Person 1" not in damaged.text
    assert f'href="/events/{event.id}/checkin"' in damaged.text
    assert events_checkin.arrived_ids(event, [p.id for p in people]) == set()


def test_login_leads_back_to_the_badge(app):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    client = app.test_client()
    location = client.get(_url(people[1])).headers["Location"]
    response = post_form(client, location, {"email": organiser.email, "password": "correct horse battery"})
    assert response.headers["Location"].endswith(_url(people[1]))


def test_my_day_shows_the_participant_s_own_code_until_they_arrive(app):
    event, people, _ = published_day()
    me = db.session.get(User, people[0].user_id)
    client = client_for(app, me)
    html = client.get(f"/events/{event.id}/day").get_data(as_text=True)
    assert 'id="my-checkin-code"' in html
    assert str(events_badges.qr_svg("http://localhost" + _url(people[0]),
                                    "Check-in code of Person 0")) in html
    agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert 'id="my-checkin-code"' in agenda and "<svg viewBox=" in agenda
    events_checkin.check_in(event, people[0], None)
    html = client.get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "Your arrival was recorded at" in html
    assert "<svg viewBox=" not in html


def _modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules (row, column) drawn by segno's one-path SVG ("M2 2.5h7m2 0h1...": absolute move, then
    horizontal runs and relative moves), the quiet zone taken off."""
    path = re.search(r' d="([^"]+)"', svg)[1]
    dark, x, y = set(), 0.0, 0.0
    for op, args in re.findall(r"([MmHh])([-\d. ]+)", path.replace("m", " m").replace("h", " h")):
        numbers = [float(n) for n in args.split()]
        if op == "M":
            x, y = numbers
        elif op == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            dark.update((int(y - 0.5) - 2, int(x) + i - 2) for i in range(int(numbers[0])))
            x += numbers[0]
    return dark


def test_the_code_drawn_is_the_qr_matrix_of_the_scan_address(app):
    event, people, _ = small_event()
    url = "https://matchmaker.example.org" + _url(people[0])
    svg = str(events_badges.qr_svg(url, "Badge"))
    assert svg.startswith('<svg viewBox="0 0 ') and "style=" not in svg and "<script" not in svg
    assert "<title>Badge</title>" in svg and "width=" not in svg  # sized by the stylesheet
    matrix = segno.make(url, error="m", micro=False).matrix
    expected = {(r, c) for r, row in enumerate(matrix) for c, bit in enumerate(row) if bit}
    assert _modules(svg) == expected
    other = segno.make(url.replace("badges/", "badges/x"), error="m", micro=False).matrix
    assert _modules(svg) != {(r, c) for r, row in enumerate(other) for c, bit in enumerate(row) if bit}


def test_the_badges_and_the_confirm_page_in_italian(app):
    organiser = make_user(role="organiser", locale="it")
    event, people, _ = published_day(organiser=organiser)
    people[1].organisation = make_org(name="Dompé Farmaceutici")
    db.session.commit()
    client = client_for(app, organiser)
    sheet = client.get(f"/events/{event.id}/badges").get_data(as_text=True)
    assert "<h1>Badge</h1>" in sheet and "Stampa i badge" in sheet and "otto per foglio A4" in sheet
    assert "4 badge: tutti i partecipanti." in sheet and "1 foglio." in sheet
    page = client.get(_url(people[1])).get_data(as_text=True)
    assert "Segnare l’arrivo di Person 1 (Dompé Farmaceutici)?" in page and "Segna l’arrivo</button>" in page
    done = post_form(client, _url(people[1]), {}, follow_redirects=True).get_data(as_text=True)
    assert "Arrivo di Person 1 registrato." in done and "Arrivo registrato alle" in done
    me = db.session.get(User, people[2].user_id)
    me.locale = "it"
    db.session.commit()
    day = client_for(app, me).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "Il tuo codice per l’accoglienza" in day and "Non hai il badge?" in day


def test_a_large_event_prints_in_parts_of_twenty_sheets(app, monkeypatch):
    from matchmaker.events import badges as views

    monkeypatch.setattr(views, "PER_PART", 16)  # two sheets a part, to keep the test small
    organiser = make_user(role="organiser")
    event, _, _ = small_event(people=35, pairs=(), organiser=organiser)
    client = client_for(app, organiser)
    first = client.get(f"/events/{event.id}/badges?sort=name").get_data(as_text=True)
    assert first.count('<article class="name-badge"') == 16 and "part 1 of 3 (badges 1–16)" in first
    assert "35 badges: every participant. 5 sheets." in " ".join(first.split())
    last = client.get(f"/events/{event.id}/badges?sort=name&part=3").get_data(as_text=True)
    assert last.count('<article class="name-badge"') == 3 and "part 3 of 3 (badges 33–35)" in last
    assert re.findall(r'<p class="badge-name">([^<]+)</p>', last) == ["Person 7", "Person 8", "Person 9"]
    assert f'/events/{event.id}/badges?sort=name&amp;part=2' in last
    beyond = client.get(f"/events/{event.id}/badges?part=99").get_data(as_text=True)
    assert "part 3 of 3" in beyond


def test_no_code_once_the_event_is_closed_or_over(app, monkeypatch):
    event, people, _ = published_day()
    client = client_for(app, db.session.get(User, people[0].user_id))
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 0, day=11))  # the day after
    assert 'id="my-checkin-code"' not in client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))
    assert 'id="my-checkin-code"' in client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    event.status = "closed"
    db.session.commit()
    assert 'id="my-checkin-code"' not in client.get(f"/events/{event.id}/agenda").get_data(as_text=True)


def test_outside_the_desk_s_hours_a_scan_says_why_and_offers_no_button(app, monkeypatch):
    organiser = make_user(role="organiser")
    event, people, _ = published_day(organiser=organiser)
    client = client_for(app, organiser)
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 0, day=11))  # the day after the event
    page = client.get(_url(people[1])).get_data(as_text=True)
    assert "Check-in is over" in page and 'id="scan-confirm"' not in page
    refused = post_form(client, _url(people[1]), {}, follow_redirects=True).get_data(as_text=True)
    assert "Not checked in: Check-in is over" in refused
    assert events_checkin.arrived_ids(event, [people[1].id]) == set()
