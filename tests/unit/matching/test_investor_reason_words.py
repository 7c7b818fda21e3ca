"""An investor and a start-up: a sector both texts name reads as the investor's sector the start-up is in (not
"Both work on drug development"), and stage words ("seed") are the stage line's, never repeated as terms."""
from __future__ import annotations

from matchmaker.matching.documents import COMPANY, INVESTOR, ProfileDoc
from matchmaker.matching.rank import Matcher
from matchmaker.matching.reasons import explain
from tests.unit.matching.corpus import FILLER

INVESTOR_DOC = ProfileDoc("i", INVESTOR, kind="investor",
                          seek="seed rounds of drug development start-ups with a first-in-class small molecule "
                               "programme; pre-seed and seed tickets", investor_stages=frozenset({"seed"}),
                          investor_sectors=frozenset({"pharma"}))
STARTUP = ProfileDoc("s", COMPANY, kind="startup",
                     offer="drug development of a first-in-class small molecule against fibrosis; raising a seed "
                           "round", seek="seed investors", startup_stage="seed", derived_sectors=frozenset({"pharma"}))


def _reasons(reader: str, other: str):
    matcher = Matcher().fit([INVESTOR_DOC, STARTUP, *FILLER])
    match = next(m for m in matcher.rank(reader, "investor") if m.target == other)
    return explain(matcher, reader, match)


def test_a_shared_sector_concept_is_the_investors_sector_the_start_up_is_in():
    for reader, other, sector_code in (("i", "s", "their_investor_sector"), ("s", "i", "investor_sector")):
        reasons = _reasons(reader, other)
        assert "pharma" not in reasons.params("shared_concepts").get("concepts", []), reader
        assert reasons.params(sector_code) == {"sectors": ["pharma"]}, reader


def test_an_investors_sector_named_only_by_the_texts_joins_the_sector_line():
    investor = ProfileDoc("i", INVESTOR, kind="investor", seek="drug development start-ups, small molecule",
                          investor_stages=frozenset({"seed"}))  # no declared sectors: its text says pharma
    startup = ProfileDoc("s", COMPANY, kind="startup", offer="drug development of a small molecule",
                         startup_stage="seed")
    matcher = Matcher().fit([investor, startup, *FILLER])
    reasons = explain(matcher, "s", next(m for m in matcher.rank("s", "investor") if m.target == "i"))
    assert "pharma" not in reasons.params("shared_concepts").get("concepts", [])
    assert reasons.params("investor_sector") == {"sectors": ["pharma"]}


def test_stage_words_are_not_terms_between_an_investor_and_a_start_up():
    for reader, other in (("i", "s"), ("s", "i")):
        reasons = _reasons(reader, other)
        terms = [term.lower() for code in ("investor_focus", "their_investor_focus")
                 for term in reasons.params(code).get("terms", [])]
        assert terms, reader  # the texts still meet on other words
        assert not [t for t in terms if {"seed", "pre-seed", "preseed"} & set(t.replace(",", " ").split())], terms
        assert "stage_fit" in reasons.codes() or "their_stage_fit" in reasons.codes()
