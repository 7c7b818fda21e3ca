"""The rendered directory kept per data stamp: fresh after every kind of write, seen by every process, never one
viewer's profile details shown to another, and a warm directory page that reads no organisation."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, text, update

from matchmaker import create_app, page_cache
from matchmaker.config import TestConfig
from matchmaker.extensions import db
from matchmaker.models import Organisation, OrganisationTag
from matchmaker.search import index as search_index
from matchmaker.services import profiles
from tests.helpers import login, make_org, make_user
from tests.integration.test_page_work import statements


def names(client, query: str = "") -> list[str]:
    html = client.get(f"/profiles/?{query}").get_data(as_text=True)
    return re.findall(r'<h2><a href="/profiles/\d+">([^<]+)</a></h2>', html)


@pytest.fixture
def directory(client):
    alpha = make_org(name="Alpha Pharma", sectors=["pharma"], keywords="antibodies")
    beta = make_org(name="Beta Devices", sectors=["medical_devices"], keywords="antibodies")
    login(client, make_user())
    assert names(client) == ["Alpha Pharma", "Beta Devices"]
    assert names(client, "q=antibodies") == ["Alpha Pharma", "Beta Devices"]
    assert names(client, "sector=pharma") == ["Alpha Pharma"]
    return alpha, beta


def test_a_profile_edit_shows_at_once(client, directory):
    alpha, _ = directory
    profiles.update_profile(alpha, {"name": "Aleph Pharma", "sectors": ["medical_devices"]}, make_user(role="admin"))
    assert names(client) == ["Aleph Pharma", "Beta Devices"]
    assert names(client, "q=antibodies") == ["Aleph Pharma", "Beta Devices"]
    assert names(client, "sector=pharma") == []
    html = client.get("/profiles/").get_data(as_text=True)
    assert "Medical devices" in html.split("Aleph Pharma")[1].split("</li>")[0]  # its card's tags too


def test_a_new_or_deleted_organisation_shows_at_once(client, directory):
    _, beta = directory
    make_org(name="Gamma Labs")
    assert names(client) == ["Alpha Pharma", "Beta Devices", "Gamma Labs"]
    db.session.delete(beta)
    db.session.commit()
    assert names(client) == ["Alpha Pharma", "Gamma Labs"]
    assert names(client, "q=antibodies") == ["Alpha Pharma"]


def test_bulk_statements_and_plain_sql_move_the_stamp_too(client, directory):
    alpha, beta = directory
    db.session.execute(update(Organisation).where(Organisation.id == alpha.id).values(name="Alef"))
    db.session.commit()
    assert names(client) == ["Alef", "Beta Devices"]
    db.session.execute(delete(OrganisationTag).where(OrganisationTag.organisation_id == beta.id))
    db.session.commit()
    assert names(client, "sector=medical_devices") == []
    # Writes that bypass the ORM re-index the search with search.index.rebuild, which moves the stamp.
    db.session.execute(text("UPDATE organisation SET city = 'Pavia' WHERE id = :id"), {"id": beta.id})
    search_index.rebuild(db.session.connection())
    db.session.commit()
    assert "Pavia" in client.get("/profiles/").get_data(as_text=True)


def test_a_write_in_one_process_is_seen_by_another(tmp_path):
    """Two apps (two caches, as two gunicorn workers) on one database file: only the stamp in the database
    tells the second one that the first one wrote."""
    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'shared.sqlite3'}"

    first, second = create_app(FileConfig), create_app(FileConfig)
    with first.app_context():
        db.create_all()
        make_org(name="Alpha Pharma")
        user = SimpleNamespace(email=make_user().email)
    reader = second.test_client()
    with second.app_context():
        login(reader, user)
        assert names(reader) == ["Alpha Pharma"]
        assert names(reader) == ["Alpha Pharma"]  # now from the second app's cache
    with first.app_context():
        organisation = db.session.execute(db.select(Organisation)).scalar_one()
        organisation.name = "Aleph Pharma"
        db.session.commit()
    with second.app_context():
        assert names(reader) == ["Aleph Pharma"]
    for app in (first, second):
        with app.app_context():
            db.engine.dispose()


def test_a_warm_directory_page_reads_no_organisation(client, directory):
    for query in ("", "q=antibodies", "page=1&sector=pharma"):
        names(client, query)
        with statements() as seen:
            assert names(client, query)
        assert not [s for s in seen if re.search(r"(FROM|JOIN) organisation", s)], seen
        assert len(seen) <= 1, seen  # the user with the data stamp and the bell's count (user_prefetch)


def test_the_cache_is_per_language(client, directory):
    english = client.get("/profiles/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    italian = client.get("/profiles/", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert ">Pharma<" in english and ">Farmaceutica<" in italian


def test_no_cache_when_the_size_is_zero(app, client, directory):
    app.config["PAGE_CACHE_SIZE"] = 0
    app.extensions.pop("page_cache", None)
    assert names(client) == ["Alpha Pharma", "Beta Devices"]
    assert "page_cache" in app.extensions and app.extensions["page_cache"] is False


def test_the_lru_forgets_the_oldest():
    cache = page_cache.LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3 and len(cache) == 2


def _suggestion_forms(html: str, suggestion_id: int) -> list[str]:
    return re.findall(rf'<form method="post" action="/matches/suggestions/{suggestion_id}/feedback"[^>]*>.*?</form>',
                      html, flags=re.S)


def test_suggestion_cards_carry_each_sessions_own_token_and_follow_the_state(app):
    """Two members of one organisation see the same suggestions: the cached forms carry each one's own CSRF token
    (the other's would be refused), and an answer by one changes both pages' buttons."""
    from tests.integration.test_suggestions import world
    from matchmaker.services.suggestions import rebuild_all, stored_suggestions

    company, lab, _ = world()
    rebuild_all()
    first, second = app.test_client(), app.test_client()
    login(first, make_user(organisation=company))
    login(second, make_user(organisation=company))
    suggestion = next(s for s, target in stored_suggestions(company, "tech-transfer") if target.id == lab.id)
    pages = [client.get("/matches/").get_data(as_text=True) for client in (first, second, first, second)]
    tokens = [set(re.findall(r'name="csrf_token" value="([^"]+)"', "".join(_suggestion_forms(p, suggestion.id))))
              for p in pages]
    # A token is the session's secret signed with the second it was made: compare the signed secret, not the stamp.
    secrets = [{token.split(".")[0] for token in t} for t in tokens]
    assert all(len(t) == 1 for t in tokens) and secrets[0] == secrets[2] and secrets[1] == secrets[3]
    assert secrets[0] != secrets[1]  # the second page came from the cache, with its own session's token
    assert "\x00" not in "".join(pages)
    refused = second.post(f"/matches/suggestions/{suggestion.id}/feedback",
                          data={"action": "interested", "csrf_token": next(iter(tokens[0]))})
    assert refused.status_code == 400  # the first member's token is no good in the second's session
    answered = first.post(f"/matches/suggestions/{suggestion.id}/feedback",
                          data={"action": "interested", "csrf_token": next(iter(tokens[0]))})
    assert answered.status_code == 302
    for client in (first, second):
        forms = "".join(_suggestion_forms(client.get("/matches/").get_data(as_text=True), suggestion.id))
        assert 'value="undo"' in forms and 'value="interested"' not in forms


def test_private_contact_details_never_reach_a_cached_fragment(app):
    """The directory and the suggestion cards are shared between viewers: contact details that only some viewers
    may see (members, connections, organisers) must be in neither, whoever asked first."""
    from tests.integration.test_suggestions import world
    from matchmaker.services.suggestions import rebuild_all

    company, lab, _ = world()
    lab.contact_email, lab.contact_public = "secret-lab@example.org", False
    db.session.commit()
    rebuild_all()
    insider, outsider = app.test_client(), app.test_client()
    login(insider, make_user(organisation=lab))
    login(outsider, make_user(organisation=company))
    assert "secret-lab@example.org" in insider.get(f"/profiles/{lab.id}").get_data(as_text=True)
    for client in (insider, outsider, insider, outsider):
        for url in ("/profiles/", "/profiles/?q=liver", "/matches/", f"/profiles/{lab.id}"):
            html = client.get(url).get_data(as_text=True)
            assert ("secret-lab@example.org" in html) == (client is insider and url == f"/profiles/{lab.id}"), url


def _header(html: str) -> str:
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def test_the_shared_header_has_each_users_menu_token_and_address(app):
    """The header is kept per menu and bell number: each session gets its own CSRF token, each page its own
    escaped return address, each role its own menu."""
    member_org = make_org(name="Alpha Pharma")
    admin, member, other = app.test_client(), app.test_client(), app.test_client()
    login(admin, make_user(role="admin"))
    login(member, make_user(organisation=member_org))
    login(other, make_user(organisation=member_org))
    headers = {name: _header(client.get("/profiles/?q=%3Cb%3E%22x").get_data(as_text=True))
               for name, client in (("admin", admin), ("member", member), ("other", other))}
    assert "Audit log" in headers["admin"] and "Audit log" not in headers["member"]
    assert f'href="/profiles/{member_org.id}"' in headers["member"] and "/profiles/1\"" not in headers["admin"]
    tokens = {name: set(re.findall(r'name="csrf_token" value="([^"]+)"', h)) for name, h in headers.items()}
    assert all(len(t) == 1 for t in tokens.values()) and tokens["member"] != tokens["other"]
    assert 'name="next" value="/profiles/?q=%3Cb%3E%22x"' in headers["member"]
    assert "\x00" not in "".join(headers.values())
    assert 'name="next" value="/matches/"' in _header(member.get("/matches/").get_data(as_text=True))
    # the language switch still works from the cached header, with the token it shows
    switched = member.post("/language", data={"lang": "it", "next": "/profiles/",
                                              "csrf_token": next(iter(tokens["member"]))})
    assert switched.status_code == 302 and "Directory" not in _header(member.get("/profiles/").get_data(as_text=True))


def test_the_bell_number_is_never_another_users(app):
    from matchmaker.models import Notification

    alpha = make_org(name="Alpha Pharma")
    reader, quiet = make_user(organisation=alpha), make_user(organisation=alpha)
    db.session.add(Notification(user_id=reader.id, code="welcome", link="/profiles/"))
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    login(first, reader)
    login(second, quiet)
    for _ in range(2):
        assert '<span class="badge">1</span>' in _header(first.get("/profiles/").get_data(as_text=True))
        assert 'class="badge"' not in _header(second.get("/profiles/").get_data(as_text=True))
