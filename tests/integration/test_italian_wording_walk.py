"""Italian wording the newcomer's walk found: one term for connections, one full stop after "S.r.l.", the mails'
greeting in the informal register ("tu": "Ciao"), the review queue's Next button and its key hint agreeing."""
from __future__ import annotations

import logging

from matchmaker.extensions import db
from matchmaker.services import accounts, membership, review
from tests.helpers import login, make_org, make_user


def test_the_dashboard_link_and_the_connections_page_use_one_word(client):
    acme, lab = make_org(name="Acme"), make_org(name="Liver Lab", kind="university")
    alice = make_user(organisation=acme, locale="it")
    review.express_interest(acme, lab, "interested", alice)
    review.express_interest(lab, acme, "interested", make_user(organisation=lab))
    login(client, alice)
    home = client.get("/").get_data(as_text=True)
    assert "Tutti i collegamenti" in home and "contatti stabiliti" not in home
    assert "<h1>Collegamenti</h1>" in client.get("/matches/connections").get_data(as_text=True)


def test_a_name_ending_in_a_dot_ends_the_sentence_once(client):
    biofarma = make_org(name="BioFarma Lombarda S.r.l.")
    member = make_user(organisation=biofarma, locale="it")
    joiner = make_user(organisation_id=None, joining_name="BioFarma Lombarda", name="Luca Verdi", locale="it")
    membership.ask(joiner, biofarma)
    login(client, member)
    html = client.get("/membership/requests").get_data(as_text=True)
    assert "chiede di entrare in BioFarma Lombarda S.r.l.</p>" in html and "S.r.l.." not in html


def test_every_italian_mail_greets_with_ciao(client, caplog):
    user = make_user(locale="it", email_confirmed=False, name="Giulia")
    with caplog.at_level(logging.WARNING):
        accounts.send_confirmation(user, lambda token: f"https://mm.example.org/auth/confirm/{token}")
        accounts.request_password_reset(user.email, lambda token: f"https://mm.example.org/auth/reset/{token}")
    mailed = [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()]
    assert len(mailed) == 2 and all("Ciao Giulia," in m and "Gentile" not in m for m in mailed)


def test_the_queue_next_button_and_its_key_hint_agree_in_italian(client):
    from tests.integration.test_suggestions import world
    from matchmaker.services.suggestions import rebuild_all

    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company, locale="it"))
    html = client.get("/matches/review").get_data(as_text=True)
    assert ">Prossima</a>" in html and "<kbd>P</kbd> prossima" in html
    db.session.remove()
