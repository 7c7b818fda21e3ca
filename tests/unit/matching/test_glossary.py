"""The bilingual glossary: suggested tags from text, life-science or not, concepts in both languages."""
from __future__ import annotations

from matchmaker.glossary import concept_of, derive


def test_english_and_italian_words_map_to_the_same_concepts():
    assert concept_of("tumore") == concept_of("cancer") == concept_of("leukaemia") == "oncology"
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
