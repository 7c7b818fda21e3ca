"""Turn one imported row (strings) into checked profile fields, or a list of reasons it is wrong."""
from __future__ import annotations

from flask_babel import gettext as _

from matchmaker.services.profile_schema import validate_profile


def parse_row(raw: dict[str, str]) -> tuple[dict, list[str]]:
    """Checked profile data for an organisation row, and the list of errors (empty when the row is good).

    The rules and messages are the profile form's (services/profile_schema.py); each error names its column.
    """
    errors: list[str] = []
    if raw.get("__extra__"):
        errors.append(_("the row has more cells than the header has columns"))
    fields = {k: v for k, v in raw.items() if k != "__extra__"}
    fields.setdefault("name", "")
    fields.setdefault("kind", "")
    data, problems = validate_profile(fields)
    errors.extend(_("%(field)s: %(problem)s", field=field, problem=message)
                  for field, messages in problems.items() for message in messages)
    return data, errors
