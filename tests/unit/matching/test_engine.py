"""The matching engine on plain data: analyzer (IT/EN), directionality, hard filters, reasons, updates."""
from __future__ import annotations

import pytest

from matchmaker.matching.analysis import analyze, terms
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import Matcher, passes_investor_filters
from matchmaker.matching.reasons import explain

FILLER = [  # unrelated profiles so that IDF is meaningful
    ProfileDoc(f"filler{i}", RESEARCH, offer=text) for i, text in enumerate([
        "Forest biomass and wood supply chains for the circular bioeconomy.",
        "Photovoltaic materials and perovskite solar cells for buildings.",
        "Urban mobility, traffic models and public transport planning.",
        "Marine biology of coral reefs and ocean acidification.",
        "Quantum computing hardware with superconducting qubits.",
        "Cultural heritage digitisation and museum archives.",
    ])]


def test_italian_and_english_share_technical_terms():
    it = terms("Sviluppiamo terapie CAR-T e anticorpi anti-PD1 per il glioblastoma; biomarcatori BRCA1", "it")
    en = terms("We develop CAR-T therapies and anti-PD1 antibodies for glioblastoma; BRCA1 biomarkers", "en")
    assert {"car-t", "anti-pd1", "brca1"} <= set(it) & set(en)
    assert "per" not in it and "and" not in en  # stop words in both languages


def test_accents_are_folded_and_stems_shared():
    assert terms("Università, attività e qualità", "it") == terms("Universita, attivita e qualita", "it")
    assert terms("oncologia", "it") == terms("oncology", "en") == ["oncolog"]


def test_bigrams():
    assert "machin learn" in analyze("machine learning models", "en")
    assert "machin learn" not in analyze("machine learning models", "en", bigrams=False)


def test_italian_profile_matches_relevant_english_one():
    company = ProfileDoc("c-it", COMPANY, language="it",
                         seek="Cerchiamo partner per studi clinici su terapie CAR-T nel mieloma multiplo e linfoma",
                         offer="Produzione GMP di vettori lentivirali per CAR-T")
    relevant = ProfileDoc("r-en", RESEARCH, language="en",
                          offer="Clinical trials of CAR-T cell therapies in multiple myeloma and lymphoma; "
                                "lentiviral vectors")
    other = ProfileDoc("r-other", RESEARCH, offer="Clinical trials of diet interventions in obesity and diabetes")
    matcher = Matcher().fit([company, relevant, other, *FILLER])
    ranking = matcher.rank("c-it", "tech-transfer", top=3)
    assert ranking[0].target == "r-en" and ranking[0].forward > 0


def test_directional_scores_and_sides():
    company = ProfileDoc("c", COMPANY, offer="We manufacture microfluidic chips", seek="organoid models of the liver")
    lab = ProfileDoc("r", RESEARCH, offer="liver organoid models and toxicology", seek="microfluidic chips")
    peer = ProfileDoc("c2", COMPANY, offer="organoid models of the liver")  # same side: never suggested
    matcher = Matcher().fit([company, lab, peer, *FILLER])
    match = matcher.rank("c", "tech-transfer")[0]
    assert match.target == "r" and match.forward > 0 and match.backward > 0
    assert all(m.target != "c2" for m in matcher.rank("c", "tech-transfer", top=10))
    assert matcher.rank("r", "tech-transfer")[0].target == "c"  # and back
    one_way = ProfileDoc("r", RESEARCH, offer="liver organoid models and toxicology", seek="forest biomass")
    matcher = Matcher().fit([company, one_way, *FILLER])
    assert matcher.rank("c", "tech-transfer")[0].backward < match.backward


def test_profile_without_seek_lets_its_offer_stand_for_its_interests():
    imported = ProfileDoc("c", COMPANY, offer="Proteomics mass spectrometry services")
    lab = ProfileDoc("r", RESEARCH, offer="Mass spectrometry proteomics core facility")
    matcher = Matcher().fit([imported, lab, *FILLER])
    assert matcher.rank("c", "tech-transfer")[0].forward > 0


def test_history_partners_are_never_suggested():
    company = ProfileDoc("c", COMPANY, offer="liver organoids", partners=frozenset({"r"}))
    matcher = Matcher().fit([company, ProfileDoc("r", RESEARCH, offer="liver organoids"), *FILLER])
    assert all(m.target != "r" for m in matcher.rank("c", "tech-transfer", top=10))


@pytest.mark.parametrize("startup, ok", [
    (dict(startup_stage="seed", sectors=frozenset({"medical_devices"}), amount_sought=1_000_000), True),
    (dict(startup_stage="series_b", sectors=frozenset({"medical_devices"})), False),
    (dict(startup_stage="seed", sectors=frozenset({"cdmo"})), False),
    (dict(startup_stage="seed", amount_sought=100_000), False),  # below the smallest ticket
    (dict(startup_stage="seed", amount_sought=50_000_000), False),  # far beyond the largest
    (dict(), True),  # unknown values pass
])
def test_investor_hard_filters(startup, ok):
    investor = ProfileDoc("i", INVESTOR, investor_stages=frozenset({"seed", "series_a"}),
                          investor_sectors=frozenset({"medical_devices", "ivd"}), ticket_min=250_000,
                          ticket_max=3_000_000)
    doc = ProfileDoc("s", COMPANY, offer="Wearable EEG device for epilepsy monitoring", **startup)
    investor = ProfileDoc("i", INVESTOR, seek="wearable medical devices and diagnostics", **{
        k: getattr(investor, k) for k in ("investor_stages", "investor_sectors", "ticket_min", "ticket_max")})
    assert passes_investor_filters(doc, investor) is ok
    matcher = Matcher().fit([doc, investor, *FILLER])
    assert (any(m.target == "s" for m in matcher.rank("i", "investor")) is ok)


def test_reasons_are_faithful():
    company = ProfileDoc("c", COMPANY, seek="glioma biomarkers and MRI imaging", areas=frozenset({"oncology"}),
                         sectors=frozenset({"ivd"}), trl=4)
    lab = ProfileDoc("r", RESEARCH, offer="glioma biomarkers discovered in our biobank; MRI imaging", activity=3,
                     areas=frozenset({"oncology", "neurology"}), sectors=frozenset({"ivd"}), trl=5)
    docs = [company, lab, ProfileDoc("r2", RESEARCH, offer="MRI imaging of the heart"), *FILLER]
    matcher = Matcher().fit(docs)
    match = next(m for m in matcher.rank("c", "tech-transfer", top=5) if m.target == "r")
    reasons = explain(matcher, "c", match)
    assert "glioma" in reasons.forward_terms
    assert ("shared_areas", {"areas": ["oncology"]}) in reasons.signals
    assert ("shared_sectors", {"sectors": ["ivd"]}) in reasons.signals
    assert ("trl_fit", {"their_trl": 5, "your_trl": 4}) in reasons.signals
    for term, word in (("glioma", "glioma"), ("biomarkers", "biomarkers")):
        assert term in reasons.forward_terms
        stripped = [ProfileDoc(d.id, d.side, offer=d.offer.replace(word, ""), seek=d.seek.replace(word, ""),
                               areas=d.areas, sectors=d.sectors, trl=d.trl, activity=d.activity) for d in docs]
        without = Matcher().fit(stripped)
        assert without.score_pair(without.docs_["c"], without.docs_["r"]).score < match.score


def test_incremental_update_changes_suggestions_without_refit():
    company = ProfileDoc("c", COMPANY, seek="liver organoid models")
    docs = [company, ProfileDoc("r1", RESEARCH, offer="liver organoid models"),
            ProfileDoc("r2", RESEARCH, offer="cardiac tissue engineering"), *FILLER]
    matcher = Matcher().fit(docs)
    assert matcher.rank("c", "tech-transfer")[0].target == "r1"
    vocabulary = matcher.index_.vocabulary_
    matcher.update([ProfileDoc("c", COMPANY, seek="cardiac tissue engineering")])
    assert matcher.index_.vocabulary_ is vocabulary  # no refit
    assert matcher.rank("c", "tech-transfer")[0].target == "r2"
    matcher.update([ProfileDoc("r3", RESEARCH, offer="cardiac tissue engineering and heart organoids")])
    assert "r3" in [m.target for m in matcher.rank("c", "tech-transfer", top=3)]


def test_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="unique"):
        Matcher().fit([ProfileDoc("a", COMPANY), ProfileDoc("a", RESEARCH)])


def test_rank_all_agrees_with_single_queries():
    docs = [ProfileDoc(f"c{i}", COMPANY, seek=text) for i, text in enumerate(
        ["liver organoids", "perovskite solar cells", "coral reefs", "qubits"])] + \
        [ProfileDoc(f"x{i}", RESEARCH, offer=d.offer) for i, d in enumerate(FILLER)] + \
        [ProfileDoc("lab", RESEARCH, offer="liver organoids and toxicology")]
    matcher = Matcher().fit(docs)
    batch = matcher.rank_all("tech-transfer", COMPANY, top=3)
    for source, matches in batch.items():
        single = matcher.rank(source, "tech-transfer", top=3)
        assert [m.target for m in matches] == [m.target for m in single]
        assert [round(m.score, 5) for m in matches] == [round(m.score, 5) for m in single]


def test_index_weights_are_scikit_learns_tfidf_on_every_field():
    """The one-pass index gives each field scikit-learn's vectors (vocabulary and IDF learnt on whole profiles)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from matchmaker.matching.index import FIELDS, ProfileIndex

    words = "tumour cardiac organoid liver antibody vaccine sensor imaging genome protein cell stroke".split()
    docs = [ProfileDoc(f"p{i}", COMPANY if i % 2 else RESEARCH, offer=" ".join(words[(i + k) % 12] for k in range(4)),
                       seek=" ".join(words[(i * 5 + k) % 12] for k in range(2)) if i % 3 else "",
                       keywords=words[i % 12], description=f"{words[(i * 7) % 12]} profile number {i}")
            for i in range(60)]
    index = ProfileIndex(min_df=2, max_df=0.5).fit(docs)
    fields = [index._fields(doc) for doc in docs]
    reference = TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True, min_df=2, max_df=0.5)
    reference.fit([sum((f[name] for name in FIELDS), []) for f in fields])
    assert list(index.terms()) == list(reference.get_feature_names_out())
    ours = index._vectors(fields)
    for name in FIELDS:
        expected = reference.transform([f[name] for f in fields])
        assert abs(ours[name] - expected).max() < 1e-6, name


def test_profiles_without_any_text_fit_and_rank_to_nothing():
    docs = [ProfileDoc("c", COMPANY), ProfileDoc("r", RESEARCH)]
    matcher = Matcher().fit(docs)
    assert matcher.rank("c", "tech-transfer") == []
    assert matcher.rank_all("tech-transfer", COMPANY) == {"c": []}
    matcher.update([ProfileDoc("r", RESEARCH, offer="liver organoids")])  # text arrives before the next refit
    assert matcher.rank("c", "tech-transfer") == []
