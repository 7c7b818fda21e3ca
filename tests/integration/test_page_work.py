"""The work each page of the load test does: reasons only for the suggestions shown, a bounded number of
statements per page, and the shortcuts (one facet statement, decline options made once per language) giving what
the long way gave, fresh after every edit."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services import profiles
from matchmaker.services import suggestions as suggestions_service
from matchmaker.services.review_list import ReviewFilters, review_page
from matchmaker.services.suggestions import rebuild_all, suggestions_for
from tests.conftest import SMALL_CORDIS
from tests.helpers import login, make_org, make_user
from tests.integration.test_suggestions import world


@contextmanager
def statements():
    """The SQL statements run inside the block."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_a_page_of_suggestions_explains_only_the_suggestions_it_shows(app, monkeypatch):
    from matchmaker.services.cordis import import_cordis

    import_cordis(SMALL_CORDIS)
    rebuild_all()
    source = max(db.session.execute(db.select(Organisation)).scalars(),
                 key=lambda o: len(suggestions_for(o, "tech-transfer")))
    expected = {s.id: reasons for s, _, reasons in suggestions_for(source, "tech-transfer")}
    assert len(expected) > 2
    explained = []
    real = suggestions_service.explain
    monkeypatch.setattr(suggestions_service, "explain", lambda *a, **k: explained.append(a) or real(*a, **k))
    page = review_page(source, "tech-transfer", ReviewFilters(), page=1, size=2)
    assert page.total == len(expected) and len(page.items) == 2
    assert explained == []  # nothing explained before the page asks
    assert [item.reasons.items for item in page.items] == [expected[item.suggestion.id].items for item in page.items]
    assert len(explained) == 2
    assert [item.reasons for item in page.items] and len(explained) == 2  # once each: asking again explains nothing
    assert [item.evidence for item in page.items] == [expected[item.suggestion.id] for item in page.items]


def test_the_suggestions_and_profile_pages_run_a_bounded_number_of_statements(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    lab_id = lab.id
    client.get("/matches/")  # the engine is loaded once per process
    with statements() as seen:
        page = client.get("/matches/")
    assert page.status_code == 200 and "Liver Lab" in page.get_data(as_text=True)
    # the user (with the data stamp and the bell's count: user_prefetch), the organisation, its answers, interest
    # both ways, the engine's version, the suggestions, the history of the cards shown
    assert len(seen) <= 7, seen
    with statements() as seen:
        assert client.get(f"/profiles/{lab_id}").status_code == 200
    # the user (with the stamp and the bell's count), the profile, its tags, interest both ways and the connection
    # (one statement)
    assert len(seen) <= 4, "\n".join(s[:150] for s in seen)


def test_both_facets_come_in_one_statement_and_follow_every_edit(app):
    first = make_org(name="A", region="Lombardia", country="IT")
    make_org(name="B", region="Bayern", country="DE")
    make_org(name="C", region="Lombardia", country=None)
    make_org(name="D", region="", country="IT")
    with statements() as seen:
        regions, countries = profiles.facet_values(Organisation.region, Organisation.country)
    assert (regions, countries) == (["Bayern", "Lombardia"], ["DE", "IT"])
    assert len([s for s in seen if "data_stamp" not in s]) == 1  # and the data stamp (page_cache)
    with statements() as seen:
        assert profiles.facet_values(Organisation.region, Organisation.country) == [regions, countries]
    assert seen == []  # kept while the data stamp stays
    assert profiles.facet_values(Organisation.country) == [["DE", "IT"]]
    first.region, first.country = "Piemonte", "FR"
    db.session.commit()
    assert profiles.facet_values(Organisation.region, Organisation.country) == [
        ["Bayern", "Lombardia", "Piemonte"], ["DE", "FR", "IT"]]


def test_the_decline_reasons_follow_the_language_of_each_request(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    for language, reason, other in (("it", "Non pertinente", "Not relevant"), ("en", "Not relevant", "Non pertinente"),
                                    ("it", "Non pertinente", "Not relevant")):
        page = client.get("/matches/", headers={"Accept-Language": language}).get_data(as_text=True)
        assert f'<option value="not_relevant">{reason}</option>' in page and other not in page


def test_the_api_loads_the_tags_of_a_page_of_suggestions_in_one_query(client):
    from matchmaker.services.tokens import create_token

    company, lab, _ = world()
    lab.sectors = ["biotech"]
    db.session.commit()
    rebuild_all()
    headers = {"Authorization": f"Bearer {create_token(make_user(organisation=company), 'test')[1]}"}
    client.get("/api/v1/suggestions", headers=headers)
    with statements() as seen:
        body = client.get("/api/v1/suggestions", headers=headers).json
    assert len(body["items"]) >= 2 and {"biotech"} in [set(i["target"]["sectors"]) for i in body["items"]]
    assert sum("FROM organisation_tag" in s for s in seen) == 1, "\n".join(s[:150] for s in seen)


def test_an_event_suggestions_page_does_not_load_each_participants_organisation_on_its_own(client):
    from matchmaker.models import EventParticipant
    from tests.integration.events.builders import small_event

    def statements_for(people: int) -> int:
        event, participants, _ = small_event(people=people, accounts=True, pairs=())
        me = db.session.get(EventParticipant, participants[0].id)
        login(client, me.user)
        client.get(f"/events/{event.id}/suggestions")  # the engine is loaded once per process
        with statements() as seen:
            page = client.get(f"/events/{event.id}/suggestions")
        assert page.status_code == 200 and "Person 1" in page.get_data(as_text=True)
        client.post("/auth/logout")
        return len(seen)

    rebuild_all()
    # the participants with their organisations in one statement, however many there are (it was two per participant)
    assert statements_for(3) == statements_for(12)
