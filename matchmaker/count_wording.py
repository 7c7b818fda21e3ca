"""Counts worded with the plural form the reader's language needs ("1 participant added", "2 incontri nuovi")."""
from __future__ import annotations

from flask_babel import ngettext


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


def agenda_changes(new: int, moved: int, cancelled: int) -> dict[str, str]:
    """Each count of a published agenda's changes worded on its own: new, moved, cancelled meetings."""
    return {"new": ngettext("%(num)s new meeting", "%(num)s new meetings", new),
            "moved": ngettext("%(num)s moved", "%(num)s moved", moved),
            "cancelled": ngettext("%(num)s cancelled", "%(num)s cancelled", cancelled)}
