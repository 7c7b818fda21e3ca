"""Suggested tags: sectors and therapeutic areas read from a profile's text by the bilingual glossary."""
from __future__ import annotations

from matchmaker.glossary import derive
from matchmaker.models import Organisation


def suggest_tags(organisation: Organisation) -> None:
    """Derive sectors, therapeutic areas and the life-sciences flag from the profile's texts.

    Until a member ticks them (they are opt-in: never pre-ticked in the form), they are kept as suggested tags
    (shown as such, and counted by investors' sector filters); a member's own tags are never replaced.
    """
    texts = (organisation.offer, organisation.seek, organisation.keywords,
             organisation.description if organisation.source != "cordis" else "")
    derived = derive(" ".join(text or "" for text in texts))
    declared = bool(organisation.sectors or organisation.therapeutic_areas)
    organisation.life_sciences = derived.life_science or declared
    if organisation.tags_confirmed:
        organisation.suggested_sectors, organisation.suggested_therapeutic_areas = [], []
        return
    organisation.suggested_sectors = [c for c in derived.sectors if c not in organisation.sectors]
    organisation.suggested_therapeutic_areas = [c for c in derived.areas if c not in organisation.therapeutic_areas]


def tags_changed(organisation: Organisation, data) -> bool:
    """Whether a save changes the declared sectors or therapeutic areas. Suggested tags are opt-in: the form
    shows them unticked, so a save that leaves the tags as they were keeps them as suggestions (neither
    accepted nor discarded); ticking one (or changing any tag) makes the member's choice final."""
    return any(name in data and set(data[name] or ()) != set(getattr(organisation, name) or ())
               for name in ("sectors", "therapeutic_areas"))


def confirm_tags(organisation: Organisation) -> None:
    """A member saved the sectors and areas: their choice replaces the suggestions from now on."""
    organisation.tags_confirmed = True
    organisation.suggested_sectors, organisation.suggested_therapeutic_areas = [], []


def accept_suggested(organisation: Organisation, user, expected_version: int | None = None) -> int:
    """A member accepts every suggested sector and therapeutic area at once (one save, as if each were ticked:
    the tags become the member's own, and may be unticked later); returns how many were added. Raises what
    update_profile raises (permission, ProfileConflict for a page loaded before another save)."""
    from matchmaker.services.profiles import update_profile  # profiles imports this module

    sectors = [c for c in organisation.suggested_sectors if c not in organisation.sectors]
    areas = [c for c in organisation.suggested_therapeutic_areas if c not in organisation.therapeutic_areas]
    if not sectors and not areas:
        return 0
    update_profile(organisation, {"sectors": [*organisation.sectors, *sectors],
                                  "therapeutic_areas": [*organisation.therapeutic_areas, *areas]},
                   user, expected_version)
    return len(sectors) + len(areas)


def retag_all(session, batch: int = 500) -> dict[str, int]:
    """Derive the suggested tags and the life-sciences flag of every organisation again (after the glossary
    changed: profiles are re-tagged only when saved or imported otherwise). Members' confirmed tags stay as they
    are. Returns how many organisations were read and how many changed; the caller commits."""
    from sqlalchemy import select

    read = changed = 0
    for organisation in session.scalars(select(Organisation).order_by(Organisation.id)
                                        .execution_options(yield_per=batch)):
        before = (organisation.life_sciences, list(organisation.suggested_sectors or ()),
                  list(organisation.suggested_therapeutic_areas or ()))
        suggest_tags(organisation)
        read += 1
        if before != (organisation.life_sciences, list(organisation.suggested_sectors or ()),
                      list(organisation.suggested_therapeutic_areas or ())):
            changed += 1
    return {"read": read, "changed": changed}
