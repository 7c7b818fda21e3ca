"""Notifications about reviewing (interest received, connected, connection withdrawn) for an organisation's members."""
from __future__ import annotations

import logging

from matchmaker.models import Organisation

log = logging.getLogger(__name__)


def send(organisation: Organisation, code: str, params: dict, link: tuple[str, int]) -> None:
    """Notify every active member of `organisation` with `code` and `params`, linking to a profile page."""
    log.info("notification %s to %s: %s", code, organisation.id, params)
