"""Concurrent edits of one profile: optimistic locking (a version column) instead of a 500 or a silent
last-writer-wins; the loser keeps their text and sees the winner's."""
from __future__ import annotations

import re

from sqlalchemy import text

from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from matchmaker.services import profiles
from tests.helpers import csrf_token, login, make_org, make_user
from tests.integration.test_profiles import FULL_FORM


def loaded(client, org_id: int) -> dict:
    """What the edit page hands the browser: its CSRF token and the version it shows."""
    html = client.get(f"/profiles/{org_id}/edit").get_data(as_text=True)
    match = re.search(r'<input[^>]*name="version"[^>]*>', html)
    assert match, "the form carries no version"
    version = re.search(r'value="(\d+)"', match.group(0)).group(1)
    return {"csrf_token": csrf_token(client, f"/profiles/{org_id}/edit"), "version": version}


def test_a_save_based_on_an_older_version_keeps_the_text_and_shows_theirs(app):
    org = make_org()
    first, second = app.test_client(), app.test_client()
    login(first, make_user(organisation_id=org.id))
    login(second, make_user(organisation_id=org.id))
    form_a, form_b = loaded(first, org.id), loaded(second, org.id)
    ok = first.post(f"/profiles/{org.id}/edit", data=dict(FULL_FORM, offer="Alice's offer", **form_a))
    assert ok.status_code == 302
    late = second.post(f"/profiles/{org.id}/edit", data=dict(FULL_FORM, offer="Bob's offer", **form_b))
    html = late.get_data(as_text=True)
    assert late.status_code == 409 and "Someone else saved this profile" in html
    assert "Bob&#39;s offer</textarea>" in html or "Bob's offer</textarea>" in html  # his text is kept
    assert 'id="conflict"' in html and "Alice" in html  # hers is shown
    assert db.session.get(Organisation, org.id).offer == "Alice's offer"
    # Saving again, now knowingly over her version, works.
    again = dict(FULL_FORM, offer="Bob's offer", csrf_token=form_b["csrf_token"],
                 version=re.search(r'<input[^>]*name="version"[^>]*value="(\d+)"', html).group(1))
    assert second.post(f"/profiles/{org.id}/edit", data=again).status_code == 302
    assert db.session.get(Organisation, org.id).offer == "Bob's offer"


def test_a_save_that_loses_the_race_after_the_check_is_a_conflict_not_a_500(app):
    org = make_org(offer="first")
    user = make_user(organisation_id=org.id)
    organisation = db.session.get(Organisation, org.id)
    version = organisation.version
    # Another request commits between this one's check and its write (behind the ORM's back).
    db.session.connection().execute(text("UPDATE organisation SET version = version + 1, offer = 'theirs' "
                                         "WHERE id = :id"), {"id": org.id})
    try:
        profiles.update_profile(organisation, {"offer": "mine"}, db.session.get(User, user.id), version)
    except profiles.ProfileConflict:
        pass
    else:
        raise AssertionError("the stale save went through")
    assert db.session.get(Organisation, org.id).offer == "first"  # rolled back, nothing half-saved


def test_a_tag_row_written_by_a_concurrent_save_is_a_conflict_not_a_500(app):
    org = make_org(sectors=[])
    user = make_user(organisation_id=org.id)
    organisation = db.session.get(Organisation, org.id)
    db.session.connection().execute(text("INSERT INTO organisation_tag (organisation_id, facet, code) "
                                         "VALUES (:id, 'sector', 'biotech')"), {"id": org.id})
    try:
        profiles.update_profile(organisation, {"sectors": ["biotech"]}, db.session.get(User, user.id))
    except profiles.ProfileConflict:
        pass
    else:
        raise AssertionError("the duplicate tag went through")


def test_every_save_moves_the_version_even_if_only_tags_change(app):
    org = make_org(sectors=["pharma"])
    user = make_user(organisation_id=org.id)
    organisation = db.session.get(Organisation, org.id)
    before = organisation.version
    profiles.update_profile(organisation, {"sectors": ["biotech"]}, db.session.get(User, user.id), before)
    assert db.session.get(Organisation, org.id).version == before + 1


def test_two_acceptances_of_one_invitation_give_a_message_not_a_500(client, monkeypatch):
    """The second of two simultaneous acceptances meets the unique e-mail index."""
    from matchmaker.models import Invitation
    from matchmaker.services import accounts, invitations

    invitation = Invitation(email="race@example.org", role="member")
    db.session.add(invitation)
    db.session.commit()
    with client.application.test_request_context():
        token = accounts.serializer("invitation").dumps({"iid": invitation.id})
    make_user(email="race@example.org")  # the other acceptance, committed after this one's check
    real_find, calls = accounts.find_user, []
    monkeypatch.setattr(invitations, "find_user", lambda email: calls.append(email) or (
        None if len(calls) == 1 else real_find(email)))
    response = client.post(f"/auth/invitation/{token}", data={
        "name": "Racer", "password": "correct horse battery", "confirm": "correct horse battery", "privacy": "y",
        "csrf_token": csrf_token(client, f"/auth/invitation/{token}")}, follow_redirects=True)
    assert response.status_code == 200 and "already been used" in response.get_data(as_text=True)


def test_ten_simultaneous_saves_on_postgresql_one_wins_the_others_conflict(app):
    import threading

    import pytest

    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs a database that serves several connections at once (the PostgreSQL stage runs it)")
    org = make_org()
    user_id = make_user(organisation_id=org.id).id
    version = db.session.get(Organisation, org.id).version
    barrier, outcomes = threading.Barrier(10), []

    def save(n: int) -> None:
        with app.app_context():
            organisation = db.session.get(Organisation, org.id)
            barrier.wait()
            try:
                profiles.update_profile(organisation, {"offer": f"save {n}", "sectors": ["biotech", "pharma"]},
                                        db.session.get(User, user_id), version)
                outcomes.append("saved")
            except profiles.ProfileConflict:
                outcomes.append("conflict")
            except Exception as exc:  # noqa: BLE001 - any other error is what this test is about
                outcomes.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 9 + ["saved"], outcomes


def test_the_conflict_box_lists_only_what_differs_by_name_not_by_code(app):
    """Lists of codes count as the same in any order (the form sends its own); a code differing is shown by its name
    in the reader's language; the page keeps the suggested tags' names."""
    org = make_org()
    first, second = app.test_client(), app.test_client()
    login(first, make_user(organisation_id=org.id))
    login(second, make_user(organisation_id=org.id))
    assert first.post(f"/profiles/{org.id}/edit", data=dict(FULL_FORM, **loaded(first, org.id))).status_code == 302
    form_a, form_b = loaded(first, org.id), loaded(second, org.id)
    theirs = dict(FULL_FORM, sectors=["pharma", "biotech"], therapeutic_areas=["rare_diseases", "oncology"],
                  keywords="siRNA; LNP; GalNAc")
    assert first.post(f"/profiles/{org.id}/edit", data=dict(theirs, **form_a)).status_code == 302
    stored = db.session.get(Organisation, org.id)
    db.session.refresh(stored)
    mine = dict(FULL_FORM, sectors=list(reversed(stored.sectors)), offer="Bob's offer")
    html = second.post(f"/profiles/{org.id}/edit", data=dict(mine, **form_b)).get_data(as_text=True)
    box = html[html.index('id="conflict"'):html.index("</section>", html.index('id="conflict"'))]
    labels = re.findall(r"<dt>([^<]*)</dt>", box)
    assert "Sectors" not in labels  # same sectors, another order
    assert "GalNAc" in box and "Piattaforma di siRNA" in box  # their keywords and offer
    assert "Oncology" in box and "oncology" not in box and "rare_diseases" not in box  # names, not codes
