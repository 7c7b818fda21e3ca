"""The directory's full-text search: both languages, plurals, accents, relevance, and an index in step with edits."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from matchmaker.extensions import db
from matchmaker.search import index as search_index
from tests.helpers import login, make_org, make_user


@pytest.fixture
def profiles(client):
    make_org(name="Helix Vectors", offer="We design AAV vectors for gene therapy of inherited retinal diseases.")
    make_org(name="Istituto Tumori Nord", language="it",
             description="Ricerca traslazionale in oncologia e sperimentazioni cliniche di fase I.")
    make_org(name="Cardio Labs", offer="Wearable ECG sensors and heart failure telemonitoring.")
    make_org(name="Oncology Partners", offer="Contract research for oncology biotechs.")
    make_org(name="Terapie Avanzate S.r.l.", language="it", offer="Sviluppiamo terapie geniche per malattie rare.")
    make_org(name="Tagged Only", therapeutic_areas=["oncology"])
    make_org(name="Università degli Studi di Pavia", kind="university", offer="Biomateriali per l'ortopedia.")
    login(client, make_user())


def names(client, q: str) -> list[str]:
    html = client.get("/profiles/", query_string={"q": q}).get_data(as_text=True)
    return re.findall(r'<h2><a href="/profiles/\d+">([^<]+)</a></h2>', html)


def test_an_italian_word_finds_profiles_written_in_english(profiles, client):
    found = names(client, "oncologia")
    assert {"Oncology Partners", "Istituto Tumori Nord", "Tagged Only"} <= set(found)
    assert "Cardio Labs" not in found


def test_gene_therapy_in_either_language(profiles, client):
    assert set(names(client, "terapia genica")) == {"Helix Vectors", "Terapie Avanzate S.r.l."}
    assert set(names(client, "gene therapies")) == {"Helix Vectors", "Terapie Avanzate S.r.l."}
    assert names(client, "terapia genica") == names(client, "gene therapy")  # same ranking either way


def test_plurals_and_accents_do_not_matter(profiles, client):
    assert names(client, "universita") == names(client, "Università") == ["Università degli Studi di Pavia"]
    assert names(client, "vector") == names(client, "VECTORS") == ["Helix Vectors"]
    assert "Istituto Tumori Nord" in names(client, "clinical trials")  # "sperimentazioni cliniche"


def test_a_match_in_the_name_ranks_first(profiles, client):
    assert names(client, "oncology")[0] == "Oncology Partners"


def test_several_words_that_no_profile_has_together_rank_any_of_them(profiles, client):
    assert set(names(client, "retinal biomateriali")) == {"Helix Vectors", "Università degli Studi di Pavia"}


def test_filters_still_apply_to_a_search(profiles, client):
    html = client.get("/profiles/", query_string={"q": "oncologia", "kind": "university"}).get_data(as_text=True)
    assert "Oncology Partners" not in html


def test_the_index_follows_edits_tags_and_deletions(profiles, client):
    lab = make_org(name="Quiet Lab", offer="Mass spectrometry.")
    assert names(client, "proteomica") == []
    lab.offer = "Proteomics core facility."
    db.session.commit()
    assert names(client, "proteomica") == ["Quiet Lab"]
    lab.therapeutic_areas = ["cardiology"]
    db.session.commit()
    assert "Quiet Lab" in names(client, "cardiologia")
    db.session.delete(lab)
    db.session.commit()
    assert names(client, "proteomics") == []


def test_rebuild_indexes_every_profile(profiles, app):
    conn = db.session.connection()
    conn.execute(text(f"DELETE FROM {search_index.TABLE}"))
    assert search_index.rebuild(conn) == 7
    db.session.commit()
    count = db.session.execute(text(f"SELECT count(*) FROM {search_index.TABLE}")).scalar()
    assert count == 7
