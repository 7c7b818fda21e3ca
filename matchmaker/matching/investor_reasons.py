"""The reasons of an investor-company pair: stage, ticket and sector fit, worded for whichever side reads them."""
from __future__ import annotations

from matchmaker import glossary, taxonomy
from matchmaker.matching import scoring
from matchmaker.matching.documents import COMPANY, INVESTOR, ProfileDoc

# The words of the funding stages in both languages ("seed", "pre-seed", "series", "serie"...): the stage line says
# them, so a term made only of them is not repeated as a reason term between an investor and a company.
STAGE_WORDS = frozenset(word for term in taxonomy.FUNDING_STAGES.terms
                        for label in (term.label, term.label_it, term.code)
                        for word in label.lower().replace("_", " ").split()) | {"preseed", "pre"}


def investor_pair(source: ProfileDoc, target: ProfileDoc) -> bool:
    """Whether one of the two is an investor and the other a company."""
    return {source.side, target.side} == {INVESTOR, COMPANY}


def without_stage_words(terms: list[str]) -> list[str]:
    """`terms` without those made only of funding-stage words (the stage line says them)."""
    return [term for term in terms
            if not set(term.lower().replace(",", " ").split()) <= STAGE_WORDS]


def sector_concepts(concepts: list[str]) -> tuple[list[str], set[str]]:
    """(the concepts left, the sectors of those that only name a sector): between an investor and a company a
    shared sector concept ("drug development") is the investor's sector that the company is in, said by the
    sector line, not "Both work on"."""
    left, sectors = [], set()
    for code in concepts:
        tags = glossary.tags(code)
        if tags and all(facet == "sector" for facet, _ in tags):
            sectors.update(value for _, value in tags)
        else:
            left.append(code)
    return left, sectors


def sector_terms(terms: list[str]) -> tuple[list[str], set[str]]:
    """(the terms left, the sectors of those that are a sector's label in either language): "dispositivi medici"
    in both texts is a sector the investor invests in, not something it offers."""
    labels = {taxonomy.fold(label): entry.code for entry in taxonomy.SECTORS.terms
              for label in (entry.label, entry.label_it)}
    left, sectors = [], set()
    for term in terms:
        code = labels.get(taxonomy.fold(term))  # a label as written, not an alias ("diagnostics" is not IVD)
        if code:
            sectors.add(code)
        else:
            left.append(term)
    return left, sectors


def investor_reasons(source: ProfileDoc, target: ProfileDoc,
                     text_sectors: set[str] = frozenset()) -> list[tuple[str, dict]]:
    """Stage, ticket and sector fit, named for investors and start-ups alike; `text_sectors` are sectors both
    texts name (sector_concepts), said with the investor's declared sectors that the start-up is in."""
    if not investor_pair(source, target):
        return []
    startup, investor = (source, target) if source.side == COMPANY else (target, source)
    # Each reason is worded for the reader: a start-up reads "Invests at your stage", an investor "At a stage
    # you invest in" (the investor's codes start with "their_").
    mine = "" if source is startup else "their_"
    items: list[tuple[str, dict]] = []
    if startup.startup_stage and startup.startup_stage in investor.investor_stages:
        items.append((mine + "stage_fit", {"stage": startup.startup_stage}))
    if fit := scoring.ticket_fit(source, target):  # the same rule the score follows (0 when a figure is unknown)
        items.append((mine + ("ticket_fit" if fit > 0 else "ticket_syndicate"),
                      {"amount": startup.amount_sought, "min": investor.ticket_min, "max": investor.ticket_max}))
    if shared := sorted((investor.investor_sectors & (startup.sectors | startup.derived_sectors)) | text_sectors):
        items.append((mine + "investor_sector", {"sectors": shared}))
    return items
