"""Jinja's template globals with a cheap set of names.

Every `{% from "x.html" import y %}` asks which of the importing context's global names the imported template lacks
(`Template._get_default_module`: `ctx.globals_keys - self.globals.keys()`); on Jinja's ChainMap that difference tests
each of the ~30 names through every map in Python, about 200 calls per import, and a profile page imports five
templates. Here `keys()` is the union of the maps' keys, made in C: the same names, so the same answer.
"""
from __future__ import annotations

from collections import ChainMap

from flask.templating import Environment as FlaskEnvironment


class TemplateGlobals(ChainMap):
    """A template's globals over the environment's (as Jinja's ChainMap), whose keys() is a plain set."""

    def keys(self):  # type: ignore[override]
        return set().union(*self.maps)


class Environment(FlaskEnvironment):
    """Flask's Jinja environment whose templates' globals are TemplateGlobals."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)
