"""Shared test data for the matching unit tests."""
from __future__ import annotations

from matchmaker.matching.documents import RESEARCH, ProfileDoc

FILLER = [  # unrelated profiles so that IDF is meaningful
    ProfileDoc(f"filler{i}", RESEARCH, offer=text) for i, text in enumerate([
        "Forest biomass and wood supply chains for the circular bioeconomy.",
        "Photovoltaic materials and perovskite solar cells for buildings.",
        "Urban mobility, traffic models and public transport planning.",
        "Marine biology of coral reefs and ocean acidification.",
        "Quantum computing hardware with superconducting qubits.",
        "Cultural heritage digitisation and museum archives.",
    ])]
