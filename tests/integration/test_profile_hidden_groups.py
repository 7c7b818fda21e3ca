"""The profile form's groups that do not apply to the kind chosen are hidden: they never block a save (a valid one is
kept as typed, one with an error keeps its stored values, and the page says so), and an error on a field the page
does not show is spelt out in the message at the top."""
from __future__ import annotations

import html as html_lib

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM

BAD_TICKETS = {"ticket_min": "5000000", "ticket_max": "100"}


def _investor(client) -> Organisation:
    org = make_org(kind="investor", ticket_min=100_000, ticket_max=900_000)
    login(client, make_user(organisation=org))
    return org


def _save(client, org, **values):
    return post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, **values), follow_redirects=True)


def test_an_error_in_the_investing_fields_does_not_block_a_change_to_start_up(client):
    org = _investor(client)
    response = _save(client, org, kind="startup", **BAD_TICKETS)
    page = html_lib.unescape(response.get_data(as_text=True))
    saved = db.session.get(Organisation, org.id)
    assert saved.kind == "startup" and saved.funding_stage == "seed"
    assert (saved.ticket_min, saved.ticket_max) == (100_000, 900_000)  # not saved as typed: kept as stored
    assert "Profile saved." in page and "The fields under “Investing” do not apply" in page


def test_valid_fields_of_a_group_that_no_longer_applies_are_kept(client):
    org = _investor(client)
    _save(client, org, kind="startup", ticket_min="200000", ticket_max="2M")
    saved = db.session.get(Organisation, org.id)
    assert (saved.kind, saved.ticket_min, saved.ticket_max) == ("startup", 200_000, 2_000_000)


def test_a_bad_trl_does_not_block_an_investors_save(client):
    org = _investor(client)
    org.trl = 4
    db.session.commit()
    page = html_lib.unescape(_save(client, org, kind="investor", trl="12").get_data(as_text=True))
    assert "Profile saved." in page and "The fields under “Technology readiness” do not apply" in page
    assert db.session.get(Organisation, org.id).trl == 4


def test_the_fields_that_apply_are_still_checked(client):
    org = _investor(client)
    response = _save(client, org, kind="investor", **BAD_TICKETS)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "must not be smaller" in page
    # the message at the top links to the field to correct, far down this long form
    assert 'nothing you typed was lost. <a href="#ticket_max" id="first-error-link">Go to' in page
    assert db.session.get(Organisation, org.id).ticket_max == 900_000


def test_an_error_on_a_field_the_page_hides_is_named_in_the_message(client):
    org = _investor(client)
    page = html_lib.unescape(_save(client, org, kind="no such kind", **BAD_TICKETS).get_data(as_text=True))
    assert "Refused in a part of the form not shown for the kind chosen: Investors: largest ticket (€): " \
           "The largest ticket must not be smaller than the smallest." in page
    assert 'href="#kind" id="first-error-link"' in page  # the kind, in sight, is linked; the tickets are not
    assert db.session.get(Organisation, org.id).kind == "investor"
