"""Import a CORDIS folder (projects.csv + organizations.csv, pipe-separated) as organisations with profiles."""
from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from matchmaker import taxonomy
from matchmaker.extensions import db
from matchmaker.matching.analysis import fold
from matchmaker.models import Organisation, Participation, Project
from matchmaker.services.org_import import RowError
from matchmaker.services.regions import region_for
from matchmaker.services.tagging import suggest_tags

SOURCE_NOTE = "CORDIS – EU research projects under Horizon Europe (CC BY 4.0)"
PIC_RE = re.compile(r"/project/(\d+)/(\d+)/?$")
PROJECT_COLUMNS = {"id", "acronym", "title", "startDate", "objective"}
ORG_COLUMNS = {"projectID", "name", "SME", "activityType", "city", "country", "contactForm"}
# Hospitals and IRCCS by name, in Italian, English and the languages of the CORDIS partners (accent-folded).
HOSPITAL_WORDS = ("IRCCS", "OSPEDALE", "OSPEDALI", "HOSPITAL", "POLICLINICO", "KLINIKUM", "HOPITAL", "ZIEKENHUIS",
                  "UNIKLINIK", "SZPITAL", "AZIENDA OSPEDALIERA", "AZIENDA SOCIO SANITARIA", "ASST ",
                  "ISTITUTO EUROPEO DI ONCOLOGIA", "HUMANITAS", "SAN RAFFAELE", "NIGUARDA", "FONDAZIONE IRCCS",
                  "ISTITUTO NAZIONALE TUMORI", "ISTITUTO NEUROLOGICO", "ISTITUTO CLINICO", "ISTITUTI CLINICI",
                  "ISTITUTO GIANNINA GASLINI", "BAMBINO GESU", "CLINICAL CENTER", "UNIVERSITY MEDICAL CENTER",
                  "UNIVERSITAIR MEDISCH CENTRUM", "MEDICAL CENTRE", "CHU ", "CENTRE HOSPITALIER", "HOSPITALARIO",
                  "HOSPITALIER", "SAIRAALA", "SJUKHUS", "KLINIK", "INFERMERIA", "HOPITAUX", "SYKEHUS", "SYGEHUS",
                  "HELSE ", "NEMOCNICE", "OSPEDALIER", "UNIVERSITAETSMEDIZIN", "UNIVERSITATSMEDIZIN", "KORHAZ",
                  "BOLNICA", "SPITALUL", "ZIEKENHUIZEN")


class CordisFormatError(ValueError):
    """The folder does not hold CORDIS files in the expected shape."""


@dataclass
class OrgRows:
    """Every participation row of one organisation (one PIC)."""

    pic: str
    rows: list[dict[str, str]] = field(default_factory=list)

    def most_common(self, column: str) -> str:
        values = [r[column].strip() for r in self.rows if r.get(column, "").strip()]
        return Counter(values).most_common(1)[0][0] if values else ""


@dataclass
class CordisReport:
    """Counts of what an import created, updated and skipped."""

    projects_created: int = 0
    projects_updated: int = 0
    organisations_created: int = 0
    organisations_updated: int = 0
    participations_created: int = 0
    skipped: list[RowError] = field(default_factory=list)


def kind_for(activity_type: str, sme: bool, name: str) -> str:
    """Our kind: hospitals and IRCCS by name in any language; else CORDIS activityType (PRC company, REC research
    centre, HES university, anything else other)."""
    upper = fold(name).upper() + " "
    if any(word in upper for word in HOSPITAL_WORDS):  # by name, whatever CORDIS's activityType says
        return "irccs_hospital"
    return {"PRC": "sme" if sme else "large_company", "REC": "public_research_centre",
            "HES": "university"}.get(activity_type, "other")


def clean_name(name: str) -> str:
    """A name as people write it: CSV quoting artefacts removed (outer quotes, doubled inner quotes, a stray
    quote), spaces collapsed."""
    text = _unquote(" ".join(name.split()))
    if text.count('"') == 1:
        text = text.replace('"', "")
    return text.strip(" ,;")


def _unquote(text: str) -> str:
    """CSV quoting artefacts removed: quotes around the whole text, inner quotes doubled (once or twice)."""
    # Outer quotes go only when they wrap the whole text: inside, every quote is doubled ('"Smart" materials for
    # "green"' keeps its quotes).
    while len(text) >= 2 and text[0] == '"' and text[-1] == '"' and '"' not in text[1:-1].replace('""', ""):
        text = text[1:-1].strip()
    while '""' in text:
        text = text.replace('""', '"')
    return text


def clean_text(text: str) -> str:
    """A project title or abstract that reads once and cleanly: CSV quoting artefacts removed, and an abstract
    that CORDIS repeats (a cut-off copy followed by the whole text, or the other way round) kept once."""
    text = _unquote(text.strip())
    if text.count('"') == 1 and text[0] == '"' or text[-1:] == '"' and text.count('"') == 1:
        text = text.strip('"')
    head = text[:_REPEAT_PROBE]
    at = text.find(head, 1) if len(head) == _REPEAT_PROBE else -1
    first, second = (" ".join(text[:at].split()), " ".join(text[at:].split())) if at > 0 else ("", "")
    # A repeat only when one copy is the start of the other (an abstract that restates its opening sentence is
    # not one).
    if at > 0 and (second.startswith(first.rstrip(" .…")) or first.startswith(second.rstrip(" .…"))):
        kept = first if len(first) > len(second) else second
        if not kept.endswith((".", "!", "?", ")", '"')):  # the longer copy was itself cut off
            end = kept.rfind(". ")
            kept = kept[:end + 1] if end >= 0.8 * len(kept) else kept.rstrip(" ,;:-") + "…"
        text = kept
    return text.strip()


_REPEAT_PROBE = 60  # characters of an abstract's start that, found again later, mark a repeated abstract


def _read(path: Path, required: set[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise CordisFormatError(f"{path} is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="|")
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise CordisFormatError(f"{path.name} lacks column(s) {', '.join(sorted(missing))}")
        rows, line = [], 2
        for row in reader:
            rows.append((line, row))
            line = reader.line_num + 1
    return rows


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _upsert_projects(rows: list[tuple[int, dict]], report: CordisReport) -> dict[str, Project]:
    existing = {p.cordis_id: p for p in db.session.execute(db.select(Project)).scalars()}
    for line, row in rows:
        cordis_id = (row.get("id") or "").strip()
        if not cordis_id.isdigit():
            report.skipped.append(RowError(line, f"projects.csv: project id '{cordis_id}' is not a number"))
            continue
        project = existing.get(cordis_id)
        if project is None:
            project = existing[cordis_id] = Project(cordis_id=cordis_id)
            db.session.add(project)
            report.projects_created += 1
        else:
            report.projects_updated += 1
        project.acronym = (row.get("acronym") or "")[:100]
        project.title = clean_text(row.get("title") or "")
        project.objective = clean_text(row.get("objective") or "")
        project.start_date, project.end_date = _date(row.get("startDate") or ""), _date(row.get("endDate") or "")
        project.funding_scheme = (row.get("fundingScheme") or "")[:60]
    return existing


def _group_by_pic(rows: list[tuple[int, dict]], projects: dict[str, Project],
                  report: CordisReport) -> dict[str, OrgRows]:
    groups: dict[str, OrgRows] = {}
    for line, row in rows:
        match = PIC_RE.search((row.get("contactForm") or "").strip())
        if not match:
            report.skipped.append(RowError(line, "organizations.csv: no PIC in contactForm"))
            continue
        if row["projectID"].strip() not in projects:
            report.skipped.append(RowError(line, f"organizations.csv: unknown project {row['projectID']}"))
            continue
        groups.setdefault(match.group(1), OrgRows(match.group(1))).rows.append(row)
    return groups


def profile_text(projects: list[Project]) -> str:
    """The 'offer' text of an imported organisation: titles and abstracts of its projects, newest first."""
    ordered = sorted(projects, key=lambda p: (p.start_date or date.min, p.cordis_id), reverse=True)
    paragraphs: list[str] = []
    for p in ordered:
        title, objective = clean_text(p.title), clean_text(p.objective)
        paragraph = objective if objective.startswith(title) else f"{title.rstrip('.')}. {objective}".strip()
        if paragraph not in paragraphs:  # the same abstract under two projects is read once
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def import_cordis(folder: Path, progress: Callable[[Iterable], Iterable] | None = None) -> CordisReport:
    """Create or update one organisation per CORDIS PIC, its projects and participations; idempotent."""
    folder = Path(folder)
    project_rows = _read(folder / "projects.csv", PROJECT_COLUMNS)
    org_rows = _read(folder / "organizations.csv", ORG_COLUMNS)
    report = CordisReport()
    projects = _upsert_projects(project_rows, report)
    db.session.flush()
    groups = _group_by_pic(org_rows, projects, report)

    existing = {o.external_id: o for o in db.session.execute(
        db.select(Organisation).where(Organisation.external_id.is_not(None))).scalars()}
    linked = {tuple(row) for row in db.session.execute(
        db.select(Participation.project_id, Participation.organisation_id))}
    touched: list[Organisation] = []
    for group in (progress(groups.values()) if progress else groups.values()):
        organisation = existing.get(group.pic)
        activity = group.most_common("activityType")
        sme = any(r.get("SME", "").strip() == "True" for r in group.rows)
        name = clean_name(group.most_common("name"))[:255]
        if organisation is None:
            organisation = Organisation(external_id=group.pic, name=name, kind=kind_for(activity, sme, name),
                                        source="cordis")
            db.session.add(organisation)
            db.session.flush()
            report.organisations_created += 1
        else:
            report.organisations_updated += 1
        if organisation.source == "cordis":  # members' own edits win over a re-import
            city, country = group.most_common("city").title()[:120], group.most_common("country")[:2].upper()
            country = taxonomy.EU_COUNTRY_CODES.get(country, country)  # profiles use ISO 3166 (form list, proximity)
            organisation.name, organisation.kind, organisation.sme = name, kind_for(activity, sme, name), sme
            organisation.city, organisation.country = city, country
            organisation.region = region_for(city, country)
            organisation.website = group.most_common("organizationURL")[:255]
            organisation.source_note = SOURCE_NOTE
        organisation.cordis_activity_type = activity[:3] or None
        for row in group.rows:
            project = projects[row["projectID"].strip()]
            if (project.id, organisation.id) not in linked:
                linked.add((project.id, organisation.id))
                db.session.add(Participation(project_id=project.id, organisation_id=organisation.id,
                                             role=(row.get("role") or "participant")[:30]))
                report.participations_created += 1
        touched.append(organisation)
    db.session.flush()
    _refresh_texts([o for o in touched if o.source == "cordis"])
    db.session.commit()
    return report


def _refresh_texts(organisations: list[Organisation]) -> None:
    """Rebuild offer and description from every stored project of each organisation."""
    ids = [o.id for o in organisations]
    by_org: dict[int, list[Project]] = defaultdict(list)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        stmt = (db.select(Participation.organisation_id, Project)
                .join(Project, Participation.project_id == Project.id)
                .where(Participation.organisation_id.in_(chunk)))
        for org_id, project in db.session.execute(stmt):
            by_org[org_id].append(project)
    for organisation in organisations:
        projects = by_org[organisation.id]
        organisation.offer = profile_text(projects)
        suggest_tags(organisation)
        acronyms = ", ".join(sorted({p.acronym for p in projects if p.acronym}))
        organisation.description = (f"Took part in {len(projects)} Horizon Europe project"
                                    f"{'s' if len(projects) != 1 else ''}: {acronyms}. "
                                    f"Profile imported from {SOURCE_NOTE}.")


# The generated sentences anywhere in a text: a member who edits the profile often keeps them and adds their own.
_GENERATED_SENTENCES = re.compile(r"Took part in (\d+) Horizon Europe projects?: (.*?)\. Profile imported from "
                                  + re.escape(SOURCE_NOTE) + r"\.", re.S)


def reword_generated(text: str, word: Callable[[int, str], str]) -> str:
    """`text` with each sentence the import generated (kept as stored, in English) replaced by
    `word(number of projects, acronyms)`; the rest, a member's own words, unchanged."""
    return _GENERATED_SENTENCES.sub(lambda found: word(int(found.group(1)), found.group(2)), text or "")
