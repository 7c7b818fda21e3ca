"""Bad input never reaches the database: ids beyond what a column holds are 404, NUL characters are refused."""
from __future__ import annotations

from typing import Any

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter

MAX_ID = 2 ** 31 - 1  # an INTEGER primary key on PostgreSQL; SQLite's 64-bit ones are never this big here


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: a number beyond MAX_ID matches no route (404), instead of overflowing the
    database driver (a 500 for /profiles/100000000000000000000)."""

    def __init__(self, url_map, fixed_digits: int = 0, min: int | None = None, max: int | None = MAX_ID,
                 signed: bool = False) -> None:
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def db_id(value: str) -> int:
    """A query-string id (`?org=12`): for request.args.get(..., type=db_id); raises ValueError when out of range."""
    number = int(value) if value.isascii() and value.isdigit() and len(value) <= 10 else 0
    if not 1 <= number <= MAX_ID:
        raise ValueError(value)
    return number


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def install(app: Flask) -> None:
    """Use IdConverter for `<int:...>` and refuse (400) any request whose query, form or JSON has a NUL."""
    app.url_map.converters["int"] = IdConverter

    @app.before_request
    def _refuse_nul() -> None:
        values = [*request.args.keys(), *(v for _, v in request.args.items(multi=True))]
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            values += [*request.form.keys(), *(v for _, v in request.form.items(multi=True))]
        elif request.is_json:
            values.append(request.get_json(silent=True))
        if any(_has_nul(v) for v in values):
            abort(400, description="nul")
