"""The "Investors and start-ups" tab is shown only to those who can have investor suggestions: investors, start-ups
and SMEs that seek investment; an SME is told how to become eligible, a large company is not offered the tab."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_org, make_user
from tests.integration.test_suggestions import world


def test_only_organisations_that_can_have_investor_suggestions_see_the_tab(client):
    world()
    sme = make_org(name="Plain SME", kind="sme", offer="toxicology assays", seek="research partners in toxicology")
    large = make_org(name="Big Pharma", kind="large_company", offer="drug manufacturing", seek="academic partners")
    seeking = make_org(name="Funded SME", kind="sme", offer="organoid assays", seek="research partners",
                       collaboration_types=["investment"])
    startup = make_org(name="Tiny Start", kind="startup", offer="EEG wearable", seek="clinical partners")
    investor = make_org(name="Seed Fund", kind="investor", seek="medical devices")
    rebuild_all()
    for organisation, tab in ((sme, False), (large, False), (seeking, True), (startup, True), (investor, True)):
        user = make_user(organisation=organisation)
        with client.session_transaction() as session:
            session.clear()
        login(client, user)
        html = client.get("/matches/").get_data(as_text=True)
        if organisation is not investor:  # (an investor has one kind of suggestions: no tabs at all)
            assert ("Investors and start-ups" in html) is tab, organisation.name
        home = client.get("/").get_data(as_text=True)
        assert ('href="/matches/review?kind=investor"' in home) is tab, organisation.name  # its count and link
        asked = client.get("/matches/?kind=investor")  # not offered: the usual page, saying why (an SME: how to)
        page = asked.get_data(as_text=True)
        assert asked.status_code == 200, organisation.name
        assert ('id="investor-not-offered"' in page) is (organisation is large), organisation.name
        assert ('id="investor-eligibility"' in page) is (organisation is sme), organisation.name
        assert ('id="investor-eligibility"' in html) is (organisation is sme), organisation.name
    db.session.rollback()


def test_a_startup_without_suggestions_is_told_which_fields_investors_need(client):
    # A start-up with its offer, seek and sectors filled but no funding stage or amount: the investor tab names those
    # two fields and links to the profile form; once they are given, none is named.
    make_org(name="Seed Fund", kind="investor", seek="medical devices", sectors=["medtech"])
    startup = make_org(name="Tiny Start", kind="startup", offer="EEG wearable", seek="clinical partners",
                       sectors=["biotech"])
    rebuild_all()
    login(client, make_user(organisation=startup))
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert "Describe what you offer and seek" not in html
    assert ("Investors are suggested from your funding stage, the amount you are raising and your sectors: add to "
            f'<a href="/profiles/{startup.id}/edit">your profile</a> what is missing, funding stage and amount sought.'
            ) in html
    startup.funding_stage, startup.funding_amount_sought = "seed", 500_000
    db.session.commit()
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert 'id="investor-gaps"' in html and "what is missing" not in html and "No investor fits" in html


def test_a_startup_with_suggestions_is_told_which_fields_are_missing_above_the_list(client):
    # Suggestions are there (a funding stage says it seeks investment) but the amount and the sectors are not: a short
    # note above the list names them, in lower case mid-sentence, in English and Italian; none once all are given.
    make_org(name="Seed Fund", kind="investor", seek="EEG wearable medical devices for epilepsy monitoring")
    startup = make_org(name="Tiny Start", kind="startup", offer="EEG wearable for epilepsy monitoring",
                       seek="seed investment", funding_stage="seed")
    rebuild_all()
    user = make_user(organisation=startup)
    login(client, user)
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert "Seed Fund" in html and html.index('id="investor-gaps"') < html.index('id="suggestions"')
    assert ("For investor suggestions that fit better, add to "
            f'<a href="/profiles/{startup.id}/edit">your profile</a>: amount sought and sectors.') in html
    user.locale = "it"
    db.session.commit()
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert f'<a href="/profiles/{startup.id}/edit">tuo profilo</a>: importo cercato e settori.' in html
    startup.funding_amount_sought, startup.sectors = 250_000, ["medtech"]
    db.session.commit()
    assert 'id="investor-gaps"' not in client.get("/matches/?kind=investor").get_data(as_text=True)


def test_asking_for_investors_where_they_are_not_offered_says_why(client):
    """A large company or a research centre asking for investor suggestions (a link, an old bookmark, "investors"
    typed for "investor") gets its usual suggested partners and a sentence saying why investors are not offered,
    with a link to its usual list; in Italian too."""
    world()
    large = make_org(name="Big Pharma", kind="large_company", offer="drug manufacturing", seek="academic partners")
    lab = make_org(name="Lab Uni", kind="university", offer="organoid models", seek="industrial partners")
    rebuild_all()
    for organisation in (large, lab):
        with client.session_transaction() as session:
            session.clear()
        login(client, make_user(organisation=organisation))
        usual = client.get("/matches/").get_data(as_text=True)
        for asked in ("investor", "investors"):
            response = client.get(f"/matches/?kind={asked}")
            html = response.get_data(as_text=True)
            assert response.status_code == 200, (organisation.name, asked)
            notice = html[html.index('id="investor-not-offered"'):]
            notice = notice[:notice.index("</p>")]
            assert "not offered to your organisation" in notice and 'href="/matches/"' in notice
            assert usual.count('class="card"') == html.count('class="card"')  # the usual list below
        italian = client.get("/matches/?kind=investor", headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert "non sono proposti alla tua organizzazione" in italian
        assert 'id="investor-not-offered"' not in usual
    db.session.rollback()


def _notice(html: str, notice_id: str) -> str:
    notice = html[html.index(f'id="{notice_id}"'):]
    return notice[:notice.index("</p>")]


def test_a_kind_that_does_not_exist_gives_the_usual_list_and_says_so(client):
    """A mistyped `?kind=` is the usual page, saying the link asks for a kind that does not exist (but to an
    organisation with no kind of suggestions, which is told that instead: one message); only the review queue, whose
    links come from the list, answers 404."""
    world()
    large = make_org(name="Big Pharma", kind="large_company", offer="drug manufacturing", seek="academic partners")
    investor = make_org(name="Seed Fund", kind="investor", seek="medical devices")
    association = make_org(name="Assobiotec", kind="association", offer="advocacy", seek="members")
    rebuild_all()
    for organisation in (large, investor, association):
        with client.session_transaction() as session:
            session.clear()
        login(client, make_user(organisation=organisation))
        usual = client.get("/matches/").get_data(as_text=True)
        response = client.get("/matches/?kind=zzz")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, organisation.name
        assert usual.count('class="card"') == html.count('class="card"') and 'id="kind-unknown"' not in usual
        assert client.get("/matches/review?kind=zzz").status_code == 404
        if organisation is association:  # no list at all: only why it gets none (test_kinds_without_suggestions)
            assert 'id="kind-unknown"' not in html and 'id="no-suggestions-for-kind"' in html
            continue
        notice = _notice(html, "kind-unknown")
        assert "asks for a kind of suggestions that does not exist" in notice, organisation.name
        assert 'href="/matches/"' in notice
        italian = client.get("/matches/?kind=zzz", headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert "un tipo di suggerimenti che non esiste" in _notice(italian, "kind-unknown")
    db.session.rollback()


def test_a_kind_the_organisation_cannot_have_gives_the_usual_list_and_says_why(client):
    """An investor asking for tech transfer, an association for either kind: the usual page (200, never a bare 404),
    saying why that kind is not offered to the investor; the association, which gets no kind of suggestions, is told
    that alone (one message), and not which investor fields it lacks."""
    world()
    investor = make_org(name="Seed Fund", kind="investor", seek="medical devices")
    association = make_org(name="Assobiotec", kind="association", offer="advocacy", seek="members")
    rebuild_all()
    asked = ((investor, "tech-transfer"), (association, "tech-transfer"), (association, "investor"),
             (association, "investors"))
    for organisation, kind in asked:
        with client.session_transaction() as session:
            session.clear()
        login(client, make_user(organisation=organisation))
        usual = client.get("/matches/").get_data(as_text=True)
        response = client.get(f"/matches/?kind={kind}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200, (organisation.name, kind)
        assert usual.count('class="card"') == html.count('class="card"') and "not-offered" not in usual
        assert 'id="investor-gaps"' not in html
        assert 'id="kind-unknown"' not in html
        if organisation is association:
            assert "not-offered" not in html and 'id="no-suggestions-for-kind"' in html, kind
            continue
        notice = _notice(html, f"{kind.rstrip('s')}-not-offered")
        assert "so they are not offered to your organisation" in notice, (organisation.name, kind)
        assert 'href="/matches/"' in notice
        italian = client.get(f"/matches/?kind={kind}", headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert "non sono proposti alla tua organizzazione" in _notice(italian, "tech-transfer-not-offered")
    db.session.rollback()


def test_an_admin_looking_at_another_organisation_reads_its_name_not_your_organisation(client):
    world()
    large = make_org(name="Big Pharma", kind="large_company", offer="drug manufacturing", seek="academic partners")
    investor = make_org(name="Seed Fund", kind="investor", seek="medical devices")
    rebuild_all()
    login(client, make_user(role="admin"))
    for organisation, kind in ((large, "investor"), (investor, "tech-transfer")):
        html = client.get(f"/matches/?org={organisation.id}&kind={kind}").get_data(as_text=True)
        notice = _notice(html, f"{kind}-not-offered")
        assert f"not offered to {organisation.name} (" in notice and "your organisation" not in notice
        assert f"the usual suggested partners of {organisation.name}" in notice
        assert f'href="/matches/?org={organisation.id}"' in notice
        italian = client.get(f"/matches/?org={organisation.id}&kind={kind}",
                             headers={"Accept-Language": "it"}).get_data(as_text=True)
        assert f"non sono proposti a {organisation.name} (" in _notice(italian, f"{kind}-not-offered")
    db.session.rollback()


def test_an_admin_reads_the_sme_s_name_in_how_to_get_investor_suggestions(client):
    """The SME's eligibility notice says "your profile" to its members only: an admin looking at it (?org=) is told
    what to add to that organisation's profile, by name, in English and Italian."""
    world()
    sme = make_org(name="Plain SME", kind="sme", offer="toxicology assays", seek="research partners in toxicology")
    rebuild_all()
    login(client, make_user(organisation=sme))
    own = _notice(client.get("/matches/").get_data(as_text=True), "investor-eligibility")
    assert "in your profile." in own
    with client.session_transaction() as session:
        session.clear()
    login(client, make_user(role="admin"))
    for kind in ("", "&kind=investor"):
        notice = _notice(client.get(f"/matches/?org={sme.id}{kind}").get_data(as_text=True), "investor-eligibility")
        assert ("For Plain SME to get them, add “Investment” to the collaborations it wants, or a funding stage, "
                "in its profile.") in notice, kind
        assert "your profile" not in notice and "you want" not in notice, kind
        assert f'href="/profiles/{sme.id}/edit"' in notice
    italian = client.get(f"/matches/?org={sme.id}", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Perché Plain SME li riceva" in _notice(italian, "investor-eligibility")
    db.session.rollback()
