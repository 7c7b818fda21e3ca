"""IRCCS is an Italian accreditation (walk s17, F11): a hospital outside Italy reads "Hospital" on its card and
profile, an Italian one "IRCCS / hospital"; the directory's kind filter names both ("IRCCS and hospitals"). The
stored kind stays irccs_hospital (the filter still finds both)."""
from __future__ import annotations

import re

from matchmaker import taxonomy
from tests.helpers import login, make_org, make_user


def test_the_kind_label_depends_on_the_country():
    assert taxonomy.kind_label("irccs_hospital", "FR") == "Hospital"
    assert taxonomy.kind_label("irccs_hospital", "nl", "it") == "Ospedale"
    assert taxonomy.kind_label("irccs_hospital", "IT", "it") == "IRCCS / ospedale"
    assert taxonomy.kind_label("irccs_hospital", "") == "IRCCS / hospital"  # country unknown: as stored
    assert taxonomy.kind_label("university", "FR", "it") == "Università"
    assert ("irccs_hospital", "IRCCS e ospedali") in taxonomy.kind_choices("it")


def test_cards_profile_and_filter_say_hospital_abroad_and_irccs_in_italy(client):
    paris = make_org(name="Assistance Publique Hopitaux de Paris", kind="irccs_hospital", country="FR", city="Paris",
                     region="")
    besta = make_org(name="Fondazione IRCCS Besta", kind="irccs_hospital", region="Lombardia", city="Milano")
    login(client, make_user())
    html = client.get("/profiles/?kind=irccs_hospital").get_data(as_text=True)
    cards = dict(re.findall(r'<h2><a href="/profiles/\d+">([^<]+)</a></h2>\s*<p class="meta">([^<·]+)', html))
    assert cards["Assistance Publique Hopitaux de Paris"].strip() == "Hospital"
    assert cards["Fondazione IRCCS Besta"].strip() == "IRCCS / hospital"
    assert re.search(r'<option value="irccs_hospital"[^>]*>IRCCS and hospitals</option>', html)
    assert '<p class="meta">Hospital' in client.get(f"/profiles/{paris.id}").get_data(as_text=True)
    assert '<p class="meta">IRCCS / hospital' in client.get(f"/profiles/{besta.id}").get_data(as_text=True)
    html = client.get("/profiles/?kind=irccs_hospital", headers={"Accept-Language": "it-IT,it;q=0.9"}).get_data(
        as_text=True)
    assert ">Ospedale" in html and "IRCCS e ospedali</option>" in html
