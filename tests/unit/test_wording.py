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
