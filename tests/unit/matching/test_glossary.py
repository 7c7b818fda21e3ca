"""The bilingual glossary: suggested tags from text, life-science or not, concepts in both languages."""
from __future__ import annotations

from matchmaker.glossary import concept_of, derive


def test_english_and_italian_words_map_to_the_same_concepts():
    assert concept_of("tumore") == concept_of("cancer") == concept_of("leukaemia") == "oncology"
    assert concept_of("cancro") == concept_of("cancri") == "oncology"  # the Italian everyday word
    assert concept_of("cardiovascular") == concept_of("cuore") == "cardiology"
    assert concept_of("riabilitazione") == concept_of("rehabilitation") == "rehabilitation"
    assert concept_of("universe") is None and concept_of("general") is None


def test_tags_are_derived_from_text_in_both_languages():
    english = derive("Phase I/II clinical trials of CAR-T cell therapies in leukaemia and lymphoma; "
                     "antibodies and cancer biomarkers")
    italian = derive("Sperimentazioni cliniche di terapie CAR-T nella leucemia e nel linfoma; anticorpi e tumori")
    for derived in (english, italian):
        assert "oncology" in derived.areas and "biotech" in derived.sectors and derived.life_science


def test_organisations_outside_life_sciences_are_marked():
    forest = derive("Forest biomass and wood supply chains for the circular bioeconomy; pulp and paper mills.")
    quantum = derive("Superconducting qubits and quantum error correction for quantum computers.")
    assert not forest.life_science and not quantum.life_science
    assert forest.areas == () and quantum.sectors == ()


def test_a_concept_met_once_is_not_a_suggested_tag():
    # Each word counts once: a word followed by another is not counted a second time as a two-word entry.
    once = derive("Cardiac imaging of the heart with new sensors; wind turbines and power grids.")
    assert once.counts["cardiology"] == 2 and "cardiology" in once.areas
    single = derive("Soil restoration is at the heart of the Green Deal; farmers and crops.")
    assert single.counts.get("cardiology") == 1 and "cardiology" not in single.areas
    trials = derive("Clinical trials of a new medical device")  # two-word entries still count, once each
    assert trials.counts["pharma"] == 1 and trials.counts["medical_devices"] == 1


def test_farming_texts_are_not_life_science_nor_pharma():
    # Words that begin like a concept but are not about it, and farming texts with a few health words.
    assert concept_of("healthy") is None and concept_of("healthier") is None and concept_of("health") == "health"
    assert concept_of("formulation") is None and concept_of("supplementary") is None
    assert concept_of("integrators") is None and concept_of("integratori") == "nutraceutics"
    manure = derive("Decision-making tool for manure management strategies on livestock farms: farmers formulate "
                    "and test the formulation of organic fertilisers; farming, agricultural practices, farm data.")
    assert "pharma" not in manure.sectors and not manure.life_science
    soil = derive("Healthy soil for permanent crops: healthy soils are at the heart of farming; living labs with "
                  "farmers, crop rotations, agriculture and soil health; plant pathogens and farm practices.")
    assert not soil.life_science and soil.areas == ()
    # A health text that mentions farming stays life science.
    clinic = derive("Clinical study of patients with heart failure in hospitals; dietary intake of farm workers.")
    assert clinic.life_science


def test_healthy_volunteers_are_a_clinical_trial_concept():
    # "healthy" alone is not a concept, but "healthy volunteers" (phase I trials) is drug development
    assert concept_of("healthy") is None
    trial = derive("Phase I study in healthy volunteers; first-in-human dosing of healthy volunteers.")
    assert trial.counts.get("pharma") == 2 and "health" not in trial.counts
    assert derive("Studio di fase I su volontari sani.").counts.get("pharma") == 1
    assert "pharma" not in derive("Healthy soil and healthy crops.").counts
