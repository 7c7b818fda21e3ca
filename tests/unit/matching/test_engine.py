"""The matching engine on plain data: analyzer (IT/EN), directionality, hard filters, updates (the reasons:
test_reasons.py)."""
from __future__ import annotations

import pytest

from matchmaker.matching.analysis import analyze, terms
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import Matcher, passes_investor_filters
from matchmaker.matching.reasons import explain
from matchmaker.matching.scoring import ScoreWeights
from tests.unit.matching.corpus import FILLER


def test_italian_and_english_share_technical_terms():
    it = terms("Sviluppiamo terapie CAR-T e anticorpi anti-PD1 per il glioblastoma; biomarcatori BRCA1", "it")
    en = terms("We develop CAR-T therapies and anti-PD1 antibodies for glioblastoma; BRCA1 biomarkers", "en")
    assert {"car-t", "anti-pd1", "brca1"} <= set(it) & set(en)
    assert "per" not in it and "and" not in en  # stop words in both languages


def test_accents_are_folded_and_languages_meet_on_concepts_not_stems():
    assert terms("Università, qualità", "it") == terms("Universita, qualita", "it")
    assert "~oncology" in set(analyze("oncologia", "it")) & set(analyze("cancer", "en"))
    assert not set(analyze("università", "it")) & set(analyze("universe", "en"))  # same Snowball stem, kept apart
    assert not {"project", "consortium", "aim", "horizon", "europ", "programm", "partner", "profil", "result",
                "activ"} & set(analyze("The project consortium aims, under Horizon Europe programme, with partners "
                                       "and profile results and activities", "en"))


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


def test_own_seek_text_weighs_the_forward_direction_more():
    """A source whose members wrote what it seeks ranks by its own words first: a partner offering what it seeks
    beats one that seeks what its (imported) offer describes; an imported source keeps the plain direction."""
    weights = ScoreWeights()
    assert weights.own_direction > weights.direction
    company = ProfileDoc("c", COMPANY, seek="retinal gene therapy for inherited blindness",
                         offer="antiviral small molecules against influenza")
    wanted = ProfileDoc("r-seek", RESEARCH, offer="retinal gene therapy vectors and inherited blindness trials")
    antiviral = ProfileDoc("r-antiviral", RESEARCH, seek="antiviral small molecules against influenza",
                           offer="retinal imaging")
    imported = ProfileDoc("c2", COMPANY, offer="antiviral small molecules against influenza")
    matcher = Matcher().fit([company, wanted, antiviral, imported, *FILLER])
    ranking = {m.target: m for m in matcher.rank("c", "tech-transfer", top=5)}
    assert list(ranking)[0] == "r-seek"
    for match in ranking.values():  # the score is written with the own-words direction
        assert match.score == pytest.approx(match.forward * weights.own_direction
                                            + match.backward * (1 - weights.own_direction)
                                            + weights.prior * match.track + weights.network * match.shared, abs=1e-6)
    plain = matcher.rank("c2", "tech-transfer", top=5)[0]
    assert plain.score == pytest.approx(plain.forward * weights.direction + plain.backward * (1 - weights.direction)
                                        + weights.prior * plain.track + weights.network * plain.shared, abs=1e-6)
    batch = matcher.rank_all("tech-transfer", COMPANY, top=5)
    assert [(m.target, m.score) for m in batch["c"]] == [(m.target, m.score) for m in ranking.values()]


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
    (dict(sectors=frozenset({"medical_devices"}), collaboration=frozenset({"investment"})), True),  # unknown stage
    (dict(derived_sectors=frozenset({"ivd"}), amount_sought=500_000), True),  # a sector suggested from its text
    (dict(kind="sme", sectors=frozenset({"medical_devices"})), False),  # an SME that does not seek investment
    (dict(kind="sme", sectors=frozenset({"ivd"}), seek="Investitori per il nostro primo round"), True),  # it asks
    (dict(startup_stage="seed", amount_sought=1_000_000), False),  # no sector known: not inside the investor's
    (dict(), False),
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


def test_proximity_preference_puts_close_partners_first_and_keeps_the_others():
    text = "liver organoid models for toxicology"
    company = ProfileDoc("c", COMPANY, seek=text, region="Lombardia", country="IT", proximity="region")
    far = ProfileDoc("r-far", RESEARCH, offer=text, country="DE")
    near = ProfileDoc("r-near", RESEARCH, offer=text, region="Lombardia", country="IT")
    italy = ProfileDoc("r-it", RESEARCH, offer=text, region="Lazio", country="IT")
    matcher = Matcher().fit([company, far, near, italy, *FILLER])
    assert [m.target for m in matcher.rank("c")][:3] == ["r-near", "r-it", "r-far"]  # EU partner still suggested
    anywhere = Matcher().fit([ProfileDoc("c", COMPANY, seek=text, region="Lombardia", country="IT"), far, near,
                              italy, *FILLER])
    scores = {m.target: m.score for m in anywhere.rank("c")}
    assert scores["r-near"] == scores["r-far"] == scores["r-it"]
    reasons = explain(matcher, "c", matcher.rank("c")[0])
    assert reasons.params("same_region") == {"region": "Lombardia"}


def test_track_record_counts_similar_projects_only():
    seek = "retinal gene therapy for inherited blindness"
    company = ProfileDoc("c", COMPANY, seek=seek)
    projects = {"p1": "Gene therapy of inherited retinal dystrophies", "p2": "Retinal gene therapy vectors",
                **{f"q{i}": text for i, text in enumerate(["Offshore wind turbines", "Quantum sensors",
                                                           "Urban mobility", "Forest fires", "Soil carbon"])}}
    specialist = ProfileDoc("spec", RESEARCH, offer="retinal gene therapy", projects=frozenset({"p1", "p2"}))
    generalist = ProfileDoc("gen", RESEARCH, offer="retinal gene therapy",
                            projects=frozenset({"q0", "q1", "q2", "q3", "q4"}))
    matcher = Matcher().fit([company, specialist, generalist, *FILLER], projects)
    ranked = matcher.rank("c")
    assert ranked[0].target == "spec" and ranked[0].track > ranked[1].track
    assert explain(matcher, "c", ranked[0]).params("similar_track") == {"similar": 2, "total": 2}


def test_similar_track_record_does_not_reward_volume_alone():
    """Two similar projects among many unrelated ones count less than the same two alone (a generalist's)."""
    company = ProfileDoc("c", COMPANY, seek="retinal gene therapy for inherited blindness")
    projects = {"p1": "Gene therapy of inherited retinal dystrophies", "p2": "Retinal gene therapy vectors",
                "p3": "Retinal gene therapy vectors for blindness", "p4": "Gene therapy of inherited blindness",
                **{f"q{i}": f"Offshore wind turbines and quantum sensors {i}" for i in range(30)}}
    specialist = ProfileDoc("spec", RESEARCH, offer="retinal gene therapy", projects=frozenset({"p1", "p2"}))
    generalist = ProfileDoc("gen", RESEARCH, offer="retinal gene therapy",
                            projects=frozenset({"p3", "p4", *(f"q{i}" for i in range(30))}))
    matcher = Matcher().fit([company, specialist, generalist, *FILLER], projects)
    track = {m.target: m.track for m in matcher.rank("c")}
    assert track["spec"] > track["gen"] > 0


def test_investors_deal_count_counts_in_their_track_record():
    startup = ProfileDoc("s", COMPANY, kind="startup", offer="diagnostics platform for sepsis", startup_stage="seed")
    busy = ProfileDoc("busy", INVESTOR, kind="investor", seek="diagnostics platform", activity=40)
    quiet = ProfileDoc("quiet", INVESTOR, kind="investor", seek="diagnostics platform", activity=1)
    ranked = Matcher().fit([startup, busy, quiet, *FILLER]).rank("s", "investor")
    assert [m.target for m in ranked] == ["busy", "quiet"] and ranked[0].track > ranked[1].track > 0


def test_rank_all_agrees_with_rank_many_with_projects_partners_and_filters():
    import random

    rng = random.Random(3)
    words = ("liver organoid toxicology cardiac tissue retinal gene therapy glioma MRI biobank wearable EEG "
             "epilepsy antibodies vaccine CAR-T lymphoma solar qubits").split()
    projects = {f"p{i}": " ".join(rng.sample(words, 6)) for i in range(30)}
    docs = []
    for i in range(60):
        side = COMPANY if i % 3 == 0 else RESEARCH
        own = frozenset(rng.sample(sorted(projects), rng.randint(0, 4)))
        docs.append(ProfileDoc(f"d{i}", side, offer=" ".join(rng.sample(words, 5)),
                               seek=" ".join(rng.sample(words, 3)) if rng.random() < 0.5 else "", projects=own,
                               areas=frozenset({"oncology"}) if i % 4 == 0 else frozenset()))
    members = {p: {d.id for d in docs if p in d.projects} for p in projects}
    docs = [ProfileDoc(d.id, d.side, offer=d.offer, seek=d.seek, projects=d.projects, areas=d.areas,
                       activity=len(d.projects),
                       partners=frozenset(set().union(*(members[p] for p in d.projects)) - {d.id}))
            for d in docs]
    matcher = Matcher().fit(docs, projects)
    assert matcher.network_.partners_.nnz and matcher.network_.track_.nnz
    for sources in (COMPANY, RESEARCH):
        batch = matcher.rank_all("tech-transfer", sources, top=5)
        single = matcher.rank_many(list(batch), "tech-transfer", top=5)
        for source, matches in batch.items():
            assert [(m.target, m.score) for m in matches] == [(m.target, m.score) for m in single[source]]
            assert all(abs(a.forward - b.forward) < 1e-5 and abs(a.shared - b.shared) < 1e-5
                       for a, b in zip(matches, single[source]))


def test_sectors_suggested_from_text_count_for_investors():
    investor = ProfileDoc("i", INVESTOR, investor_sectors=frozenset({"medical_devices"}))
    devices = ProfileDoc("s1", COMPANY, kind="startup", derived_sectors=frozenset({"medical_devices"}),
                         startup_stage="seed")
    software = ProfileDoc("s2", COMPANY, kind="startup", derived_sectors=frozenset({"bigdata_ai"}),
                          startup_stage="seed")
    assert passes_investor_filters(devices, investor) and not passes_investor_filters(software, investor)


def test_an_empty_directory_fits_and_ranks_to_nothing():
    matcher = Matcher().fit([])
    assert matcher.rank_all("tech-transfer", COMPANY) == {} and matcher.rank_many([], "tech-transfer") == {}
    matcher.update([ProfileDoc("c", COMPANY, seek="liver organoids"), ProfileDoc("r", RESEARCH, offer="organoids")])
    assert matcher.rank("c", "tech-transfer") == []  # no vocabulary until the next fit
    refit = Matcher().fit([ProfileDoc("c", COMPANY, seek="liver organoids"),
                           ProfileDoc("r", RESEARCH, offer="liver organoids")])
    assert [m.target for m in refit.rank("c", "tech-transfer")] == ["r"]
