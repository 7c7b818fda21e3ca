"""The directory's therapeutic-area filter takes a profile that says the area in its texts as one tagged with it,
as the suggestions' area filter does (a walk: "?area=oncology" found 3 of the 4,293 demo profiles, the imported
ones having no tags, while the suggestions' filter of the same label found the partners that say "oncology")."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user
from tests.integration.test_directory import names


def test_an_area_said_in_the_texts_passes_the_directory_s_area_filter(client):
    make_org(name="Tagged Onco", therapeutic_areas=["oncology"], offer="Cell models")
    make_org(name="Said Onco", offer="Clinical oncology trials of targeted drugs")
    make_org(name="Detta Oncologia", language="it", offer="Ricerca in oncologia pediatrica")
    make_org(name="Cardio Only", offer="Cardiology devices and heart failure monitoring")
    login(client, make_user())
    wanted = {"Tagged Onco", "Said Onco", "Detta Oncologia"}
    assert set(names(client, "area=oncology")) == wanted  # no words: the directory's own order
    assert set(names(client, "area=oncology&q=trials")) == {"Said Onco"}  # with words: through the search index
    assert set(names(client, "area=cardiology")) == {"Cardio Only"}
    assert "4 organisations" in client.get("/profiles/").get_data(as_text=True)


def test_a_profile_that_stops_saying_the_area_leaves_the_filter(client):
    org = make_org(name="Said Onco", offer="Clinical oncology trials")
    login(client, make_user())
    assert names(client, "area=oncology") == ["Said Onco"]
    db.session.get(Organisation, org.id).offer = "Clinical trials of cardiac devices"
    db.session.commit()
    assert names(client, "area=oncology") == []
