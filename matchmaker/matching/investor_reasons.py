"""The reasons of an investor-company pair: stage, ticket and sector fit, worded for whichever side reads them."""
from __future__ import annotations

from matchmaker.matching import scoring
from matchmaker.matching.documents import COMPANY, INVESTOR, ProfileDoc


def investor_pair(source: ProfileDoc, target: ProfileDoc) -> bool:
    """Whether one of the two is an investor and the other a company."""
    return {source.side, target.side} == {INVESTOR, COMPANY}


def investor_reasons(source: ProfileDoc, target: ProfileDoc) -> list[tuple[str, dict]]:
    """Stage and ticket fit, named for investors and start-ups alike."""
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
    if shared := sorted(investor.investor_sectors & (startup.sectors | startup.derived_sectors)):
        items.append((mine + "investor_sector", {"sectors": shared}))
    return items
