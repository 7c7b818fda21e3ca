"""The review queue shows the paragraph of a partner's text that its reasons are about, not its first one."""
from __future__ import annotations

from matchmaker.matches.wording import passage
from matchmaker.matching.reasons import Reasons

OFFER = ("METAMORPHOSIS. The Researchers' Night in the Czech Republic, science popularisation.\n\n"
         "TERRASAFE. Desertification and soil carbon in dry lands.\n\n"
         "ONCOBIOME. Gut microbiome signatures predicting immunotherapy response in colorectal tumours; "
         "metagenomics of the microbiome.\n\n"
         "SEPSIS-LT. Biomarkers stratifying sepsis; microbiome in intensive care.")


def test_the_paragraph_with_the_most_reason_terms_is_shown():
    reasons = Reasons([("seek_meets_offer", {"terms": ["microbiome", "immunotherapy", "tumours"]})])
    assert passage(OFFER, reasons).startswith("ONCOBIOME.")  # three terms, where SEPSIS-LT has one


def test_accents_and_case_do_not_hide_a_term():
    reasons = Reasons([("project_meets_offer", {"terms": ["Désertification"], "title": ""})])
    assert passage(OFFER, reasons).startswith("TERRASAFE.")


def test_without_terms_or_paragraphs_the_text_starts_as_it_is():
    assert passage(OFFER, Reasons([("shared_sector", {"sectors": ["pharma"]})])).startswith("METAMORPHOSIS.")
    assert passage("One text only.", Reasons([("seek_meets_offer", {"terms": ["soil"]})])) == "One text only."
    assert passage(None, Reasons()) == "" and passage("", Reasons()) == ""
    no_hit = Reasons([("seek_meets_offer", {"terms": ["cardiology"]})])
    assert passage(OFFER, no_hit).startswith("METAMORPHOSIS.")  # none has it: the first, as before


def test_paragraphs_typed_on_the_form_and_word_beginnings():
    typed = "Excellence in teaching.\r\n\r\nCell therapy manufacturing: CAR-T cells for lymphoma."
    reasons = Reasons([("seek_meets_offer", {"terms": ["cell"]})])
    assert passage(typed, reasons).startswith("Cell therapy")  # "cell" is not counted inside "excellence"
