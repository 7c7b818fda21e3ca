"""Why a pair matched, as codes with parameters (the web layer words them): the glossary concepts and terms
that drove each direction of the text score, the track record on similar work, shared partners, and the
structured signals that fired. Every listed term contributes to the score."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matchmaker import glossary
from matchmaker.matching import scoring
from matchmaker.matching.analysis import is_technical
from matchmaker.matching.documents import COMPANY, ProfileDoc
from matchmaker.matching.investor_reasons import (investor_pair, investor_reasons, sector_concepts, sector_terms,
                                                  without_stage_words)
from matchmaker.matching.rank import Match, Matcher
from matchmaker.matching.reason_terms import (AFTER_IN, COMMON_SCIENCE, GENERIC_WORDS, beyond, distinct,
                                              says_something, whole_terms)

Reason = tuple[str, dict]
GENERIC = ("health",)  # glossary concepts too broad to put a word ahead of others (patient, disease, clinical)
SIMILAR_PROJECT = 0.1  # a project counts as similar work when its cosine with the seek text reaches this
TRACK_CONFIRMS = 2  # similar projects it takes to confirm the text: an imported profile's one project IS its text
NAMED_PARTNERS = 2  # shared past partners named on the line ("and 3 more" for the others)
HOSPITAL = "irccs_hospital"  # the kind whose TRL says nothing beside a company's, and that hosts clinical studies
CLINICAL = "clinical_study"
CONSIDERED = 30  # the largest contributions among which reasons pick technical and life-science terms first
CORPUS_GENERIC = 0.04  # a word used by more than this share of the directory's profiles says nothing to a reader
CORPUS_GENERIC_MIN = 20  # ... once it is used by at least this many (a small directory has no generic words)
# The reason lines that show each part of the score (the headline names a part only when its line is shown).
# The text parts are split: their share from glossary concepts is the "concepts" part ("Both work on ..."), the
# rest stays "seek"/"offer" (the words of "What you seek meets what they offer: ...").
PART_LINES = {"seek": ("seek_meets_offer", "seek_meets_project", "investor_focus", "their_investor_focus"),
              "offer": ("offer_meets_seek", "project_meets_offer", "investor_focus", "their_investor_focus"),
              "concepts": ("shared_concepts",),
              "track": ("similar_track",), "network": ("shared_partners",),
              "sectors": ("shared_sector", "investor_sector", "their_investor_sector"), "areas": ("shared_area",),
              "trl": ("trl_fit",),
              "collaboration": ("collaboration", "clinical_site", "their_clinical_site"),
              "region": ("same_region",), "country": ("same_country",),
              "ticket": ("ticket_fit", "their_ticket_fit")}


@dataclass
class Reasons:
    """A pair's reasons (codes with parameters, most telling first), its strength and its main driver."""

    items: list[Reason] = field(default_factory=list)
    strength: str = "possible"  # strong | good | possible
    driver: str = ""  # the part of the score that weighs most (a key of scoring.parts)

    def codes(self) -> list[str]:
        """The reason codes, in order."""
        return [code for code, _ in self.items]

    def params(self, code: str) -> dict:
        """The parameters of the first reason with `code` ({} when absent)."""
        return next((p for c, p in self.items if c == code), {})


def _row(matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Column indices and values of one CSR row, read in place."""
    start, end = matrix.indptr[i], matrix.indptr[i + 1]
    return matrix.indices[start:end], matrix.data[start:end]


def _products(a, i: int, b, j: int) -> tuple[np.ndarray, np.ndarray]:
    """The columns two CSR rows share, and the products of their values there."""
    (a_cols, a_vals), (b_cols, b_vals) = _row(a, i), _row(b, j)
    columns, in_a, in_b = np.intersect1d(a_cols, b_cols, assume_unique=True, return_indices=True)
    return columns, a_vals[in_a] * b_vals[in_b]


def _contributions(matcher: Matcher, seek_row: int, offer_row: int) -> list[tuple[str, float]]:
    columns, values = _products(matcher.index_.seek_, seek_row, matcher.index_.offer_, offer_row)
    vocabulary = matcher.index_.terms()
    order = np.argsort(-values)[:CONSIDERED]
    return [(str(vocabulary[columns[k]]), float(values[k])) for k in order if values[k] > 0]


def _concept_share(matcher: Matcher, seek_row: int, offer_row: int) -> float:
    """The share of one direction's text cosine that comes from glossary concepts (0 when nothing is shared)."""
    columns, values = _products(matcher.index_.seek_, seek_row, matcher.index_.offer_, offer_row)
    total = float(values.sum())
    if total <= 0:
        return 0.0
    concept = np.char.startswith(matcher.index_.terms()[columns].astype(str), glossary.CONCEPT_PREFIX)
    return float(values[concept].sum()) / total


def _driver(matcher: Matcher, i: int, j: int, parts: dict[str, float], shown: set[str]) -> str:
    """The largest part of the score whose reason line is shown; the text parts are split into the share of
    shared concepts ("Both work on ...") and the share of the words the seek/offer lines list."""
    forward, backward = _concept_share(matcher, i, j), _concept_share(matcher, j, i)
    parts = {**parts, "concepts": parts.get("seek", 0.0) * forward + parts.get("offer", 0.0) * backward,
             "seek": parts.get("seek", 0.0) * (1 - forward), "offer": parts.get("offer", 0.0) * (1 - backward)}
    parts = {part: value for part, value in parts.items() if value > 0 and shown & set(PART_LINES.get(part, ()))}
    return max(parts, key=parts.get) if parts else ""


def _corpus_generic(matcher: Matcher) -> frozenset[str]:
    """The terms (stems, bigrams) used by more than CORPUS_GENERIC of the directory's profiles (at least
    CORPUS_GENERIC_MIN of them), from the fitted IDF (cached on the index until the next fit)."""
    index = matcher.index_
    cached = getattr(index, "_generic", None)
    if cached is None:
        n = len(index.position_)
        df = (1 + n) / np.exp(index.idf_.astype(np.float64) - 1) - 1  # inverts ln((1 + n) / (1 + df)) + 1
        common = (df > CORPUS_GENERIC * n) & (df >= CORPUS_GENERIC_MIN)
        cached = index._generic = frozenset(index.terms_[common].tolist())
    return cached


def _split(matcher: Matcher, pairs: list[tuple[str, float]], n: int) -> tuple[list[str], list[str]]:
    """(concepts, terms): glossary concepts by weight, then terms as people wrote them, technical terms
    (gene names, acronyms, CAR-T) and life-science words ahead of generic ones; words common to much of the
    directory or to every life-science profile ("disease", "clinical", "studies") are never shown."""
    concepts = [term[len(glossary.CONCEPT_PREFIX):] for term, _ in pairs
                if term.startswith(glossary.CONCEPT_PREFIX) and term[len(glossary.CONCEPT_PREFIX):] not in GENERIC]
    generic = _corpus_generic(matcher)
    words = [(word, weight) for word, weight in ((matcher.index_.readable(term), weight) for term, weight in pairs
                                                 if not term.startswith(glossary.CONCEPT_PREFIX)
                                                 and term not in generic and matcher.index_.is_phrase(term))
             if says_something(word)]

    def rank(item: tuple[str, float]) -> tuple[int, float]:
        word, weight = item
        technical = any(is_technical(part) or part.isupper() for part in word.split())
        topical = any(glossary.concept_of(part) not in (None, *GENERIC) for part in word.split())
        common = all(part.lower() in COMMON_SCIENCE or part.lower() in GENERIC_WORDS for part in word.split())
        return (3 if common else 0 if technical else 1 if topical else 2, -weight)

    seen, terms = set(), []
    for word, _ in sorted(words, key=rank):
        word = " ".join(f"in {part}" if part.lower() in AFTER_IN else part for part in word.split())
        if word not in seen:
            seen.add(word)
            terms.append(word)
    return concepts[:3], terms


def explain(matcher: Matcher, source_id: str, match: Match, n_terms: int = 5) -> Reasons:
    """Reasons for `match` as a suggestion to `source_id`."""
    source, target = matcher.docs_[source_id], matcher.docs_[match.target]
    i, j = matcher.index_.position_[source.id], matcher.index_.position_[target.id]
    items: list[Reason] = []
    forward_concepts, forward = _split(matcher, _contributions(matcher, i, j), n_terms)
    backward_concepts, backward = _split(matcher, _contributions(matcher, j, i), n_terms)
    # A term that only restates a concept the "Both work on" line names ("infectious disease" beside infectious
    # diseases) gives its place to one that says more.
    said = set(forward_concepts + backward_concepts)
    pair = investor_pair(source, target)  # stage words are the stage line's, not terms
    # A lone adjective or fragment ("recombinant", "hits") gives its place to a whole term when one is left.
    forward, backward = (distinct(whole_terms(without_stage_words(beyond(said, terms)) if pair
                                              else beyond(said, terms)), n_terms) for terms in (forward, backward))
    shared_areas = sorted(source.areas & target.areas)
    named = {("therapeutic_area", a) for a in shared_areas} | {("sector", s) for s in source.sectors & target.sectors}
    # A concept whose tags the declared areas or sectors already name would say the same thing twice.
    concepts = [c for c in dict.fromkeys(forward_concepts + backward_concepts)
                if not (set(glossary.tags(c)) and set(glossary.tags(c)) <= named)]
    concepts, text_sectors = sector_concepts(concepts) if pair else (concepts, set())
    if concepts:
        items.append(("shared_concepts", {"concepts": concepts}))
    if shared_areas:
        items.append(("shared_area", {"areas": shared_areas}))
    investor: list[Reason] = []
    if pair:  # an investor offers money, not what its texts name: one line says where its focus meets the company
        focus, term_sectors = sector_terms(distinct(forward + backward, n_terms))
        investor = investor_reasons(source, target, text_sectors | term_sectors)
        items += investor
        if focus:
            items.append(("investor_focus" if source.side == COMPANY else "their_investor_focus", {"terms": focus}))
    else:
        # A profile imported from a funded project has that project's abstract as its only text: its words are the
        # project's, not a description of the organisation's capabilities (several partners read the same). The
        # project's title is named once, on the first of the two lines.
        project_id, project = _project_text(matcher, target)
        others = _same_text_partners(matcher, target, project_id) if project_id else 0
        if forward:
            items.append(("seek_meets_project", {"terms": forward, "title": project, "others": others}) if project
                         else ("seek_meets_offer", {"terms": forward}))
        if backward:
            items.append(("project_meets_offer", {"terms": backward, "title": "" if forward else project,
                                                  "others": 0 if forward else others})
                         if project else ("offer_meets_seek", {"terms": backward}))
    said_sectors = {code for code, _ in investor if code.endswith("investor_sector")}
    if (shared := sorted(source.sectors & target.sectors)) and not said_sectors:  # else said just above
        items.append(("shared_sector", {"sectors": shared}))
    if source.trl is not None and target.trl is not None and scoring.trl_fit(source, target) > 0 \
            and not _hospital_and_company(source, target):
        items.append(("trl_fit", {"theirs": target.trl, "yours": source.trl}))
    # "Investment" between an investor and a company is not a want they share (one offers the money the other
    # seeks): the stage and ticket lines say that fit; other shared types are still named. A clinical study
    # between a company and a hospital is a fit of two sides (the company's study, the hospital's site).
    complementary = {"investment"} if pair else set()
    wanted = source.collaboration & target.collaboration
    if CLINICAL in wanted and _hospital_and_company(source, target):
        complementary.add(CLINICAL)
        items.append(("clinical_site" if source.side == COMPANY else "their_clinical_site", {}))
    if shared := sorted(wanted - complementary):
        items.append(("collaboration", {"types": shared}))
    similar = _similar_projects(matcher, i, target)
    if similar:
        items.append(("similar_track", {"similar": similar, "total": len(target.projects) or target.activity}))
    elif target.activity:
        items.append(("track_record", {"projects": target.activity}))
    common = _shared_partners(matcher, i, j)
    if common:
        items.append(("shared_partners", {"count": len(common), "partners": common[:NAMED_PARTNERS]}))
    if source.country and source.country == target.country:
        if source.region and source.region == target.region:
            items.append(("same_region", {"region": target.region}))
        else:
            items.append(("same_country", {"country": target.country}))
    parts = scoring.parts(matcher.weights, match.forward, match.backward, match.track, match.shared, match.signals,
                          scoring.direction(matcher.weights, source))
    shown = {code for code, _ in items}
    # The headline's driver is the largest part whose reason line is shown (never a part the reader cannot see).
    driver = _driver(matcher, i, j, parts, shown)
    # The ticket fit counts once, as a confirmation (and a round beyond the tickets caps the strength), not also
    # through the score's level.
    level = match.score - matcher.weights.ticket * (match.signals or {}).get("ticket", 0.0)
    short = bool({"ticket_syndicate", "their_ticket_syndicate"} & shown)
    return Reasons(items, scoring.strength(level, _confirmations(shown, similar), short), driver)


def _hospital_and_company(source: ProfileDoc, target: ProfileDoc) -> bool:
    """Whether one of the two is a hospital or IRCCS and the other a company."""
    return (source.kind == HOSPITAL and target.side == COMPANY) or (target.kind == HOSPITAL and source.side == COMPANY)


def _shared_partners(matcher: Matcher, i: int, j: int) -> list[str]:
    """The ids of the past partners two profiles have in common, the least connected first (a partner few others
    worked with says more than a hub), then by id."""
    network = matcher.network_
    columns = _products(network.partners_, i, network.partners_, j)[0]
    if not len(columns):
        return []
    degree = np.diff(network.partners_.indptr)[columns]
    ids = matcher.index_.ids_
    ordered = sorted(zip(degree.tolist(), columns.tolist()), key=lambda pair: (pair[0], str(ids[pair[1]])))
    return [str(ids[column]) for _, column in ordered]


def _project_text(matcher: Matcher, target: ProfileDoc) -> tuple[str, str]:
    """(the id, the title) of the funded project whose "title. abstract" is the target's whole profile text (("", "")
    if none)."""
    if target.seek.strip() or target.keywords.strip() or not target.projects:
        return "", ""
    offer = " ".join(target.offer.split())
    texts = getattr(matcher.network_, "projects", {}) or {}
    for project in sorted(target.projects):
        text = " ".join(texts.get(project, "").split())
        if text and text == offer:
            return project, text.partition(". ")[0]
    return "", ""


def _same_text_partners(matcher: Matcher, target: ProfileDoc, project: str) -> int:
    """How many other profiles have that same project's abstract as their only text (its other partners imported
    from it read word for word the same reasons)."""
    cached = getattr(matcher, "_project_members", None)
    if cached is None or cached[0] is not matcher.network_.partners_:  # the network is rebuilt when projects change
        members: dict[str, list[str]] = {}
        for doc in matcher.docs_.values():
            for each in doc.projects:
                members.setdefault(each, []).append(doc.id)
        cached = matcher._project_members = (matcher.network_.partners_, members)
    return sum(1 for other in cached[1].get(project, ()) if other != target.id
               and _project_text(matcher, matcher.docs_[other])[0] == project)


def _confirmations(codes: set[str], similar: int = 0) -> int:
    """How many independent kinds of evidence beyond the text a pair's reasons show (see scoring.strength); a
    track record confirms from TRACK_CONFIRMS similar projects (a profile imported from one funded project has
    that project's abstract as its text: the same evidence twice)."""
    kinds = {"stage": {"stage_fit", "their_stage_fit"}, "ticket": {"ticket_fit", "their_ticket_fit"},
             "sector": {"shared_sector", "investor_sector", "their_investor_sector"}, "area": {"shared_area"},
             "similar_track": {"similar_track"} if similar >= TRACK_CONFIRMS else set()}
    return sum(1 for kind in scoring.CONFIRMATIONS if kinds[kind] & codes)


def _similar_projects(matcher: Matcher, seek_row: int, target: ProfileDoc) -> int:
    """How many of the target's funded projects are similar to the source's seek text."""
    vectors = matcher.network_.project_vectors(target.projects)
    if vectors is None:
        return 0
    cosines = (vectors @ matcher.index_.seek_[seek_row].T).toarray().ravel()
    return int((cosines >= SIMILAR_PROJECT).sum())
