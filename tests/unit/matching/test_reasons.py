"""The reasons behind a suggestion: faithful to the scores, in the reader's terms, no generic words, a headline
whose part is shown, and a strength label that weighs the whole evidence."""
from __future__ import annotations

from matchmaker.matching import scoring
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import Matcher
from matchmaker.matching.reasons import explain
from tests.unit.matching.corpus import FILLER


def test_reasons_are_faithful():
    company = ProfileDoc("c", COMPANY, seek="glioma biomarkers and MRI imaging", areas=frozenset({"oncology"}),
                         sectors=frozenset({"ivd"}), trl=4)
    lab = ProfileDoc("r", RESEARCH, offer="glioma biomarkers discovered in our biobank; MRI imaging", activity=3,
                     areas=frozenset({"oncology", "neurology"}), sectors=frozenset({"ivd"}), trl=5)
    docs = [company, lab, ProfileDoc("r2", RESEARCH, offer="MRI imaging of the heart"), *FILLER]
    matcher = Matcher().fit(docs)
    match = next(m for m in matcher.rank("c", "tech-transfer", top=5) if m.target == "r")
    reasons = explain(matcher, "c", match)
    terms = reasons.params("seek_meets_offer")["terms"]
    # technical terms first, as written; "glioma" is said inside "glioma biomarkers", not again alone
    assert "glioma biomarkers" in terms and "glioma" not in terms and terms[0].startswith("MRI")
    assert reasons.params("shared_area") == {"areas": ["oncology"]}
    assert reasons.params("shared_sector") == {"sectors": ["ivd"]}
    assert reasons.params("trl_fit") == {"theirs": 5, "yours": 4}
    # The concept oncology is said once, by the declared area, not again as "Both work on oncology".
    assert "oncology" not in reasons.params("shared_concepts").get("concepts", [])
    assert reasons.strength in ("strong", "good") and reasons.driver == "seek"
    for term, word in (("glioma", "glioma"), ("biomarkers", "biomarkers")):
        assert any(term in shown.split() for shown in terms)
        stripped = [ProfileDoc(d.id, d.side, offer=d.offer.replace(word, ""), seek=d.seek.replace(word, ""),
                               areas=d.areas, sectors=d.sectors, trl=d.trl, activity=d.activity) for d in docs]
        without = Matcher().fit(stripped)
        assert without.score_pair(without.docs_["c"], without.docs_["r"]).score < match.score


def test_investor_reasons_name_stage_and_ticket():
    investor = ProfileDoc("i", INVESTOR, seek="wearable medical devices", investor_stages=frozenset({"seed"}),
                          investor_sectors=frozenset({"medical_devices"}), ticket_min=250_000, ticket_max=3_000_000)
    startup = ProfileDoc("s", COMPANY, kind="startup", offer="wearable medical devices for epilepsy",
                         startup_stage="seed", amount_sought=1_000_000, sectors=frozenset({"medical_devices"}))
    large = ProfileDoc("l", COMPANY, kind="large_company", offer="wearable medical devices")
    matcher = Matcher().fit([investor, startup, large, *FILLER])
    ranked = matcher.rank("i", "investor")
    assert [m.target for m in ranked] == ["s"]
    reasons = explain(matcher, "i", ranked[0])  # worded for the investor who reads it
    assert reasons.params("their_stage_fit") == {"stage": "seed"}
    assert reasons.params("their_ticket_fit") == {"amount": 1_000_000, "min": 250_000, "max": 3_000_000}
    assert reasons.params("their_investor_sector") == {"sectors": ["medical_devices"]}
    assert not {"stage_fit", "ticket_fit", "investor_sector"} & set(reasons.codes())
    back = next(m for m in matcher.rank("s", "investor") if m.target == "i")
    reasons = explain(matcher, "s", back)  # worded for the start-up
    assert reasons.params("stage_fit") == {"stage": "seed"}
    assert reasons.params("ticket_fit") == {"amount": 1_000_000, "min": 250_000, "max": 3_000_000}


def test_a_perfect_fit_start_up_is_a_strong_match_for_the_investor_with_every_headline_part_shown():
    investor = ProfileDoc("i", INVESTOR, kind="investor", seek="founders of medical device companies",
                          investor_stages=frozenset({"seed"}),
                          investor_sectors=frozenset({"medical_devices"}), ticket_min=250_000, ticket_max=3_000_000)
    startup = ProfileDoc("s", COMPANY, kind="startup", offer="wearable EEG headband for epilepsy monitoring; a device",
                         startup_stage="seed", amount_sought=1_000_000, sectors=frozenset({"medical_devices"}))
    matcher = Matcher().fit([investor, startup, *FILLER])
    match = next(m for m in matcher.rank("i", "investor") if m.target == "s")
    assert match.score - scoring.ScoreWeights().ticket < scoring.GOOD  # the texts share little...
    reasons = explain(matcher, "i", match)
    assert reasons.strength == "strong"  # ...but stage, round and sector all fit
    assert {"their_stage_fit", "their_ticket_fit", "their_investor_sector"} <= set(reasons.codes())
    assert "shared_sector" not in reasons.codes()  # the investor's sectors were just named: not twice
    assert scoring.strength(0.35) == "strong" and scoring.strength(0.2) == "good" and scoring.strength(0.05) == \
        "possible"
    assert scoring.strength(0.05, 2) == "good" and scoring.strength(0.2, 1) == "strong"


def test_the_headline_driver_always_has_its_reason_line_and_generic_words_are_not_reasons():
    from matchmaker.matching.reasons import PART_LINES

    company = ProfileDoc("c", COMPANY, seek="clinical studies of the disease in patients; retinal organoids")
    lab = ProfileDoc("r", RESEARCH, offer="clinical studies of the disease in patients; retinal organoids",
                     seek="clinical studies of disease patients")
    matcher = Matcher().fit([company, lab, *FILLER])
    for source in ("c", "r"):
        for match in matcher.rank(source, "tech-transfer"):
            reasons = explain(matcher, source, match)
            terms = reasons.params("seek_meets_offer").get("terms", []) + \
                reasons.params("offer_meets_seek").get("terms", [])
            assert not {"clinical", "studies", "disease", "patients"} & set(terms)
            assert not reasons.driver or set(PART_LINES[reasons.driver]) & set(reasons.codes())
    reasons = explain(matcher, "c", next(m for m in matcher.rank("c") if m.target == "r"))
    assert any("retinal" in t or "organoid" in t for t in reasons.params("seek_meets_offer")["terms"])
    # The lab's seek shares only generic words with the company's offer: no line for it, so not the driver.
    assert "offer_meets_seek" not in reasons.codes() and reasons.driver != "offer"


def test_terms_that_repeat_a_named_concept_and_adverbs_are_not_reasons():
    from matchmaker.matching.reason_terms import beyond as _beyond, says_something as _says_something

    assert _beyond({"infectious_diseases"}, ["infectious disease", "infectious", "zika", "glioma"]) == \
        ["zika", "glioma"]
    assert not _says_something("importantly") and not _says_something("clinical studies")
    assert _says_something("antiviral") and _says_something("clinical organoids")


def test_one_similar_project_does_not_confirm_the_text_that_is_its_own_abstract():
    """An imported profile with one funded project has that project's abstract as its text: the track record
    confirms the text match (one more point towards "strong") from two similar projects on."""
    from dataclasses import replace

    company = ProfileDoc("c", COMPANY, seek="retinal gene therapy for inherited blindness")
    projects = {"p1": "Gene therapy of inherited retinal dystrophies", "p2": "Retinal gene therapy vectors"}
    single = ProfileDoc("one", RESEARCH, offer=projects["p1"], projects=frozenset({"p1"}))
    double = ProfileDoc("two", RESEARCH, offer=" ".join(projects.values()), projects=frozenset({"p1", "p2"}))
    matcher = Matcher().fit([company, single, double, *FILLER], projects)
    ranked = {m.target: replace(m, score=0.2) for m in matcher.rank("c")}  # a good score, nothing else declared
    one, two = explain(matcher, "c", ranked["one"]), explain(matcher, "c", ranked["two"])
    assert one.params("similar_track") == {"similar": 1, "total": 1} and one.strength == "good"
    assert two.params("similar_track") == {"similar": 2, "total": 2} and two.strength == "strong"


def test_reasons_show_only_bigrams_written_as_phrases():
    # Dompé's reasons once read "virus identify" and "models biomarkers": bigrams the index joins across a dropped
    # word or a comma. Both texts share them, but nobody wrote them; "drug discovery" was written.
    company = ProfileDoc("c", COMPANY, seek="Drug discovery: preclinical models, biomarkers of the virus to identify "
                                            "antiviral hits")
    lab = ProfileDoc("r", RESEARCH, offer="Drug discovery with preclinical models, biomarkers; we study the virus to "
                                          "identify antiviral hits")
    matcher = Matcher().fit([company, lab, *FILLER])
    match = next(m for m in matcher.rank("c", "tech-transfer", top=5) if m.target == "r")
    terms = explain(matcher, "c", match).params("seek_meets_offer")["terms"]
    assert "drug discovery" in terms
    assert not {"models biomarkers", "virus identify", "biomarkers virus"} & set(terms)


def test_the_headline_names_shared_tags_when_no_seek_offer_words_are_shown():
    # Texts that meet only through glossary concepts and declared tags: the headline must not claim that "what
    # you seek meets what they offer" when no such line is shown.
    areas = frozenset({"oncology", "neurology"})
    company = ProfileDoc("c", COMPANY, seek="drug development and diagnostics", areas=areas,
                         sectors=frozenset({"biopharma"}), collaboration=frozenset({"co_development"}))
    lab = ProfileDoc("r", RESEARCH, offer="drug development and diagnostics", areas=areas,
                     sectors=frozenset({"biopharma"}), collaboration=frozenset({"co_development"}))
    matcher = Matcher().fit([company, lab, *FILLER])
    match = next(m for m in matcher.rank("c", "tech-transfer", top=5) if m.target == "r")
    reasons = explain(matcher, "c", match)
    assert "shared_concepts" in reasons.codes() and "seek_meets_offer" not in reasons.codes()
    assert reasons.driver in ("areas", "concepts", "sectors", "collaboration")


def test_reasons_show_terms_as_written_without_fragments_repeats_or_generic_words_first():
    company = ProfileDoc("c", COMPANY, seek="medicinal chemistry and in vitro screening of pre-clinical drug "
                                            "candidates; protein molecules; pre-clinical work")
    lab = ProfileDoc("r", RESEARCH, offer="medicinal chemistry, in vitro screening, pre-clinical drug candidates, "
                                          "protein molecules, pre-clinical models")
    # Elsewhere "medicine" is the stem's usual written form: the bigram must still read as the pair wrote it.
    others = [ProfileDoc(f"m{k}", RESEARCH, offer=f"{kind} medicine and medicine research")
              for k, kind in enumerate(("regenerative", "precision", "personalised", "nuclear"))]
    matcher = Matcher().fit([company, lab, *others, *FILLER])
    match = next(m for m in matcher.rank("c", "tech-transfer", top=5) if m.target == "r")
    terms = explain(matcher, "c", match, n_terms=8).params("seek_meets_offer")["terms"]
    assert "medicinal chemistry" in terms and "medicine chemistry" not in terms
    assert not any(word == "vitro" for term in terms for word in term.split()[:1])  # "in vitro ...", never "vitro"
    assert not any(a != b and f" {a} " in f" {b} " for a in terms for b in terms)  # no term inside another
    generic = ("protein", "molecules", "protein molecules")
    common = [k for k, term in enumerate(terms) if term in generic]
    assert common and min(common) > terms.index("medicinal chemistry")
    assert all(k > j for k in common for j, t in enumerate(terms) if t not in generic)  # after every specific term


def test_a_profile_whose_only_text_is_its_project_abstract_is_said_to_be_one():
    text = "Glioma registries. Longitudinal glioma registries and MRI imaging for paediatric patients"
    company = ProfileDoc("c", COMPANY, seek="glioma registries and MRI imaging")
    imported = ProfileDoc("r", RESEARCH, offer=text, projects=frozenset({"p1"}), activity=1)
    written = ProfileDoc("w", RESEARCH, offer="glioma registries and MRI imaging", projects=frozenset({"p2"}))
    matcher = Matcher().fit([company, imported, written, *FILLER], {"p1": text, "p2": "Another project. Heart"})
    ranked = {m.target: m for m in matcher.rank("c", "tech-transfer", top=5)}
    reasons = explain(matcher, "c", ranked["r"])
    assert "seek_meets_offer" not in reasons.codes()
    assert reasons.params("seek_meets_project")["title"] == "Glioma registries"
    assert "glioma registries" in reasons.params("seek_meets_project")["terms"]
    mine = explain(matcher, "c", ranked["w"])  # a profile written by its members reads as before
    assert "seek_meets_offer" in mine.codes() and "seek_meets_project" not in mine.codes()


def test_region_nationality_and_start_up_words_are_not_reasons_and_do_not_move_the_ranking():
    investor = ProfileDoc("i", INVESTOR, kind="investor", language="it",
                          seek="Start-up lombarde di dispositivi medici con un primo prototipo",
                          investor_stages=frozenset({"seed"}), investor_sectors=frozenset({"medical_devices"}))
    startup = ProfileDoc("s", COMPANY, kind="startup", language="it", startup_stage="seed",
                         offer="Start-up lombarda: dispositivo EEG indossabile, validazione con un IRCCS lombardo; "
                               "dispositivi medici italiani", sectors=frozenset({"medical_devices"}))
    matcher = Matcher().fit([investor, startup, *FILLER])
    match = next(m for m in matcher.rank("s", "investor") if m.target == "i")
    reasons = explain(matcher, "s", match)
    shown = [t.lower() for t in reasons.params("investor_focus").get("terms", [])]
    # "dispositivi medici" is the investor's sector the start-up is in (not something the investor offers)
    assert reasons.params("investor_sector") == {"sectors": ["medical_devices"]} and "dispositivi medici" not in shown
    for word in ("lombardo", "lombarda", "lombarde", "start-up", "italiani"):
        assert not any(word in term.split() for term in shown), (word, shown)
    assert match.backward > 0  # the words still count in the score: only the reasons leave them out


def test_investment_is_not_a_shared_want_between_an_investor_and_a_company():
    investor = ProfileDoc("i", INVESTOR, kind="investor", seek="wearable medical devices",
                          collaboration=frozenset({"investment", "licensing"}))
    startup = ProfileDoc("s", COMPANY, kind="startup", offer="wearable medical devices", startup_stage="seed",
                         collaboration=frozenset({"investment", "licensing"}))
    matcher = Matcher().fit([investor, startup, *FILLER])
    for source, target in (("s", "i"), ("i", "s")):
        match = next(m for m in matcher.rank(source, "investor") if m.target == target)
        reasons = explain(matcher, source, match)
        assert reasons.params("collaboration") == {"types": ["licensing"]}
    alone = ProfileDoc("i2", INVESTOR, kind="investor", seek="wearable medical devices",
                       collaboration=frozenset({"investment"}))
    matcher = Matcher().fit([alone, startup, *FILLER])
    match = next(m for m in matcher.rank("s", "investor") if m.target == "i2")
    assert "collaboration" not in explain(matcher, "s", match).codes()


def test_ticket_fit_weighs_in_the_investor_ranking_both_ways_and_a_short_ticket_is_never_strong():
    """An investor whose tickets cover the round ranks above one whose texts match better but whose tickets
    fall short (a syndicate would be needed), in the start-up's list and in the investor's; the short one is
    never a strong match, however well the texts and stage fit."""
    words = "wearable EEG headband for epilepsy monitoring in children"
    startup = ProfileDoc("s", COMPANY, kind="startup", offer=words, seek="seed investors for " + words,
                         startup_stage="seed", amount_sought=1_200_000, sectors=frozenset({"medical_devices"}))
    angels = ProfileDoc("a", INVESTOR, kind="investor", seek="wearable devices for children", offer="business angels",
                        investor_stages=frozenset({"seed"}), investor_sectors=frozenset({"medical_devices"}),
                        ticket_min=100_000, ticket_max=800_000)
    fund = ProfileDoc("f", INVESTOR, kind="investor", seek="medical devices for neurology",
                      investor_stages=frozenset({"seed"}), investor_sectors=frozenset({"medical_devices"}),
                      ticket_min=250_000, ticket_max=3_000_000)
    matcher = Matcher().fit([startup, angels, fund, *FILLER])

    def without_ticket(match):
        return match.score - scoring.ScoreWeights().ticket * match.signals["ticket"]

    assert without_ticket(matcher.score_pair(startup, angels)) > without_ticket(matcher.score_pair(startup, fund))
    assert [m.target for m in matcher.rank("s", "investor")] == ["f", "a"]
    other = ProfileDoc("s2", COMPANY, kind="startup", offer="medical devices for neurology", startup_stage="seed",
                       amount_sought=500_000, sectors=frozenset({"medical_devices"}))
    big = ProfileDoc("s3", COMPANY, kind="startup", offer=words, seek="seed investors for " + words,
                     startup_stage="seed", amount_sought=2_000_000, sectors=frozenset({"medical_devices"}))
    matcher = Matcher().fit([angels, other, big, *FILLER])
    assert [m.target for m in matcher.rank("a", "investor")] == ["s2", "s3"]  # the round within its tickets first
    short = next(m for m in matcher.rank("a", "investor") if m.target == "s3")
    reasons = explain(matcher, "a", short)
    assert "their_ticket_syndicate" in reasons.codes() and reasons.strength != "strong"
    assert scoring.strength(0.5, 3, ticket_short=True) == "good"


def test_an_italian_seek_for_biobanks_meets_an_english_biobank_offer_and_the_reasons_say_so():
    """BioValle (Italian) seeks an IRCCS with biobanks of Alzheimer's patients; Besta (English) offers its biobank.
    The two languages' stems never meet ("it:biobanc" and "biobank"): the glossary's concept does, and is named."""
    company = ProfileDoc("c", COMPANY, language="it", seek="Cerchiamo un IRCCS con biobanche di pazienti con "
                         "Alzheimer per validare i nostri biomarcatori")
    irccs = ProfileDoc("r", RESEARCH, language="en", offer="Glioma immuno-oncology matchmaker",
                       keywords="biobank; patient registries; epilepsy")
    matcher = Matcher().fit([company, irccs, *FILLER])
    match = next(m for m in matcher.rank("c", "tech-transfer") if m.target == "r")
    assert "biobanks" in explain(matcher, "c", match).params("shared_concepts")["concepts"]
