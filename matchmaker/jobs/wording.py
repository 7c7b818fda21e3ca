"""A job's report worded in the reader's language when it is shown, not in the worker's when it ran.

A handler returns `{"message": code, "message_params": {...}}`; the runner stores both on the job row and the
Jobs page (and `flask jobs show`) words them here, with plurals. A message stored without parameters is shown through
gettext as it was stored: the fixed N_ messages (phases, states, "sent") and the text of an unexpected error; a
code with parameters that this version cannot word is logged and shown as a generic report.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask_babel import gettext, ngettext

from matchmaker import count_wording
from matchmaker.taxonomy import N_

logger = logging.getLogger(__name__)


def _people(p: dict) -> str:
    return gettext("%(added)s %(refused)s.", added=count_wording.participants_added(p["added"]),
                   refused=count_wording.rows_refused(p["refused"], p["total"]))


def _schedule(p: dict) -> str:
    return gettext("%(placed)s, %(breaks)s", placed=count_wording.meetings_placed(p["placed"], p["requested"]),
                   breaks=ngettext("%(num)s break", "%(num)s breaks", p["breaks"]))


MESSAGES: dict[str, str | Callable[[dict], str]] = {
    "orgs_imported": N_("%(created)s created, %(updated)s updated, %(refused)s of %(total)s rows refused"),
    "people_imported": _people,
    "cordis_imported": N_("organisations: %(created)s created, %(updated)s updated; projects: %(projects)s "
                          "created; skipped rows: %(skipped)s; suggestions: job %(job)s"),
    "suggestions_stored": lambda p: ngettext("stored %(num)s suggestion", "stored %(num)s suggestions", p["num"]),
    "engine_fitted": N_("engine version %(version)s"),
    "dzn_solved": N_("%(placed)s meetings placed, %(breaks)s breaks"),
    "event_scheduled": _schedule,
    "followup_asked": lambda p: ngettext("asked %(num)s participant for their follow-up",
                                         "asked %(num)s participants for their follow-up", p["num"]),
    "will_retry": N_("%(error)s (will retry)"),
    "not_queued": N_("Could not queue this job: %(error)s"),
}


def word(message: str | None, params: dict[str, Any] | None) -> str:
    """The stored message (a code with its parameters, or a fixed message) in the current language."""
    if not message:
        return ""
    if params is None:  # a fixed message (N_) or the text of an unexpected error
        return gettext(message)
    entry = MESSAGES.get(message)
    if entry is not None:
        try:
            return entry(params) if callable(entry) else gettext(entry, **params)
        except (KeyError, TypeError, ValueError):  # parameters of an older version of the message
            pass
    # a code this version does not know, or its parameters do not fit: a generic report, never the raw code
    logger.warning("Job message %r with parameters %r cannot be worded", message, sorted(params))
    return gettext("The job's report cannot be shown in this version.")
