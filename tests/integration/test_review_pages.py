"""Reviewing suggestions in the browser's pages: actions, filters, queue, interest, connections, contact privacy."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Feedback, Suggestion
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_org, make_user
from tests.integration.test_suggestions import world


def suggestion_of(source, target) -> Suggestion:
    return db.session.execute(db.select(Suggestion).where(
        Suggestion.source_id == source.id, Suggestion.target_id == target.id)).scalar_one()


def act(client, suggestion, **data):
    token = csrf_token(client, "/matches/?kind=" + suggestion.kind)
    return client.post(f"/matches/suggestions/{suggestion.id}/feedback", data=dict(data, csrf_token=token))


def test_decline_hides_a_partner_until_undone_and_colleagues_see_who(client):
    company, lab, _ = world()
    rebuild_all()
    alice = make_user(organisation=company, name="Alice Bianchi")
    login(client, alice)
    s = suggestion_of(company, lab)
    html = client.get("/matches/").get_data(as_text=True)
    assert "Liver Lab" in html and "left to review" in html
    assert act(client, s, action="decline", reason="too_early", note="TRL 3 only").status_code == 302
    assert act(client, s, action="decline", reason="too_early", note="TRL 3 only").status_code == 302  # twice
    assert db.session.execute(db.select(db.func.count()).select_from(Feedback)).scalar_one() == 1
    assert ">Liver Lab</a>" not in client.get("/matches/").get_data(as_text=True)
    declined = client.get("/matches/?state=declined").get_data(as_text=True)
    assert "Liver Lab" in declined and "Alice Bianchi" in declined and "TRL 3 only" in declined
    act(client, s, action="undo")
    assert ">Liver Lab</a>" in client.get("/matches/").get_data(as_text=True)


def test_a_decline_without_reason_is_refused_with_a_message(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    response = act(client, suggestion_of(company, lab), action="decline", reason="")
    assert response.status_code == 302
    assert "Choose a reason" in client.get(response.location).get_data(as_text=True)
    assert db.session.execute(db.select(Feedback)).first() is None


def test_another_organisations_suggestion_answers_404(client):
    company, lab, other = world()
    rebuild_all()
    login(client, make_user(organisation=other))
    s = suggestion_of(company, lab)
    token = csrf_token(client, "/matches/")
    for suggestion_id in (s.id, 999999):
        response = client.post(f"/matches/suggestions/{suggestion_id}/feedback",
                               data={"action": "interested", "csrf_token": token})
        assert response.status_code == 404
    assert client.post(f"/matches/suggestions/{s.id}/feedback", data={"action": "save"}).status_code == 400  # CSRF


def test_filters_search_and_state(client):
    company, lab, other = world()
    lab.trl = 4
    db.session.commit()
    rebuild_all()
    login(client, make_user(organisation=company))
    assert ">Liver Lab</a>" in client.get("/matches/?q=organoid").get_data(as_text=True)
    assert ">Liver Lab</a>" not in client.get("/matches/?q=cardiac").get_data(as_text=True)
    assert ">Liver Lab</a>" not in client.get("/matches/?partner_kind=public_research_centre").get_data(as_text=True)
    assert ">Liver Lab</a>" in client.get("/matches/?trl_min=3&trl_max=5").get_data(as_text=True)
    assert ">Liver Lab</a>" not in client.get("/matches/?trl_min=6").get_data(as_text=True)
    assert ">Liver Lab</a>" not in client.get("/matches/?state=saved").get_data(as_text=True)
    act(client, suggestion_of(company, lab), action="save")
    assert ">Liver Lab</a>" in client.get("/matches/?state=saved").get_data(as_text=True)


def test_queue_walks_through_suggestions(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    html = client.get("/matches/review").get_data(as_text=True)
    assert "Liver Lab" in html and 'data-key="i"' in html  # the strongest first
    left = db.session.execute(db.select(db.func.count()).select_from(Suggestion).where(
        Suggestion.source_id == company.id, Suggestion.kind == "tech-transfer")).scalar_one()
    assert f"{left} left to review" in html
    act(client, suggestion_of(company, lab), action="interested", next="/matches/review")
    html = client.get("/matches/review").get_data(as_text=True)
    assert f"{left - 1} left to review" in html and "Liver Lab" not in html.split('id="queue-item"')[1]
    skipped = client.get("/matches/review?skip=1").get_data(as_text=True)
    assert ">Liver Lab</a>" not in skipped.split('id="queue-item"')[1]


def test_connection_from_profile_pages_reveals_contacts_only_to_the_pair(app):
    company, lab, _ = world()
    lab.contact_email, lab.contact_phone = "pi@liverlab.example", "+39 02 555 0101"
    company.contact_email = "bd@acme.example"
    db.session.commit()
    rebuild_all()
    alice, bob = app.test_client(), app.test_client()
    outsider = app.test_client()
    login(alice, make_user(organisation=company))
    login(bob, make_user(organisation=lab))
    login(outsider, make_user(organisation=make_org(name="Nosy Ltd")))
    pages = ("/profiles/{}", "/matches/", "/matches/connections", "/matches/review", "/")

    def sees(client, org, email) -> bool:
        return any(email in client.get(p.format(org.id)).get_data(as_text=True) for p in pages)

    assert not sees(alice, lab, "pi@liverlab.example") and not sees(outsider, lab, "pi@liverlab.example")
    token = csrf_token(alice, f"/profiles/{lab.id}")
    response = alice.post(f"/matches/interest/{lab.id}", data={"action": "interested", "csrf_token": token})
    assert response.status_code == 302
    assert "They are interested in you" in bob.get(f"/profiles/{company.id}").get_data(as_text=True)
    assert not sees(alice, lab, "pi@liverlab.example")
    token = csrf_token(bob, f"/profiles/{company.id}")
    bob.post(f"/matches/interest/{company.id}", data={"action": "interested", "csrf_token": token})
    assert "pi@liverlab.example" in alice.get(f"/profiles/{lab.id}").get_data(as_text=True)
    assert "pi@liverlab.example" in alice.get("/matches/connections").get_data(as_text=True)
    assert "bd@acme.example" in bob.get("/matches/connections").get_data(as_text=True)
    assert not sees(outsider, lab, "pi@liverlab.example")
    token = csrf_token(bob, "/matches/connections")
    bob.post(f"/matches/interest/{company.id}", data={"action": "withdraw", "csrf_token": token})
    assert not sees(alice, lab, "pi@liverlab.example")


def test_insight_is_for_organisers(client):
    company, lab, _ = world()
    rebuild_all()
    member = make_user(organisation=company)
    login(client, member)
    act(client, suggestion_of(company, lab), action="decline", reason="ip_unclear")
    assert client.get("/matches/insight").status_code == 403
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, make_user(role="organiser"))
    html = client.get("/matches/insight").get_data(as_text=True)
    assert "IP unclear" in html and "<rect" in html and "100%" in html


def test_an_investor_sees_no_tech_transfer_tab(client):
    fund = make_org(name="Fund", kind="investor", seek="medical devices")
    login(client, make_user(organisation=fund))
    html = client.get("/matches/").get_data(as_text=True)
    assert "Tech transfer" not in html
    asked = client.get("/matches/?kind=tech-transfer")  # the usual list, saying why (test_investor_tab)
    assert asked.status_code == 200 and 'id="tech-transfer-not-offered"' in asked.get_data(as_text=True)
    assert client.get("/matches/review?kind=tech-transfer").status_code == 404


def test_home_is_a_dashboard_for_members_and_a_desk_for_organisers(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    html = client.get("/").get_data(as_text=True)
    assert "complete" in html and "What you offer" in html and "to review" in html  # Acme has a one-line seek only
    assert "Find the partners worth a call" not in html
    client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/")})
    login(client, make_user(role="organiser"))
    response = client.get("/profiles/mine")
    assert response.status_code == 302 and response.location.endswith("/")
    html = client.get("/").get_data(as_text=True)
    assert "Organiser’s desk" in html and "/matches/insight" in html


def test_interest_from_a_profile_shows_in_the_list_and_undo_takes_it_back(client):
    from matchmaker.models import Interest

    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    token = csrf_token(client, f"/profiles/{lab.id}")
    client.post(f"/matches/interest/{lab.id}", data={"action": "interested", "csrf_token": token})
    assert ">Liver Lab</a>" in client.get("/matches/?state=interested").get_data(as_text=True)
    assert ">Liver Lab</a>" not in client.get("/matches/?state=new").get_data(as_text=True)
    act(client, suggestion_of(company, lab), action="undo")
    assert db.session.execute(db.select(Interest)).first() is None
    assert ">Liver Lab</a>" in client.get("/matches/?state=new").get_data(as_text=True)


def test_an_admin_looking_at_another_organisations_list_gets_no_buttons(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(role="admin"))
    html = client.get(f"/matches/?org={company.id}").get_data(as_text=True)
    assert ">Liver Lab</a>" in html and "/feedback" not in html


def test_the_dashboard_shows_the_next_event_and_its_agenda_once_published(client):
    from datetime import date

    from matchmaker.models import EventParticipant
    from matchmaker.services.events_import import create_event

    company, lab, _ = world()
    member = make_user(organisation=company)
    login(client, member)
    assert "No event planned." in client.get("/").get_data(as_text=True)
    grid = ([date(2027, 3, 10)], [("am", "09:00", "10:00")], 20, [], [("T1", False, "")])
    create_event("BioMed day", "Europe/Rome", [date(2027, 6, 1)], *grid[1:], status="registration")
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "BioMed day" in html and "Registration is open." in html  # nothing of one's own: an open event
    sooner = create_event("Meet in Italy", "Europe/Rome", *grid, status="published")
    db.session.commit()
    db.session.add(EventParticipant(event_id=sooner.id, user_id=member.id, organisation_id=company.id,
                                    name=member.name))
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Meet in Italy" in html and f"/events/{sooner.id}/agenda" in html and "BioMed day" not in html
