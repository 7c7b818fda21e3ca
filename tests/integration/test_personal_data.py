"""Personal data: a user downloads their data and deletes their account; the audit log records organisers' and
admins' changes to others' data, and only admins read it."""
from __future__ import annotations

import io
import json

from matchmaker.extensions import db
from matchmaker.models import AuditEntry, Job, Organisation, User
from tests.helpers import PASSWORD, csrf_token, login, make_org, make_user, post_form


def test_a_user_downloads_their_own_data_as_json(client):
    org = make_org(name="Acme", contact_email="bd@acme.example")
    user = make_user(email="me@acme.example", organisation_id=org.id)
    make_user(email="someone@else.example")
    db.session.add(Job(kind="import", user_id=user.id, label="mine.csv"))
    db.session.commit()
    login(client, user)
    response = client.get("/privacy/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["account"]["email"] == "me@acme.example"
    assert data["organisation"]["name"] == "Acme" and data["organisation"]["contact_email"] == "bd@acme.example"
    assert data["jobs_started"][0]["label"] == "mine.csv"
    assert "someone@else.example" not in response.get_data(as_text=True)
    assert "password" not in response.get_data(as_text=True)


def test_deleting_needs_the_password(client):
    user = make_user()
    login(client, user)
    html = post_form(client, "/privacy/delete", {"password": "wrong password"}).get_data(as_text=True)
    assert "not correct" in html and db.session.get(User, user.id) is not None


def test_deleting_the_last_member_keeps_the_profile_without_contacts_and_ends_sessions(app, client):
    org = make_org(name="Acme", contact_name="Giulia", contact_email="giulia@acme.example", contact_public=True,
                   offer="siRNA")
    user = make_user(organisation_id=org.id)
    user_id = user.id
    db.session.add(Job(kind="import", user_id=user.id))
    db.session.commit()
    login(client, user)
    other_browser = app.test_client()
    login(other_browser, user)
    response = post_form(client, "/privacy/delete", {"password": PASSWORD}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Your account has been deleted" in html and "has no members now" in html
    assert db.session.get(User, user_id) is None
    kept = db.session.get(Organisation, org.id)
    assert kept.offer == "siRNA" and (kept.contact_name, kept.contact_email, kept.contact_public) == ("", "", False)
    assert db.session.execute(db.select(Job.user_id)).scalar_one() is None
    assert other_browser.get("/profiles/").status_code == 302  # logged out everywhere


def test_a_colleague_keeps_the_organisation_and_its_contacts(client):
    org = make_org(contact_email="team@acme.example")
    user = make_user(organisation_id=org.id)
    make_user(organisation_id=org.id)
    login(client, user)
    post_form(client, "/privacy/delete", {"password": PASSWORD})
    assert db.session.get(Organisation, org.id).contact_email == "team@acme.example"


def test_the_only_admin_cannot_delete_their_account(client):
    admin = make_user(role="admin")
    login(client, admin)
    html = post_form(client, "/privacy/delete", {"password": PASSWORD}).get_data(as_text=True)
    assert "only administrator" in html and db.session.get(User, admin.id) is not None


def entries() -> list[AuditEntry]:
    return list(db.session.execute(db.select(AuditEntry).order_by(AuditEntry.id)).scalars())


def test_role_changes_invitations_imports_and_admin_edits_are_audited(client, caplog):
    from tests.integration.test_profiles import FULL_FORM

    admin = make_user(role="admin", email="boss@example.org")
    target = make_user(email="target@example.org")
    org = make_org(name="Owned", external_id="OWN-1")
    make_user(organisation_id=org.id)
    login(client, admin)
    post_form(client, f"/admin/users/{target.id}/role", {"role": "organiser"}, form_url="/admin/users")
    post_form(client, "/admin/users", {"email": "new@example.org", "role": "member", "organisation_id": org.id})
    csv = b"external_id,name,kind,offer\nOWN-1,Owned,sme,overridden\n"
    client.post("/imports/", data={"file": (io.BytesIO(csv), "members.csv"), "mode": "good", "override": "y",
                                   "csrf_token": csrf_token(client, "/imports/")},
                content_type="multipart/form-data")
    post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, offer="edited by the admin"))
    log = entries()
    assert [e.action for e in log] == ["role", "invitation", "import", "profile"]
    assert all(e.actor == "boss@example.org" and e.actor_id == admin.id for e in log)
    assert log[0].target == "target@example.org" and log[0].details == {"before": "member", "after": "organiser"}
    assert log[1].target == "new@example.org" and log[1].details["organisation"] == "Owned"
    assert log[2].target == "members.csv" and log[2].details["override"] is True
    assert "offer" in log[2].details["changed_with_members"][0]
    assert "offer" in log[3].details["fields"]
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "target@example.org" in page and "members.csv" in page and "Role changed" in page
    assert "before: Member\nafter: Organiser" in page and "profiles with members changed too: yes" in page
    assert "override:" not in page and "changed_with_members" not in page  # the keys are worded
    italian = client.get("/admin/audit", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "prima: Membro\ndopo: Organizzatore" in italian and "override" not in italian


def test_members_editing_their_own_profile_are_not_audited(client):
    from tests.integration.test_profiles import FULL_FORM

    org = make_org()
    login(client, make_user(organisation_id=org.id))
    assert post_form(client, f"/profiles/{org.id}/edit", FULL_FORM).status_code == 302
    assert entries() == []


def test_a_role_change_ends_the_users_sessions(app, client):
    admin, target = make_user(role="admin"), make_user(role="organiser")
    browser = app.test_client()
    login(browser, target)
    login(client, admin)
    post_form(client, f"/admin/users/{target.id}/role", {"role": "member"}, form_url="/admin/users")
    assert browser.get("/imports/").status_code == 302  # logged out, not just demoted


def test_a_deleted_account_leaves_no_event_role_or_answer_for_the_next_account(app, client):
    from datetime import date

    from matchmaker.models import EventOrganiser, EventParticipant, Interest
    from matchmaker.services.events_import import create_event

    org, other = make_org(), make_org()
    user = make_user(organisation_id=org.id, role="organiser")
    make_user(organisation_id=org.id)  # a colleague keeps the organisation
    event = create_event("Day", "Europe/Rome", [date(2027, 3, 10)], [("am", "09:00", "10:00")], 20, [],
                         [("T1", False, "")], organiser_id=user.id, status="requests")
    db.session.add_all([EventParticipant(event_id=event.id, user_id=user.id, organisation_id=org.id,
                                         name=user.name, email=user.email),
                        Interest(organisation_id=org.id, target_id=other.id, user_id=user.id)])
    db.session.commit()
    login(client, user)
    post_form(client, "/privacy/delete", {"password": PASSWORD})
    assert db.session.execute(db.select(EventOrganiser)).first() is None
    joined = db.session.execute(db.select(EventParticipant)).scalar_one()
    assert joined.user_id is None and joined.email == ""
    assert db.session.execute(db.select(Interest)).scalar_one().user_id is None


def test_the_download_holds_ones_suggestion_answers_their_history_and_the_login_time(client):
    from matchmaker.services import review

    mine, lab, other = make_org(name="Acme"), make_org(name="Liver Lab"), make_org(name="Heart Lab")
    user, colleague = make_user(organisation_id=mine.id), make_user(organisation_id=mine.id)
    review.give_feedback(mine, lab, "tech-transfer", "save", user)
    review.give_feedback(mine, lab, "tech-transfer", "decline", user, "other", "they only do cardiology now")
    review.give_feedback(mine, other, "tech-transfer", "interested", colleague)  # a colleague's, not mine
    login(client, user)
    data = client.get("/privacy/data.json").get_json()
    assert data["account"]["last_login_at"] is not None
    assert data["suggestion_answers"] == [{
        "partner": "Liver Lab", "list": "tech-transfer", "state": "declined", "reason": "other",
        "note": "they only do cardiology now", "created_at": data["suggestion_answers"][0]["created_at"],
        "updated_at": data["suggestion_answers"][0]["updated_at"]}]
    assert [(e["partner"], e["action"], e["reason"]) for e in data["suggestion_history"]] == [
        ("Liver Lab", "save", None), ("Liver Lab", "decline", "other")]
    assert "Heart Lab" not in json.dumps(data["suggestion_answers"] + data["suggestion_history"])


def test_logging_in_by_the_confirmation_link_records_the_login(client):
    from matchmaker.services import accounts

    user = make_user(email_confirmed=False)
    assert user.last_login_at is None
    token = accounts.confirmation_token(user)
    assert client.get(f"/auth/confirm/{token}").status_code == 302
    data = client.get("/privacy/data.json").get_json()
    assert data["account"]["last_login_at"] is not None
