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
