"""The suggestions page of an investor (or of a start-up's investor tab) filters by stage, sector and money, not TRL."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_user
from tests.integration.test_suggestions import _investor_world
from matchmaker.models import Organisation


def _org(name: str) -> Organisation:
    return db.session.execute(db.select(Organisation).where(Organisation.name == name)).scalar_one()


def _names(html: str) -> set[str]:
    return {n for n in ("Wear Start", "Gene Start") if f">{n}</a>" in html}


def test_an_investor_filters_start_ups_by_stage_and_round_not_by_trl(client):
    _investor_world()
    wear, gene = _org("Wear Start"), _org("Gene Start")
    wear.funding_stage, wear.funding_amount_sought = "seed", 400_000
    gene.funding_stage, gene.funding_amount_sought = "series_a", 5_000_000
    fund = _org("Med Fund")
    fund.seek += "; gene therapy vectors for rare diseases"
    db.session.commit()
    rebuild_all()
    login(client, make_user(organisation=fund))
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert _names(html) == {"Wear Start", "Gene Start"}
    for absent in ('name="trl_min"', 'name="trl_max"', 'name="area"', 'name="partner_kind"'):
        assert absent not in html, absent
    assert 'name="stage"' in html and 'name="sector"' in html and 'name="amount"' in html
    assert "Round up to" in html
    assert _names(client.get("/matches/?kind=investor&stage=seed").get_data(as_text=True)) == {"Wear Start"}
    assert _names(client.get("/matches/?kind=investor&amount=1000000").get_data(as_text=True)) == {"Wear Start"}
    assert _names(client.get("/matches/?kind=investor&stage=growth").get_data(as_text=True)) == set()


def test_a_start_up_filters_investors_by_the_stages_they_invest_in(client):
    startup = _investor_world()[3]
    med, bio = _org("Med Fund"), _org("Bio Fund")
    med.investor_stages, med.ticket_min, med.ticket_max = ["seed"], 100_000, 1_000_000
    bio.investor_stages, bio.ticket_min, bio.ticket_max = ["series_b"], 5_000_000, 20_000_000
    startup.offer += "; biotech platforms, antibodies and gene therapy"
    db.session.commit()
    rebuild_all()
    login(client, make_user(organisation=startup))
    html = client.get("/matches/?kind=investor").get_data(as_text=True)
    funds = lambda h: {n for n in ("Med Fund", "Bio Fund") if f">{n}</a>" in h}  # noqa: E731
    assert funds(html) == {"Med Fund", "Bio Fund"}, html
    assert 'name="trl_min"' not in html and "Tickets that cover" in html
    assert funds(client.get("/matches/?kind=investor&stage=seed").get_data(as_text=True)) == {"Med Fund"}
    assert funds(client.get("/matches/?kind=investor&amount=10000000").get_data(as_text=True)) == {"Bio Fund"}


def test_the_tech_transfer_list_keeps_its_filters(client):
    company = _investor_world()[0]
    rebuild_all()
    login(client, make_user(organisation=company))
    html = client.get("/matches/?kind=tech-transfer").get_data(as_text=True)
    assert 'name="trl_min"' in html and 'name="area"' in html and 'name="stage"' not in html
