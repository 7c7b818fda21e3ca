"""Directory search through the bilingual glossary's concepts: "tumore", "cancro", "cancer" and "oncologia" find
each other's profiles, and a cancer institute named for oncology ranks above a profile that mentions cancer once
among many other words."""
from __future__ import annotations

import pytest

from tests.helpers import login, make_org, make_user
from tests.integration.test_search import names


@pytest.fixture
def profiles(client):
    make_org(name="Istituto Oncologico Lombardo", language="it", kind="irccs_hospital",
             description="Ricerca e cura in oncologia medica.")
    make_org(name="Liver Study Society", kind="other",
             offer="Congresses and guidelines on liver disease: hepatitis, cirrhosis, fatty liver and liver cancer.")
    make_org(name="Cancer Care Alliance", kind="other", offer="Patient advocacy for cancer care across Europe.")
    make_org(name="Cardio Labs", offer="Wearable ECG sensors and heart failure telemonitoring.")
    login(client, make_user())


@pytest.mark.parametrize("word", ["tumore", "cancro", "cancer", "tumori"])
def test_a_word_for_cancer_finds_the_oncology_institute_first(profiles, client, word):
    found = names(client, word)
    # The two profiles about cancer lead (SQLite's FTS5 puts the institute first, PostgreSQL's ts_rank the alliance
    # whose name says "Cancer"); the liver society that mentions cancer once among many words comes after them.
    assert set(found[:2]) == {"Istituto Oncologico Lombardo", "Cancer Care Alliance"}, found
    assert {"Liver Study Society", "Cancer Care Alliance"} <= set(found) and "Cardio Labs" not in found


def test_oncologia_finds_profiles_that_say_cancer(profiles, client):
    found = names(client, "oncologia")
    assert found[0] == "Istituto Oncologico Lombardo"
    assert {"Liver Study Society", "Cancer Care Alliance"} <= set(found) and "Cardio Labs" not in found


def test_concept_terms_reach_the_concepts_name_and_the_name_its_synonyms():
    from matchmaker.search.analysis import concept_terms, parse_query

    assert "oncolog" in concept_terms("tumore") and "oncolog" in concept_terms("cancro")
    assert "zctumour" in concept_terms("oncologia")
    assert "cardiolog" in concept_terms("cuore")
    assert concept_terms("regolamento") == ()  # no concept: the query is as before
    (group,) = parse_query("oncologia").groups
    assert len(group) == len(set(group))  # each term once


def test_epilessia_and_epilepsy_find_each_other(client):
    """The 2026-12-01 walk: "epilessia" found only the one Italian profile, "epilepsy" 38 others but not it."""
    make_org(name="NeuroSense", language="it", offer="Dispositivo EEG indossabile per l'epilessia.")
    make_org(name="Epilepsy Centre", offer="Epilepsy surgery and long-term EEG monitoring.")
    make_org(name="Cardio Labs", offer="Wearable ECG sensors and heart failure telemonitoring.")
    login(client, make_user())
    for word in ("epilessia", "epilepsy"):
        found = names(client, word)
        assert {"NeuroSense", "Epilepsy Centre"} <= set(found) and "Cardio Labs" not in found, (word, found)


def test_sla_and_als_and_the_disease_s_names_find_each_other(client):
    """The 2026-12-01 walk: "SLA", the Italian acronym, found nothing; "ALS" only the English profiles."""
    make_org(name="Centro SLA", language="it", offer="Assistenza e ricerca sulla sclerosi laterale amiotrofica.")
    make_org(name="ALS Lab", offer="Motor neuron biology in ALS models.")
    make_org(name="MND Network", offer="Registries of patients with amyotrophic lateral sclerosis.")
    make_org(name="MS Centre", offer="Multiple sclerosis imaging; lateral ventricle volumes.")
    make_org(name="Citation Lab", offer="Results reproduced from Rossi et al. and Bianchi et al.")
    login(client, make_user())
    for query in ("SLA", "ALS", "sclerosi laterale amiotrofica", "amyotrophic lateral sclerosis"):
        found = set(names(client, query))
        assert {"Centro SLA", "ALS Lab", "MND Network"} <= found, (query, found)
        assert not found & {"MS Centre", "Citation Lab"}, (query, found)


def test_clinical_words_find_their_translation_immunoterapia_chirurgia_trapianto(client):
    """The 2026-12-02 check: "immunoterapia" found none of the English immunotherapy profiles (their stems differ:
    immunoterap / immunotherapi), nor "chirurgia" surgery, nor "trapianto" transplant; and the other way round."""
    make_org(name="ImmunoLab", offer="Cancer immunotherapy with engineered T cells.")
    make_org(name="Centro Immunoterapia", language="it", offer="Immunoterapia dei tumori solidi.")
    make_org(name="Surgical Robotics", offer="Robotic surgery and kidney transplantation outcomes.")
    make_org(name="Chirurgia Lombarda", language="it", offer="Chirurgia dei trapianti di rene.")
    make_org(name="Cardio Labs", offer="Wearable ECG sensors and heart failure telemonitoring.")
    login(client, make_user())
    for word in ("immunoterapia", "immunotherapy"):
        found = names(client, word)
        assert {"ImmunoLab", "Centro Immunoterapia"} <= set(found) and "Cardio Labs" not in found, (word, found)
    for word in ("chirurgia", "surgery", "trapianto", "transplant"):
        found = names(client, word)
        assert {"Surgical Robotics", "Chirurgia Lombarda"} <= set(found), (word, found)
        assert "ImmunoLab" not in found and "Cardio Labs" not in found, (word, found)


def test_surgeons_compounds_and_specialties_find_their_translation(client):
    """The 2026-12-02 walk: "surgeon" found 15 where "chirurgo" found 59, "cardiochirurgia" none of the "cardiac
    surgery" profiles; and specialties whose stems differ (ginecologia / gynaecology, biotecnologia...)."""
    make_org(name="Heart Surgery Unit", offer="Minimally invasive cardiac surgery and valve repair.")
    make_org(name="Cardiochirurgia Milano", language="it", offer="Cardiochirurgia pediatrica e dell’adulto.")
    make_org(name="Surgeons Network", offer="Training network for young surgeons.")
    make_org(name="Neuro Surgery Lab", offer="Neurosurgery planning with augmented reality.")
    make_org(name="Clinica Ginecologica", language="it", offer="Ginecologia oncologica e ostetricia.")
    make_org(name="Cardio Labs", offer="Wearable ECG sensors and heart failure telemonitoring.")
    login(client, make_user())
    for query in ("cardiochirurgia", "cardiac surgery", "cardiochirurgo"):
        found = set(names(client, query))
        assert {"Heart Surgery Unit", "Cardiochirurgia Milano"} <= found, (query, found)
        assert not found & {"Cardio Labs", "Surgeons Network"}, (query, found)
    assert "Surgeons Network" in names(client, "chirurgo") and "Heart Surgery Unit" in names(client, "surgeon")
    assert "Neuro Surgery Lab" in names(client, "neurochirurgia")
    assert {"Clinica Ginecologica"} == set(names(client, "gynaecology")) == set(names(client, "obstetrics"))
