"""Imports respect ownership: organisations with members are skipped unless an admin overrides; names match
only unambiguously; external ids compare case-insensitively, in the import and in the database."""
from __future__ import annotations

import io

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.org_import import import_organisations
from matchmaker.services.tables import read_table
from tests.helpers import csrf_token, login, make_org, make_user

HEADER = "external_id,name,kind,country,contact_email,contact_public,offer\n"


def run(rows: str, **kwargs):
    return import_organisations(read_table((HEADER + rows).encode(), "orgs.csv"), **kwargs)


def org(org_id: int) -> Organisation:
    return db.session.get(Organisation, org_id)


def test_an_organisation_with_members_is_skipped_with_the_reason(app):
    dompe = make_org(name="Dompé", external_id="DOMPE-1", contact_email="bd@dompe.example", contact_public=False,
                     offer="Our own words")
    make_user(organisation_id=dompe.id)
    report = run("DOMPE-1,Dompé,large company,IT,bd@dompe.example,yes,Overwritten\n"
                 "NEW-1,New Org,sme,IT,,,Fresh\n")
    assert report.applied and (report.created, report.updated) == (1, 0)
    assert [(s.line, "has members" in s.message) for s in report.skipped] == [(2, True)]
    assert org(dompe.id).contact_public is False and org(dompe.id).offer == "Our own words"


def test_an_admin_override_changes_it_and_lists_every_field_changed(app):
    dompe = make_org(name="Dompé", external_id="DOMPE-1", contact_public=False, offer="Our own words", country="IT")
    make_user(organisation_id=dompe.id)
    report = run("DOMPE-1,Dompé,large company,IT,bd@dompe.example,yes,New words\n", override=True)
    assert report.updated == 1 and not report.skipped
    assert len(report.changes) == 1 and report.changes[0].line == 2
    changed = report.changes[0].message
    assert all(f in changed for f in ("contact_public", "offer", "contact_email", "kind"))
    assert "country" not in changed  # unchanged fields are not listed
    assert org(dompe.id).offer == "New words"


def test_member_less_organisations_are_still_updated(app):
    imported = make_org(name="Imported", external_id="IMP-1", offer="old")
    report = run("IMP-1,Imported,sme,IT,,,new\n")
    assert report.updated == 1 and org(imported.id).offer == "new" and not report.changes


def test_name_matching_never_takes_an_owned_organisation(app):
    owned = make_org(name="Dompé", offer="Our own words")
    make_user(organisation_id=owned.id)
    report = run(",Dompé,sme,IT,,,Squatted\n")
    assert report.created == 0 and report.updated == 0 and "has members" in report.skipped[0].message
    assert org(owned.id).offer == "Our own words"


def test_name_matching_prefers_the_member_less_organisation(app):
    owned = make_org(name="Twin", offer="owned")
    make_user(organisation_id=owned.id)
    free = make_org(name="twin", offer="free")
    report = run(",Twin,sme,IT,,,updated\n")
    assert report.updated == 1 and org(free.id).offer == "updated" and org(owned.id).offer == "owned"


def test_ambiguous_names_are_reported_not_guessed(app):
    first, second = make_org(name="Same Name", offer="one"), make_org(name="same name", offer="two")
    report = run(",Same Name,sme,IT,,,which?\n")
    assert report.updated == 0 and "several organisations are named" in report.skipped[0].message
    assert (org(first.id).offer, org(second.id).offer) == ("one", "two")


def test_external_id_compares_case_insensitively(app):
    existing = make_org(name="Dup", external_id="DUP-1", offer="old")
    report = run("dup-1,Dup,sme,IT,,,new\n")
    assert (report.created, report.updated) == (0, 1) and org(existing.id).offer == "new"
    assert org(existing.id).external_id == "DUP-1"
    twice = run("X-1,First,sme,IT,,,a\nx-1,Second,sme,IT,,,b\n")
    assert "same organisation as line 2" in twice.errors[0].message


def test_the_database_refuses_external_ids_differing_only_in_case(app):
    make_org(external_id="CASE-1")
    with pytest.raises(IntegrityError):
        make_org(external_id="case-1")
    db.session.rollback()


def _upload(client, text: str, **fields):
    data = {"file": (io.BytesIO((HEADER + text).encode()), "orgs.csv"), "mode": "good",
            "csrf_token": csrf_token(client, "/imports/"), **fields}
    return client.post("/imports/", data=data, content_type="multipart/form-data")


def test_web_override_is_for_admins_only(client):
    owned = make_org(name="Owned", external_id="OWN-1", offer="members' words")
    make_user(organisation_id=owned.id)
    login(client, make_user(role="organiser"))
    assert 'name="override"' not in client.get("/imports/").get_data(as_text=True)
    html = _upload(client, "OWN-1,Owned,sme,IT,,,imported\n", override="y").get_data(as_text=True)
    assert "1 row skipped" in html and "has members" in html and org(owned.id).offer == "members' words"
    admin = client.application.test_client()
    login(admin, make_user(role="admin"))
    assert 'name="override"' in admin.get("/imports/").get_data(as_text=True)
    html = _upload(admin, "OWN-1,Owned,sme,IT,,,imported\n", override="y").get_data(as_text=True)
    assert "changed by this import" in html and "offer" in html and org(owned.id).offer == "imported"
