"""Counts worded with the plural form the reader's language needs ("1 participant added", "2 incontri nuovi")."""
from __future__ import annotations

from babel.lists import format_list
from flask_babel import get_locale, gettext, ngettext


def participants_added(added: int) -> str:
    """'1 participant added.' / 'N participants added.'"""
    return ngettext("%(num)s participant added.", "%(num)s participants added.", added)


def rows_refused(refused: int, total: int) -> str:
    """'R of 1 row refused' / 'R of N rows refused' (the noun follows the total)."""
    return ngettext("%(refused)s of %(num)s row refused", "%(refused)s of %(num)s rows refused", total,
                    refused=refused)


def meetings_placed(placed: int, requested: int) -> str:
    """'P of 1 meeting placed' / 'P of N meetings placed' (the noun follows the number requested)."""
    return ngettext("%(placed)s of %(num)s meeting placed", "%(placed)s of %(num)s meetings placed", requested,
                    placed=placed)


def agenda_changes(new: int, moved: int, cancelled: int) -> str:
    """A published agenda's changes, only the counts that are not zero: '1 new meeting and 2 meetings moved'."""
    parts = [ngettext("%(num)s new meeting", "%(num)s new meetings", new) if new else "",
             ngettext("%(num)s meeting moved", "%(num)s meetings moved", moved) if moved else "",
             # taken off the agenda: cancelled, or unplaced by the organisers for now (a walk: an unplaced meeting
             # told as "cancelled", then placed again as a new one)
             ngettext("%(num)s meeting removed", "%(num)s meetings removed", cancelled) if cancelled else ""]
    parts = [part for part in parts if part]
    return format_list(parts, locale=get_locale() or "en") if parts else gettext("no meeting changed")
