"""Exports: the draft and the published agenda are two labelled pairs (CSV and Excel each), the published pair only
once something is published; CSVs open in columns in Italian Excel (';' and a BOM), ',' in English."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import User
from tests.helpers import login, make_user
from tests.integration.events.builders import published_event, small_event


def test_the_schedule_page_pairs_each_data_set_with_both_formats(app, client):
    organiser = make_user(role="organiser")
    draft, _p, _m = small_event(organiser=organiser)
    login(client, organiser)
    page = client.get(f"/events/{draft.id}/schedule").get_data(as_text=True)
    pair = page.split('id="export-draft"', 1)[1].split("</span>", 1)[0]
    assert "Draft:" in pair and "export.csv?draft=1" in pair and "export.xlsx?draft=1" in pair
    assert 'id="export-published"' not in page and "Agenda as Excel" not in page
    event, _people, _meetings = published_event(organiser=organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="export-published"' in page and "Published agenda:" in page
    assert 'id="export-published"' in client.get(f"/events/{event.id}/manage").get_data(as_text=True)


def test_csv_separator_follows_the_reader_s_language(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = published_event(organiser=organiser)
    login(client, organiser)
    english = client.get(f"/events/{event.id}/export.csv").get_data()
    first = english.splitlines()[0]
    assert english.startswith(b"\xef\xbb\xbf") and b"," in first and b";" not in first
    db.session.get(User, organiser.id).locale = "it"
    db.session.commit()
    italian = client.get(f"/events/{event.id}/export.csv").get_data()
    first = italian.decode("utf-8-sig").splitlines()[0]
    assert italian.startswith(b"\xef\xbb\xbf") and first.count(";") >= 3 and "," not in first
