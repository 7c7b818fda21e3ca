"""The profile form's field groups that apply to some kinds only (seeking investment, investing, the TRL), and how a
save treats the groups that do not apply to the kind chosen.

A group that does not apply is hidden on the form but still sent back, and the profile keeps what it holds: the
service stores every field whatever the kind, and matching reads a group only for the kinds it applies to, so
data entered for another kind is kept (changing the kind back brings it back) and harms nothing meanwhile. Such a
group must never block a save, though, since its fields are out of sight: it is validated on its own, saved when
valid, and otherwise left exactly as stored (what was typed in it is not saved), which the caller reports.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matchmaker import taxonomy
from matchmaker.services.profile_schema import SME_KINDS, validate_profile

# Which kinds the form's groups apply to: start-ups and SMEs may seek investment; investors invest; a TRL is asked of
# companies and research organisations only (what investors, associations and others offer has no readiness level).
FIELD_GROUP_KINDS = {"seeking_investment": SME_KINDS, "investing": frozenset({"investor"}),
                     "maturity": taxonomy.TRL_KINDS}

FIELD_GROUPS = {"seeking_investment": ("funding_stage", "funding_amount_sought"),
                "investing": ("ticket_min", "ticket_max", "investor_stages", "investor_sectors"),
                "maturity": ("trl",)}


def groups_not_applying(kind: str | None) -> list[str]:
    """The groups that do not apply to `kind` (a code, or a label); none for an unknown kind, whose form shows
    an error on the kind itself and validates every field."""
    code = taxonomy.KINDS.lookup(str(kind or "").strip())
    return [] if code is None else [g for g, kinds in FIELD_GROUP_KINDS.items() if code not in kinds]


def validate_for_kind(raw: Mapping[str, Any], stored: Mapping[str, Any] | None = None
                      ) -> tuple[dict, dict[str, list[str]], list[str]]:
    """As `validate_profile`, but the fields of a group that does not apply to the kind chosen never refuse the
    save: a group of them with an error is left out of the clean values (it stays as stored).
    Returns the clean values, the errors by field and the groups left as stored."""
    data, errors = validate_profile(raw, stored)
    refused = [g for g in groups_not_applying(raw.get("kind")) if any(f in errors for f in FIELD_GROUPS[g])]
    if not refused:
        return data, errors, []
    left_out = {f for g in refused for f in FIELD_GROUPS[g]}
    data, errors = validate_profile({k: v for k, v in raw.items() if k not in left_out}, stored)
    return data, errors, refused
