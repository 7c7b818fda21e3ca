"""Every scheduler reason code is worded in English and Italian, with its parameters filled in."""
from __future__ import annotations

from matchmaker.scheduling.reasons import ENGLISH, describe as english
from matchmaker.scheduling_wording import CAUSES, SENTENCES, describe

IT = {"Accept-Language": "it"}
SAMPLES = {
    "fixed_slot_missing": {"slot": 40}, "fixed_slot_unavailable": {"slot": 3, "participant": 7},
    "no_session_slot": {"sessions": ["am"]}, "no_common_slot": {}, "no_common_slot_in_session": {"sessions": ["pm"]},
    "participant_at_max": {"participant": 3, "max": 6},
    "slots_taken": {"slots": 4, "causes": [("no_table", 3), ("participant_busy", 1)]},
    "no_longer_requested": {}, "table_reassigned": {}, "slot_no_longer_possible": {}, "moved_to_make_room": {},
}


def test_every_engine_code_has_a_sentence():
    assert set(SENTENCES) | set(CAUSES) == set(ENGLISH)
    assert set(SAMPLES) == set(SENTENCES)


def test_english_matches_the_engines_wording(app):
    with app.test_request_context():
        for code, params in SAMPLES.items():
            if code not in ("slots_taken", "participant_at_max", "fixed_slot_unavailable", "no_session_slot"):
                assert describe((code, params)) == english((code, params))
        assert describe(("slots_taken", SAMPLES["slots_taken"])) == (
            "all 4 common available slots are taken: no table left in 3 slots; "
            "a participant is already in another meeting in 1 slot")


def test_italian(app):
    with app.test_request_context(headers=IT):
        assert describe(("no_common_slot", {})) == "i partecipanti non hanno nessuna fascia oraria libera in comune"
        assert describe(("participant_at_max", {"participant": "Anna Rossi", "max": 6})) == (
            "Anna Rossi ha già raggiunto il massimo di 6 incontri")
        sentence = describe(("slots_taken", SAMPLES["slots_taken"]))
        assert sentence.startswith("tutte le 4 fasce orarie libere in comune sono occupate")
        assert "nessun tavolo libero in 3 fasce orarie" in sentence
        for code, params in SAMPLES.items():
            assert describe((code, params)) != english((code, params)), code
