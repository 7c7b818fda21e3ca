"""An association or "other" organisation never gets suggestions (match_kinds): its suggestions page, home page and
next-step card say so and point at the directory and events, instead of asking for a better profile to get some."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from tests.helpers import login, make_org, make_user


def _block(html: str, marker: str) -> str:
    assert marker in html, marker
    return html.split(marker, 1)[1].split("</div>", 1)[0]


def test_an_association_is_told_why_it_has_no_suggestions_and_where_to_go(client):
    for kind in ("association", "other"):
        organisation = make_org(name=f"Assobiotec {kind}", kind=kind, offer="advocacy", seek="members")
        with client.session_transaction() as session:
            session.clear()
        login(client, make_user(organisation=organisation))
        html = client.get("/matches/").get_data(as_text=True)
        assert "No suggestions yet" not in html and "your profile</a>" not in html, kind
        assert 'id="left-count"' not in html and "Review them one by one" not in html, kind
        notice = _block(html, 'id="no-suggestions-for-kind"')
        assert "pair companies with research organisations, and investors with start-ups" in notice
        assert re.search(r"so your organisation \([^)]+\) gets none", notice), notice
        assert 'href="/profiles/"' in notice and 'href="/events/"' in notice
        italian = client.get("/matches/", headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert "quindi la tua organizzazione" in _block(italian, 'id="no-suggestions-for-kind"'), kind
        queue = client.get("/matches/review")  # nothing to review: the list, which says why
        assert queue.status_code == 302 and queue.headers["Location"].endswith("/matches/"), kind
    db.session.rollback()


def test_an_admin_reads_the_association_s_name(client):
    association = make_org(name="Assobiotec", kind="association", offer="advocacy", seek="members")
    login(client, make_user(role="admin"))
    notice = _block(client.get(f"/matches/?org={association.id}").get_data(as_text=True),
                    'id="no-suggestions-for-kind"')
    assert "so Assobiotec (" in notice and "your organisation" not in notice and "Members of Assobiotec" in notice
    italian = client.get(f"/matches/?org={association.id}", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "quindi Assobiotec (" in _block(italian, 'id="no-suggestions-for-kind"')


def test_the_home_page_of_an_association_promises_no_suggestions(client):
    association = make_org(name="Assobiotec", kind="association", offer="advocacy")  # thin: fields missing
    login(client, make_user(organisation=association))
    home = client.get("/").get_data(as_text=True)
    assert "Suggestions to review" not in home and 'href="/matches/"' not in home.split("</header>", 1)[1]
    assert "suggestions" not in home.split("</header>", 1)[1].split('id="no-suggestions-for-kind"')[0].lower()
    assert 'href="/profiles/"' in _block(home, 'id="no-suggestions-for-kind"')
    card = home.split('id="next-step"', 1)[1].split("</section>", 1)[0]
    assert "helps other members find you in the directory" in card
    profile = client.get(f"/profiles/{association.id}").get_data(as_text=True)
    assert "helps other members find you in the directory. Still missing:" in profile
    assert "better suggestions" not in profile


def test_a_company_s_home_page_still_leads_to_its_suggestions(client):
    company = make_org(name="Plain SME", kind="sme", offer="toxicology assays")
    login(client, make_user(organisation=company))
    home = client.get("/").get_data(as_text=True).split("</header>", 1)[1]
    assert "Suggestions to review" in home and 'href="/matches/"' in home and "better suggestions" in home
    assert 'id="no-suggestions-for-kind"' not in home


def test_a_link_to_a_kind_of_suggestions_gives_an_association_the_one_explanation(client):
    association = make_org(name="Assobiotec", kind="association", offer="advocacy", seek="members")
    login(client, make_user(organisation=association))
    for asked in ("tech-transfer", "investor", "nonsense"):
        html = client.get(f"/matches/?kind={asked}").get_data(as_text=True)
        assert html.count('class="notice"') == 1, asked
        assert 'id="no-suggestions-for-kind"' in html, asked
        assert "kind-unknown" not in html and "-not-offered" not in html and "does not exist" not in html, asked
        assert "so they are not offered" not in html, asked
