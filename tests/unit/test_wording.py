"""The web layer words the engine's reason codes: one sentence per code, readable labels."""
from __future__ import annotations

from matchmaker.matches.wording import headline, reason_lines
from matchmaker.matching.reasons import Reasons


def test_every_code_is_worded_with_labels_not_codes():
    reasons = Reasons([("shared_area", {"areas": ["oncology", "rare_diseases"]}),
                       ("trl_fit", {"theirs": 5, "yours": 4}),
                       ("ticket_fit", {"amount": 1_000_000, "min": 250_000, "max": 3_000_000}),
                       ("shared_concepts", {"concepts": ["ophthalmology"]})], "strong", "seek")
    assert reason_lines(reasons) == ["Both work in oncology, rare diseases", "Their TRL 5 fits your TRL 4",
                                     "Your round of €1,000,000 is within their tickets (€250,000 to €3,000,000)",
                                     "Both work on ophthalmology"]
    assert headline(reasons) == "Strong match — mainly what you seek meets what they offer"
    assert reason_lines(Reasons([("track_record", {"projects": 1}), ("shared_partners", {"count": 3}),
                                 ("similar_track", {"similar": 1, "total": 4})])) == [
        "Track record: 1 funded project", "You have 3 past partners in common",
        "Track record: 1 of their 4 funded projects is on work like yours"]


def test_investor_reasons_are_worded_for_the_investor():
    reasons = Reasons([("their_stage_fit", {"stage": "seed"}),
                       ("their_ticket_fit", {"amount": 1_000_000, "min": 250_000, "max": 3_000_000}),
                       ("their_investor_sector", {"sectors": ["medical_devices"]})])
    assert reason_lines(reasons) == ["At a stage you invest in: Seed",
                                     "Their round of €1,000,000 is within your tickets (€250,000 to €3,000,000)",
                                     "In sectors you invest in: Medical devices"]


def test_profile_words_that_name_a_glossary_concept_are_glossed_in_italian(app):
    from flask_babel import force_locale

    reasons = Reasons([("seek_meets_offer", {"terms": ["cancer", "heart", "biobank", "clinical trial", "oncologia"]})])
    with app.test_request_context(), force_locale("it"):
        line = reason_lines(reasons)[0]
    assert line.endswith(": cancer (oncologia), heart (cardiologia), biobank (biobanche), clinical trial, oncologia")
    # English: a profile's Italian word that is a label ("oncologia") is worded in English
    assert reason_lines(reasons)[0].endswith(": cancer, heart, biobank, clinical trial, oncology")


def test_terms_that_are_taxonomy_or_glossary_labels_are_worded_in_the_readers_language(app):
    from flask_babel import force_locale

    reasons = Reasons([("offer_meets_seek", {"terms": ["in-vitro diagnostics", "Medical devices", "ctDNA"]})])
    with app.test_request_context(), force_locale("it"):
        line = reason_lines(reasons)[0]
    assert line.endswith(": diagnostica in vitro, dispositivi medici, ctDNA"), line
    assert "diagnostics" not in line
    reasons = Reasons([("offer_meets_seek", {"terms": ["dispositivi medici", "diagnostica in vitro", "EEG", "cdmo"]})])
    with app.test_request_context():
        assert reason_lines(reasons)[0].endswith(": medical devices, in-vitro diagnostics, EEG, CDMO")


def test_the_ticket_driver_speaks_to_the_reader():
    """A start-up reads of its round and their tickets, an investor of their round and its own tickets."""
    ticket = {"amount": 1_000_000, "min": 250_000, "max": 3_000_000}
    startup = Reasons([("ticket_fit", ticket)], "strong", "ticket")
    investor = Reasons([("their_ticket_fit", ticket)], "strong", "ticket")
    assert headline(startup) == "Strong match — mainly your round within their tickets"
    assert headline(investor) == "Strong match — mainly their round within your tickets"


def test_shared_past_partners_are_named_up_to_two_and_the_rest_counted(app):
    from flask_babel import force_locale

    one = Reasons([("shared_partners", {"count": 1, "partners": ["p1"], "names": ["UPPSALA UNIVERSITET"]})])
    two = Reasons([("shared_partners", {"count": 2, "partners": ["p1", "p2"], "names": ["Inserm", "Karolinska"]})])
    five = Reasons([("shared_partners", {"count": 5, "partners": ["p1", "p2"], "names": ["Inserm", "Karolinska"]})])
    unnamed = Reasons([("shared_partners", {"count": 1, "partners": ["p1"]})])  # names not looked up (no service)
    with app.test_request_context():
        assert reason_lines(one) == ["You have a past partner in common: UPPSALA UNIVERSITET"]
        assert reason_lines(two) == ["You have 2 past partners in common: Inserm and Karolinska"]
        assert reason_lines(five) == ["You have 5 past partners in common: Inserm, Karolinska and 3 more"]
        assert reason_lines(unnamed) == ["You have a past partner in common"]
        comma = Reasons([("shared_partners", {"count": 4, "partners": ["p1", "p2"],
                                              "names": ["INRAE, L'ALIMENTATION", "Inserm"]})])
        assert reason_lines(comma) == ["You have 4 past partners in common: INRAE, L'ALIMENTATION; Inserm and 2 more"]
        with force_locale("it"):
            assert reason_lines(one) == ["Un partner passato in comune: UPPSALA UNIVERSITET"]
            assert reason_lines(two) == ["2 partner passati in comune: Inserm e Karolinska"]
            assert reason_lines(five) == ["5 partner passati in comune: Inserm, Karolinska e altri 3"]


def test_investor_pairs_read_as_an_investment_focus_and_a_hospital_as_a_clinical_site(app):
    from flask_babel import force_locale

    startup = Reasons([("investor_focus", {"terms": ["EEG", "epilepsy"]})], "good", "seek")
    investor = Reasons([("their_investor_focus", {"terms": ["EEG"]})], "good", "offer")
    clinical = Reasons([("clinical_site", {})], "possible", "collaboration")
    hospital = Reasons([("their_clinical_site", {}), ("collaboration", {"types": ["licensing"]})], "possible",
                       "collaboration")
    with app.test_request_context():
        assert reason_lines(startup) == ["Their investment focus meets your profile: EEG, epilepsy"]
        assert headline(startup) == "Good match — mainly your profile meeting their investment focus"
        assert headline(investor) == "Good match — mainly their profile meeting your investment focus"
        assert reason_lines(clinical) == ["A hospital open to clinical studies: the clinical partner you seek"]
        assert headline(clinical) == "Possible match — mainly a clinical site for the study you seek"
        assert headline(hospital) == "Possible match — mainly the collaboration you both want"  # licensing too
        with force_locale("it"):
            assert reason_lines(investor) == ["Il loro profilo corrisponde al tuo ambito d’investimento: EEG"]
            assert reason_lines(hospital)[0] == "Un’azienda che cerca uno studio clinico: puoi esserne il centro " \
                                                "clinico"
            assert headline(clinical) == "Corrispondenza possibile — soprattutto un centro clinico per lo studio " \
                                         "che cerchi"


def test_a_project_abstract_shared_by_other_partners_is_said_once_on_its_line(app):
    from flask_babel import force_locale

    line = Reasons([("seek_meets_project", {"terms": ["registries"], "title": "Innovative designs", "others": 2})])
    alone = Reasons([("seek_meets_project", {"terms": ["registries"], "title": "Innovative designs", "others": 0})])
    with app.test_request_context():
        assert reason_lines(line) == ["Their only profile text, like that of 2 other partners of the project, is the "
                                      "abstract of their funded project “Innovative designs”; what you seek meets it: "
                                      "registries"]
        assert reason_lines(alone)[0].startswith("Their only profile text is the abstract")
        with force_locale("it"):
            assert reason_lines(line)[0].startswith("Il loro unico testo di profilo, come quello di altri 2 partner "
                                                    "del progetto, è la sintesi")


def test_an_english_phrase_that_names_a_glossary_concept_is_glossed_in_italian(app):
    # F2: "preclinical models, licenses" stayed English in an Italian sentence
    from flask_babel import force_locale

    reasons = Reasons([("seek_meets_offer", {"terms": ["preclinical models", "biomarker studies", "clinical trial",
                                                       "licenses"]})])
    with app.test_request_context(), force_locale("it"):
        line = reason_lines(reasons)[0]
    assert line.endswith(": preclinical models (sviluppo di farmaci), biomarker studies (medicina molecolare), "
                         "clinical trial, licenses"), line


def test_a_concept_is_glossed_once_a_line(app):
    # 2026-12-01 walk: "pre-clinical drug (sviluppo di farmaci), drug discovery (sviluppo di farmaci), medicinal
    # chemistry (sviluppo di farmaci)"
    from flask_babel import force_locale

    reasons = Reasons([("seek_meets_offer", {"terms": ["preclinical models", "drug discovery", "cancer",
                                                       "pharmacology"]})])
    with app.test_request_context(), force_locale("it"):
        line = reason_lines(reasons)[0]
    assert line.endswith(": preclinical models (sviluppo di farmaci), drug discovery, cancer (oncologia), "
                         "pharmacology"), line
