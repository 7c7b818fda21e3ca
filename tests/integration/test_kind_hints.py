"""Each list of suggestions says what it holds, for the one reading it: the list's name alone ("19 to review · Tech
transfer") explained nothing to a newcomer (2026-12-01 walk)."""
from __future__ import annotations

from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_org, make_user
from tests.integration.test_suggestions import world


def test_the_lists_say_what_they_hold_for_a_company_and_a_university(client):
    company, lab, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    page = client.get("/matches/").get_data(as_text=True)
    hint = page.split('id="kind-hint">', 1)[1].split("</p>", 1)[0]
    assert hint == "Research partners for your company: universities, IRCCS and hospitals, research centres."
    assert "Research partners for your company" in client.get("/matches/review").get_data(as_text=True)
    home = client.get("/").get_data(as_text=True)
    assert "to review</a> · Research partners for your company" in home
    client.get("/auth/logout")
    login(client, make_user(organisation=lab, locale="it"))
    hint = client.get("/matches/").get_data(as_text=True).split('id="kind-hint">', 1)[1].split("</p>", 1)[0]
    assert hint == "Aziende che potrebbero usare o sviluppare la tua ricerca."


def test_an_investor_and_a_start_up_read_their_own(client):
    investor = make_org(name="Seed Fund", kind="investor", offer="Seed investments in medtech and diagnostics")
    startup = make_org(name="Tiny Dx", kind="startup", offer="Point-of-care diagnostics", seek="seed investment",
                       funding_stage="seed")
    rebuild_all()
    login(client, make_user(organisation=investor))
    page = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert "Start-ups and companies that fit your investment focus." in page
    client.get("/auth/logout")
    login(client, make_user(organisation=startup))
    page = client.get("/matches/?kind=investor").get_data(as_text=True)
    assert "Investors whose focus and tickets fit your company." in page
