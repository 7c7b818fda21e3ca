"""Progress bars for the commands: a wrapper suitable for the services' `progress` argument."""
from __future__ import annotations

import sys
from collections.abc import Iterable

import click


def progress_bar(label: str):
    """A progress-bar wrapper suitable for the services' `progress` argument."""

    def wrap(items: Iterable) -> Iterable:
        items = list(items)
        with click.progressbar(items, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap
