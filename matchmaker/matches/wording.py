"""The matching engine's reasons (codes with parameters) worded in the user's language."""
from __future__ import annotations

from collections.abc import Callable

from flask_babel import format_number, gettext, ngettext

from matchmaker import taxonomy
from matchmaker.i18n import vocabulary_label
from matchmaker.matching.reasons import Reasons


def _labels(vocabulary: taxonomy.Vocabulary, codes: list[str], lower: bool = False) -> str:
    labels = sorted(vocabulary_label(vocabulary, c) for c in codes)
    return ", ".join(label.lower() if lower else label for label in labels)


# One function per signal code; each returns a sentence in the current language.
SIGNALS: dict[str, Callable[..., str]] = {
    "shared_areas": lambda areas: gettext(
        "Both work in %(areas)s", areas=_labels(taxonomy.THERAPEUTIC_AREAS, areas, lower=True)),
    "shared_sectors": lambda sectors: gettext(
        "Shared sectors: %(sectors)s", sectors=_labels(taxonomy.SECTORS, sectors)),
    "trl_fit": lambda their_trl, your_trl: gettext(
        "Their TRL %(their)s fits your TRL %(yours)s", their=their_trl, yours=your_trl),
    "shared_collaboration": lambda types: gettext(
        "Both want %(types)s", types=_labels(taxonomy.COLLABORATION_TYPES, types, lower=True)),
    "track_record": lambda projects: ngettext(
        "Track record: %(count)s funded project", "Track record: %(count)s funded projects", projects,
        count=format_number(projects)),
}


def reason_lines(reasons: Reasons) -> list[str]:
    """Every reason of a suggestion as a sentence; unknown codes are skipped rather than shown raw."""
    out = []
    if reasons.forward_terms:
        out.append(gettext("What you seek meets what they offer: %(terms)s", terms=", ".join(reasons.forward_terms)))
    if reasons.backward_terms:
        out.append(gettext("What they seek meets what you offer: %(terms)s", terms=", ".join(reasons.backward_terms)))
    out.extend(SIGNALS[code](**params) for code, params in reasons.signals if code in SIGNALS)
    return out
