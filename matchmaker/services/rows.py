"""Turn one imported row (strings) into checked profile fields, or a list of reasons it is wrong."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

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
    errors.extend(problem_lines(problems))
    return data, errors


def problem_lines(problems: dict[str, list[str]]) -> list[str]:
    """validate_profile's errors by field as the import reports them, each naming its column."""
    return [_("%(field)s: %(problem)s", field=field, problem=message)
            for field, messages in problems.items() for message in messages]


@lru_cache(maxsize=None)
def _blank(field: str) -> Any:
    """What an empty cell of `field` gives (its default: "", [], None, False, "anywhere", "en")."""
    return validate_profile({"name": "x", "kind": "other", field: ""})[0].get(field)


def given(raw: dict[str, str], data: dict) -> dict:
    """`data` without the fields whose cell is empty: an update keeps what is stored there (a sheet with a few
    columns filled erased the others), a new profile gets the defaults, which is what an empty cell gives anyway.
    A value the rules infer from another cell (Italy from an Italian region) is kept."""
    return {k: v for k, v in data.items()
            if k in ("name", "kind") or str(raw.get(k) or "").strip() or v != _blank(k)}
