"""After the first save a member sees what to do next, on their profile page and the home page: review the
suggestions that are there, and complete the parts still missing (not only "Edit profile")."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Suggestion
from matchmaker.services.next_step import next_step
from tests.helpers import login, make_org, make_user


def _card(html: str) -> str:
    assert 'id="next-step"' in html
    return html.split('id="next-step"', 1)[1].split("</section>", 1)[0]


def test_a_thin_profile_with_suggestions_leads_to_them_and_to_the_missing_fields(app, client):
    org = make_org(kind="sme", description="We make sensors.")
    partner = make_org(kind="research")
    db.session.add(Suggestion(kind="tech-transfer", source_id=org.id, target_id=partner.id, rank=1, score=0.5))
    db.session.commit()
    member = make_user(organisation_id=org.id)
    login(client, member)
    profile = _card(client.get(f"/profiles/{org.id}").get_data(as_text=True))
    assert 'href="/matches/"' in profile and "See your suggestions" in profile
    assert f'href="/profiles/{org.id}/edit"' in profile and "Complete the missing fields" in profile
    assert "What you offer" in profile  # the missing parts are named
    home = _card(client.get("/").get_data(as_text=True))
    assert 'href="/matches/"' in home and f'href="/profiles/{org.id}/edit"' in home


def test_without_suggestions_yet_the_member_is_told_they_are_coming(app, client):
    org = make_org(kind="sme")
    login(client, make_user(organisation_id=org.id))
    card = _card(client.get(f"/profiles/{org.id}").get_data(as_text=True))
    assert "being prepared" in card and "Complete the missing fields" in card


def test_others_see_no_next_step_on_a_profile(app, client):
    org = make_org(kind="sme")
    login(client, make_user(organisation_id=make_org().id))
    assert 'id="next-step"' not in client.get(f"/profiles/{org.id}").get_data(as_text=True)


def test_a_complete_profile_misses_nothing_and_counts_what_is_left_to_review(app):
    org = make_org(kind="investor", description="d", offer="o" * 80, seek="s" * 40, keywords="k", sectors=["biotech"],
                   therapeutic_areas=["oncology"], collaboration_types=["investment"], contact_name="A",
                   contact_email="a@b.example")
    org.investor_stages, org.investor_sectors, org.ticket_min = ["seed"], ["biotech"], 100_000  # investors' own parts
    db.session.add(Suggestion(kind="investor", source_id=org.id, target_id=make_org(kind="startup").id, rank=1,
                              score=0.5))
    db.session.commit()
    step = next_step(org)
    assert step.missing == () and step.to_review == 1
