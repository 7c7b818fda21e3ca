"""View decorators for role checks (403 for a logged-in user without the role)."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort
from flask_login import current_user, login_required


def requires(allowed: Callable[[object], bool]):
    """A decorator: log in first, then 403 unless `allowed(current_user)`."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not allowed(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


organiser_required = requires(lambda user: user.is_organiser)  # organisers and admins
admin_required = requires(lambda user: user.is_admin)
