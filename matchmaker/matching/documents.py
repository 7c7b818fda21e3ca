"""What the engine knows about a profile: plain, immutable data built by the service layer."""
from __future__ import annotations

from dataclasses import dataclass, field

COMPANY = "company"
RESEARCH = "research"
INVESTOR = "investor"
OTHER = "other"


@dataclass(frozen=True)
class ProfileDoc:
    """One organisation's profile as the matching engine sees it."""

    id: str
    side: str  # company | research | investor | other
    kind: str = ""  # the organisation kind (large_company, sme, startup, ...)
    offer: str = ""
    seek: str = ""
    keywords: str = ""
    description: str = ""
    language: str = "en"
    sectors: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    collaboration: frozenset[str] = frozenset()
    trl: int | None = None
    activity: int = 0  # track record, e.g. number of funded projects
    partners: frozenset[str] = frozenset()  # ids it has already worked with (never suggested)
    startup_stage: str | None = None
    amount_sought: int | None = None
    investor_stages: frozenset[str] = frozenset()
    investor_sectors: frozenset[str] = frozenset()
    ticket_min: int | None = None
    ticket_max: int | None = None
    derived_sectors: frozenset[str] = frozenset()  # suggested from its text, not yet confirmed by a member
    projects: frozenset[str] = frozenset()  # ids of its funded projects (texts given to Matcher.fit)
    region: str = ""
    country: str = ""
    proximity: str = "anywhere"  # anywhere | country | region: which partners it wants first
    extra: dict = field(default_factory=dict, compare=False, hash=False)
