"""The scheduler's reason codes (unplaced meetings, moves of published meetings) worded in the user's language.

The engine (`scheduling/reasons.py`) returns `(code, parameters)`; the organiser's and participants' pages word
them here. Slot and participant parameters are shown as given (the pages pass times and names).
"""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext, lazy_gettext as _l, ngettext

from matchmaker.scheduling.reasons import Reason
from matchmaker.services.events_begun import SLOTS_OVER
from matchmaker.services.events_moves import TAKEN_OUT

# The causes of "slots_taken", each followed by the number of slots it rules out.
CAUSES = {
    "fixed_meeting_conflict": _l("conflicts with a fixed meeting"),
    "participant_busy": _l("a participant is already in another meeting"),
    "no_table": _l("no table left"),
    "precedence": _l("a precedence with another meeting rules it out"),
    "would_displace": _l("placing it would displace a meeting of equal or higher priority"),
}


def _list(values) -> str:
    return ", ".join(map(str, values)) if isinstance(values, (list, tuple)) else str(values)


def _slots_taken(slots: int, causes: list) -> str:
    parts = "; ".join(ngettext("%(cause)s in %(count)s slot", "%(cause)s in %(count)s slots", n,
                               cause=CAUSES.get(cause, cause), count=n) for cause, n in causes)
    return ngettext("the only common available slot is taken: %(causes)s",
                    "all %(count)s common available slots are taken: %(causes)s", slots, count=slots, causes=parts)


SENTENCES: dict[str, Callable[..., str]] = {
    "fixed_slot_missing": lambda slot: gettext("fixed to slot %(slot)s, which does not exist", slot=slot),
    "fixed_slot_unavailable": lambda slot, participant: gettext(
        "fixed to slot %(slot)s, but %(participant)s is unavailable then", slot=slot, participant=participant),
    "no_session_slot": lambda sessions: gettext(
        "no slot belongs to its session(s): %(sessions)s", sessions=_list(sessions)),
    "no_common_slot": lambda: gettext("the participants have no common available slot"),
    "no_common_slot_in_session": lambda sessions: gettext(
        "the participants have no common available slot in session(s) %(sessions)s", sessions=_list(sessions)),
    "participant_at_max": lambda participant, max: ngettext(  # noqa: A006 - the engine's parameter name
        "%(participant)s already has their maximum of %(count)s meeting",
        "%(participant)s already has their maximum of %(count)s meetings", max, participant=participant, count=max),
    "slots_taken": _slots_taken,
    "no_longer_requested": lambda: gettext("no longer requested"),
    "table_reassigned": lambda: gettext("table reassigned"),
    "slot_no_longer_possible": lambda: gettext(
        "its slot is no longer possible (availability, session or tables changed)"),
    "moved_to_make_room": lambda: gettext(
        "moved to make room for a meeting that could not be kept or placed otherwise"),
}


# Reasons the services store beside the engine's: a meeting the organisers took out by hand; one whose common slots
# had all begun when the event was scheduled again on its day.
OWN_SENTENCES: dict[str, Callable[..., str]] = {
    TAKEN_OUT: lambda: gettext("the organisers took it out of the agenda"),
    SLOTS_OVER: lambda: gettext("every slot the participants had in common has already begun"),
}


def describe(reason: Reason) -> str:
    """One sentence for a scheduler reason (or one of the web layer's own), in the current language."""
    code, params = reason
    return (SENTENCES.get(code) or OWN_SENTENCES[code])(**params)
