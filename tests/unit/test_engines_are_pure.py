"""The matching and scheduling engines load neither Flask nor SQLAlchemy (nor OR-Tools for the MaxSAT workers)."""
from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = ("import sys, {module}; "
         "print(' '.join(m for m in ('flask', 'sqlalchemy', 'ortools') if m in sys.modules))")


@pytest.mark.parametrize("module, allowed", [
    ("matchmaker.matching.rank", set()),
    ("matchmaker.matching.evaluate", set()),
    ("matchmaker.matching.feedback", set()),
    ("matchmaker.scheduling.maxsat", set()),  # what each MaxSAT worker process imports
    ("matchmaker.scheduling.solver", {"ortools"}),
])
def test_engine_imports(module, allowed):
    out = subprocess.run([sys.executable, "-c", PROBE.format(module=module)], capture_output=True, text=True,
                         check=True)
    assert set(out.stdout.split()) <= allowed, out.stdout
