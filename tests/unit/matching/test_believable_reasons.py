"""Reasons a life-science professional believes (walk s17, F2/F11/F12/F15): whole terms rather than lone adjectives,
shared past partners named, investors not "offering" what they invest in, a hospital's clinical studies as the
other half of a company's need, and no TRL compared between a hospital and a company."""
from __future__ import annotations

from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import Matcher
from matchmaker.matching.reason_terms import not_alone, says_something, whole_terms
from matchmaker.matching.reasons import PART_LINES, explain
from tests.unit.matching.corpus import FILLER


def _explain(docs, source, target, kind="tech-transfer"):
    matcher = Matcher().fit(docs)
    return explain(matcher, source, next(m for m in matcher.rank(source, kind) if m.target == target))


def test_the_walks_lone_words_are_not_capabilities_on_their_own():
    # F2/F11 as seen: "recombinant, preclinical models, licenses, protein", "viral, antiviral, rare diseases, hits,
    # in vivo", "registries, paediatric, treatment options, longitudinal, refined"
    for word in ("recombinant", "protein", "viral", "hits", "binding", "molecules", "refined", "longitudinal",
                 "targeted", "invasive", "ricombinante", "virale"):
        assert not_alone(word), word
    for term in ("recombinant proteins", "preclinical models", "antiviral", "rare diseases", "in vivo", "registries",
                 "licenses", "dispositivi", "EEG", "biobank", "expression profiling"):
        assert not not_alone(term), term
    seen = ["recombinant", "preclinical models", "licenses", "protein"]
    assert whole_terms(seen) == ["preclinical models", "licenses"]
    # the second walk (2026-12-01): "search, zika, discovery pipeline", "cancer mission, survival, mission cluster",
    # "paediatric, adults": programme titles and study populations are no capability; "drug discovery" still is
    for word in ("discovery", "survival", "pipeline"):
        assert not_alone(word), word
    assert not says_something("mission cluster") and not says_something("adults") and not says_something("search")
    assert says_something("zika") and not not_alone("drug discovery")
    # the third walk (2026-12-01, a cardiology start-up): "arrhythmia, cardiac, class, politecnico", "arrhythmia,
    # hospitals, seed", "marks", "record, class, biomedical"; an Italian one: "cancer mission (oncologia)", "profiling"
    for word in ("class", "marks", "record", "profiling", "rates"):
        assert not_alone(word), word
    for word in ("politecnico", "hospitals", "seed", "university", "fondazione", "investors", "cancer mission",
                 "Horizon Europe"):
        assert not says_something(word), word
    assert says_something("arrhythmia") and says_something("CE marking") and says_something("medical class")
    seen = ["viral", "antiviral", "rare diseases", "hits", "in vivo"]
    assert whole_terms(seen) == ["antiviral", "rare diseases", "in vivo"]
    # with no better term the line keeps what it has: it still says where the texts meet
    assert whole_terms(["recombinant", "viral"]) == ["recombinant", "viral"]


def test_a_reason_line_shows_whole_terms_not_lone_adjectives():
    company = ProfileDoc("c", COMPANY, seek="recombinant antibodies and viral vectors; hits with good binding; "
                                            "preclinical models of glioma")
    lab = ProfileDoc("r", RESEARCH, offer="recombinant enzymes, viral diagnostics, hits from screening and binding "
                                          "assays; preclinical models of glioma")
    reasons = _explain([company, lab, *FILLER], "c", "r")
    terms = reasons.params("seek_meets_offer")["terms"]
    assert "preclinical models" in " ".join(terms) or "glioma" in terms, terms
    assert not {"recombinant", "viral", "hits", "binding"} & set(terms), terms


def test_shared_past_partners_are_given_by_id_the_least_connected_first():
    hub_partners = frozenset({"c", "r", "x1", "x2", "x3"})
    docs = [ProfileDoc("c", COMPANY, seek="liver organoids", partners=frozenset({"hub", "small", "mid"})),
            ProfileDoc("r", RESEARCH, offer="liver organoids", partners=frozenset({"hub", "small", "mid"})),
            ProfileDoc("hub", RESEARCH, offer="quantum optics", partners=hub_partners),
            ProfileDoc("small", RESEARCH, offer="wind turbines", partners=frozenset({"c", "r"})),
            ProfileDoc("mid", RESEARCH, offer="rail freight", partners=frozenset({"c", "r", "x1"})),
            *(ProfileDoc(x, RESEARCH, offer="coastal erosion") for x in ("x1", "x2", "x3")), *FILLER]
    params = _explain(docs, "c", "r").params("shared_partners")
    assert params == {"count": 3, "partners": ["small", "mid"]}


def test_an_investor_pair_has_no_offer_or_seek_line_and_a_sector_label_is_the_sector_line():
    # F15: "Insubria Biotech Angels — Offrono ciò che cerchi: dispositivi medici / Cercano ciò che offri: dispositivi
    # medici": an angel network does not offer medical devices.
    investor = ProfileDoc("i", INVESTOR, kind="investor", seek="dispositivi medici indossabili per epilessia; EEG",
                          offer="Business angel: dispositivi medici e diagnostica", investor_stages=frozenset({"seed"}))
    startup = ProfileDoc("s", COMPANY, kind="startup", startup_stage="seed",
                         offer="EEG indossabile per epilessia: dispositivi medici", seek="business angel, dispositivi "
                                                                                         "medici")
    for reader, other, focus, sector in (("s", "i", "investor_focus", "investor_sector"),
                                         ("i", "s", "their_investor_focus", "their_investor_sector")):
        reasons = _explain([investor, startup, *FILLER], reader, other, "investor")
        assert not {"seek_meets_offer", "offer_meets_seek"} & set(reasons.codes()), reasons.codes()
        assert reasons.params(sector) == {"sectors": ["medical_devices"]}, reader
        terms = reasons.params(focus)["terms"]
        assert "EEG" in terms and "dispositivi medici" not in terms, terms
        assert focus in PART_LINES["seek"] and focus in PART_LINES["offer"]


def test_a_hospitals_clinical_studies_meet_a_companys_need_and_their_trls_are_not_compared():
    # F15: "Il loro TRL 3 è compatibile con il tuo TRL 6 / Entrambe le organizzazioni cercano: studio clinico"
    wanted = frozenset({"clinical_study", "licensing"})
    startup = ProfileDoc("s", COMPANY, kind="startup", seek="clinical partner for a multicentre epilepsy study", trl=6,
                         collaboration=wanted)
    irccs = ProfileDoc("b", RESEARCH, kind="irccs_hospital", offer="epilepsy clinical centre, multicentre study", trl=5,
                       collaboration=wanted)
    university = ProfileDoc("u", RESEARCH, kind="university", offer="epilepsy multicentre study network", trl=5,
                            collaboration=wanted)
    docs = [startup, irccs, university, *FILLER]
    company_reads = _explain(docs, "s", "b")
    assert "clinical_site" in company_reads.codes() and "trl_fit" not in company_reads.codes()
    assert company_reads.params("collaboration") == {"types": ["licensing"]}
    hospital_reads = _explain(docs, "b", "s")
    assert "their_clinical_site" in hospital_reads.codes() and "trl_fit" not in hospital_reads.codes()
    # a university's TRL still means something beside a company's; a shared clinical study stays a shared want
    other = _explain(docs, "s", "u")
    assert other.params("trl_fit") == {"theirs": 5, "yours": 6}
    assert other.params("collaboration") == {"types": ["clinical_study", "licensing"]}
    assert "clinical_site" in PART_LINES["collaboration"]


def test_profiles_whose_only_text_is_the_same_project_abstract_say_so():
    # F12: Pharmetheus, Roche and Novartis in a row, each with word-for-word the reasons of one CORDIS abstract
    text = "Paediatric registries. Innovative designs and extrapolation for paediatric drug trials using registries"
    projects = {"p1": text, "p2": "Coastal erosion. Sediment transport models"}
    company = ProfileDoc("c", COMPANY, seek="paediatric registries and extrapolation")
    members = [ProfileDoc(f"m{k}", COMPANY if k else RESEARCH, offer=text, projects=frozenset({"p1"}))
               for k in range(3)]
    own = ProfileDoc("own", RESEARCH, offer=text + ". We also run our own registries", projects=frozenset({"p1"}))
    matcher = Matcher().fit([company, *members, own, *FILLER], projects)
    reasons = explain(matcher, "c", next(m for m in matcher.rank("c") if m.target == "m0"))
    assert reasons.params("seek_meets_project")["others"] == 2  # m1 and m2 read the same; "own" wrote more
    mine = explain(matcher, "c", next(m for m in matcher.rank("c") if m.target == "own"))
    assert "seek_meets_project" not in mine.codes()
