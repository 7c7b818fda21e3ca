"""The app's templates' globals: the same names as Jinja's ChainMap, an import still sees the importer's globals,
and an import that adds nothing reuses the imported template's module."""
from __future__ import annotations

from collections import ChainMap

from jinja2 import DictLoader

from matchmaker.fast_jinja import Environment, TemplateGlobals


def test_the_names_are_those_of_the_chain_map(app):
    template_globals = TemplateGlobals({"own": 1, "url_for": 2}, app.jinja_env.globals)
    assert template_globals.keys() == set(ChainMap.keys(template_globals))
    assert template_globals["own"] == 1 and template_globals["url_for"] == 2
    assert isinstance(app.jinja_env, Environment)


def test_imports_see_the_importers_globals_and_reuse_the_module_otherwise(app):
    env = Environment(app, loader=DictLoader({
        "macros.html": "{% macro hello() %}hello {{ who }}{% endmacro %}",
        "page.html": "{% from 'macros.html' import hello with context %}{{ hello() }}",
        "plain.html": "{% from 'macros.html' import hello %}[{{ hello() }}]"}))
    page = env.get_template("page.html", globals={"who": "world"})
    assert page.render() == "hello world"
    assert env.get_template("plain.html").render() == "[hello ]"
    macros = env.get_template("macros.html")
    assert macros._get_default_module(page.new_context()) is not macros._get_default_module()  # a global to pass
    assert macros._get_default_module(env.get_template("plain.html").new_context()) is macros._get_default_module()
