"""Realistic demo data: CORDIS organisations plus one demo user for each role."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from matchmaker.extensions import db
from matchmaker.models import Organisation, User
from matchmaker.models.user import ADMIN, MEMBER, ORGANISER
from matchmaker.services.accounts import create_user, find_user
from matchmaker.services.cordis import CordisReport, import_cordis
from matchmaker.services.profiles import apply_profile
from matchmaker.services.suggestions import rebuild_all

DEMO_DOMAIN = "demo.matchmaker.example"


class DemoDataError(RuntimeError):
    """The demo data cannot be loaded (for example, the CORDIS folder is missing)."""


@dataclass(frozen=True)
class DemoLogin:
    """A demo account to print for the person trying the app."""

    role: str
    email: str
    password: str
    organisation: str


# Profiles written the way members would write them, on top of real CORDIS organisations.
COMPANY = {
    "pic": None, "name_contains": "DOMPE FARMACEUTICI",
    "profile": {
        "seek": "Academic and IRCCS partners for neuro-ophthalmology and rare-disease programmes: validated "
                "preclinical models, biomarker studies, and centres able to run phase I/II clinical studies. "
                "Interested in licensing early-stage small molecules and recombinant proteins for "
                "neurodegeneration and inflammation.",
        "keywords": "recombinant NGF; small molecules; CXCR1/2 inhibitors; rare diseases; ophthalmology",
        "sectors": ["pharma", "biotech"], "therapeutic_areas": ["rare_diseases", "neurology", "oncology"],
        "collaboration_types": ["licensing", "co_development", "clinical_study"], "trl": 4,
        "contact_name": "Business Development", "contact_email": f"bd@{DEMO_DOMAIN}", "region": "Lombardia",
    },
}
RESEARCH = {
    "name_contains": "ISTITUTO NEUROLOGICO CARLO BESTA",
    "profile": {
        "seek": "Industrial partners for clinical studies in rare neurological diseases, neuro-oncology and "
                "epilepsy; co-development of diagnostics based on our biobank and patient registries.",
        "keywords": "biobank; patient registries; epilepsy; neuromuscular diseases; glioma; MRI",
        "sectors": ["biotech", "ivd"], "therapeutic_areas": ["neurology", "rare_diseases", "oncology"],
        "collaboration_types": ["clinical_study", "co_development", "contract_research"], "trl": 3,
        "contact_name": "Technology Transfer Office", "contact_email": f"tto@{DEMO_DOMAIN}",
        "kind": "irccs_hospital", "region": "Lombardia",
    },
}
INVESTOR = {
    "external_id": "DEMO-INVESTOR-1", "name": "Lombardia Life Sciences Ventures (demo)", "kind": "investor",
    "city": "Milano", "region": "Lombardia", "country": "IT", "language": "en",
    "description": "Early-stage venture fund investing in life-sciences start-ups from Northern Italy.",
    "offer": "Seed and Series A equity, board support, access to a network of pharma and medtech corporates.",
    "seek": "Start-ups with a validated proof of concept in medical devices, digital therapeutics, in-vitro "
            "diagnostics and biotech platforms; strong IP and a clear regulatory path (CE/FDA).",
    "keywords": "venture capital; seed; series A; medtech; digital therapeutics; diagnostics",
    "sectors": ["medical_devices", "digital_health", "ivd", "biotech"],
    "investor_sectors": ["medical_devices", "digital_health", "ivd", "biotech"],
    "investor_stages": ["seed", "series_a"], "ticket_min": 250_000, "ticket_max": 3_000_000,
    "collaboration_types": ["investment"],
    "contact_name": "Investment team", "contact_email": f"deals@{DEMO_DOMAIN}",
}
STARTUP = {
    "external_id": "DEMO-STARTUP-1", "name": "NeuroSense Diagnostics (demo)", "kind": "startup", "sme": True,
    "city": "Milano", "region": "Lombardia", "country": "IT", "language": "it",
    "description": "Start-up che sviluppa dispositivi indossabili per il monitoraggio dell'epilessia.",
    "offer": "Dispositivo EEG indossabile con algoritmi di intelligenza artificiale per la rilevazione delle "
             "crisi epilettiche; validazione clinica in corso con un IRCCS lombardo.",
    "seek": "Investitori seed e partner clinici per uno studio multicentrico; distributori nel settore dei "
            "dispositivi medici.",
    "keywords": "EEG; wearable; epilessia; machine learning; dispositivi medici",
    "sectors": ["medical_devices", "digital_health"], "therapeutic_areas": ["neurology"],
    "collaboration_types": ["investment", "clinical_study"], "trl": 6, "funding_stage": "seed",
    "funding_amount_sought": 1_200_000,
    "contact_name": "Founders", "contact_email": f"founders@{DEMO_DOMAIN}",
}
# More of the cluster's start-ups and investors (invented, marked "demo"), so that the investor and the start-up
# see lists of several, each with their stage, ticket and sectors.
MORE = [
    {"external_id": "DEMO-STARTUP-2", "name": "CardioPatch Bio (demo)", "kind": "startup", "sme": True,
     "city": "Pavia", "region": "Lombardia", "country": "IT", "language": "it",
     "description": "Spin-off universitaria che sviluppa cerotti di idrogel rigenerativo per il cuore dopo l'infarto.",
     "offer": "Idrogel biocompatibile caricato con vescicole extracellulari; dati preclinici su modello suino.",
     "seek": "Round seed per completare gli studi GLP e partner clinici in cardiologia interventistica.",
     "keywords": "idrogel; vescicole extracellulari; infarto; medicina rigenerativa; cardiologia",
     "sectors": ["biotech", "medical_devices"], "therapeutic_areas": ["cardiology"],
     "collaboration_types": ["investment", "clinical_study"], "trl": 4, "funding_stage": "seed",
     "funding_amount_sought": 1_800_000, "contact_name": "CEO", "contact_email": f"cardiopatch@{DEMO_DOMAIN}"},
    {"external_id": "DEMO-STARTUP-3", "name": "OncoSeq Analytics (demo)", "kind": "startup", "sme": True,
     "city": "Milano", "region": "Lombardia", "country": "IT", "language": "en",
     "description": "Liquid-biopsy start-up: circulating tumour DNA assays for the monitoring of colorectal cancer.",
     "offer": "ctDNA sequencing panel with a CE-IVD path, bioinformatics pipeline and a validation cohort of 300 "
              "patients with an oncology IRCCS.",
     "seek": "Series A investors in in-vitro diagnostics and hospital partners for a multicentre validation study.",
     "keywords": "liquid biopsy; ctDNA; NGS; colorectal cancer; in-vitro diagnostics",
     "sectors": ["ivd", "biotech"], "therapeutic_areas": ["oncology"],
     "collaboration_types": ["investment", "clinical_study"], "trl": 6, "funding_stage": "series_a",
     "funding_amount_sought": 2_500_000, "contact_name": "Business development",
     "contact_email": f"oncoseq@{DEMO_DOMAIN}"},
    {"external_id": "DEMO-STARTUP-4", "name": "RehaBot (demo)", "kind": "startup", "sme": True,
     "city": "Lecco", "region": "Lombardia", "country": "IT", "language": "it",
     "description": "Robotica indossabile per la riabilitazione dell'arto superiore dopo ictus, anche a domicilio.",
     "offer": "Esoscheletro leggero con sensori inerziali e una piattaforma di telemedicina per il fisioterapista.",
     "seek": "Investitori pre-seed e seed; centri di riabilitazione per uno studio pilota.",
     "keywords": "esoscheletro; riabilitazione; ictus; telemedicina; robotica",
     "sectors": ["medical_devices", "digital_health"], "therapeutic_areas": ["rehabilitation", "neurology"],
     "collaboration_types": ["investment", "clinical_study"], "trl": 5, "funding_stage": "pre_seed",
     "funding_amount_sought": 600_000, "contact_name": "Fondatori", "contact_email": f"rehabot@{DEMO_DOMAIN}"},
    {"external_id": "DEMO-STARTUP-5", "name": "MicroBiome Rx (demo)", "kind": "startup", "sme": True,
     "city": "Bergamo", "region": "Lombardia", "country": "IT", "language": "en",
     "description": "Live biotherapeutics from the gut microbiome for recurrent infections in frail patients.",
     "offer": "A consortium of defined bacterial strains with a completed phase I; GMP manufacturing partner.",
     "seek": "Series A funding for a phase II trial, and licensing partners in infectious diseases.",
     "keywords": "microbiome; live biotherapeutics; Clostridioides difficile; phase II; infectious diseases",
     "sectors": ["biotech", "pharma"], "therapeutic_areas": ["infectious_diseases"],
     "collaboration_types": ["investment", "licensing"], "trl": 6, "funding_stage": "series_a",
     "funding_amount_sought": 6_000_000, "contact_name": "CEO", "contact_email": f"microbiome@{DEMO_DOMAIN}"},
    {"external_id": "DEMO-INVESTOR-2", "name": "Insubria Biotech Angels (demo)", "kind": "investor",
     "city": "Varese", "region": "Lombardia", "country": "IT", "language": "it",
     "description": "Rete di business angel con esperienza nell'industria farmaceutica e dei dispositivi medici.",
     "offer": "Investimenti pre-seed e seed, mentoring regolatorio e accesso alla rete industriale lombarda.",
     "seek": "Start-up lombarde di dispositivi medici, sanità digitale e riabilitazione con un primo prototipo.",
     "keywords": "business angel; pre-seed; seed; dispositivi medici; sanità digitale",
     "sectors": ["medical_devices", "digital_health"], "investor_sectors": ["medical_devices", "digital_health"],
     "investor_stages": ["pre_seed", "seed"], "ticket_min": 100_000, "ticket_max": 800_000,
     "collaboration_types": ["investment"], "contact_name": "Segreteria", "contact_email": f"angels@{DEMO_DOMAIN}"},
    {"external_id": "DEMO-INVESTOR-3", "name": "Alpine Therapeutics Capital (demo)", "kind": "investor",
     "city": "Milano", "region": "Lombardia", "country": "IT", "language": "en",
     "description": "Biotech venture fund leading Series A and B rounds in therapeutics across Southern Europe.",
     "offer": "Lead investor for Series A/B, syndicates with European funds, clinical development expertise.",
     "seek": "Therapeutics and platform biotech companies with clinical data in oncology, infectious and rare "
             "diseases.",
     "keywords": "venture capital; series A; series B; therapeutics; biotech",
     "sectors": ["biotech", "pharma"], "investor_sectors": ["biotech", "pharma"],
     "investor_stages": ["series_a", "series_b"], "ticket_min": 2_000_000, "ticket_max": 15_000_000,
     "collaboration_types": ["investment"], "contact_name": "Partners", "contact_email": f"alpine@{DEMO_DOMAIN}"},
]


def _find(name_contains: str) -> Organisation | None:
    stmt = db.select(Organisation).where(Organisation.name.ilike(f"%{name_contains}%")).order_by(Organisation.id)
    return db.session.execute(stmt.limit(1)).scalar_one_or_none()


def _upsert(data: dict) -> Organisation:
    organisation = db.session.execute(
        db.select(Organisation).where(Organisation.external_id == data["external_id"])).scalar_one_or_none()
    if organisation is None:
        organisation = Organisation(external_id=data["external_id"], name=data["name"], kind=data["kind"])
        db.session.add(organisation)
    apply_profile(organisation, data)
    return organisation


def is_empty() -> bool:
    """True when the database has no organisations and no users yet."""
    return (db.session.execute(db.select(Organisation.id).limit(1)).first() is None
            and db.session.execute(db.select(User.id).limit(1)).first() is None)


def load_demo(data_dir: Path, progress: Callable[[Iterable], Iterable] | None = None
              ) -> tuple[CordisReport, list[DemoLogin]]:
    """Import the CORDIS history folder, write a few member profiles and create the demo accounts."""
    data_dir = Path(data_dir)
    if not (data_dir / "projects.csv").is_file() or not (data_dir / "organizations.csv").is_file():
        raise DemoDataError(
            f"Demo data not found: {data_dir} must hold CORDIS projects.csv and organizations.csv. "
            "Clone the project with ../shared beside it, or set CORDIS_DEMO_DIR to such a folder.")
    report = import_cordis(data_dir, progress=progress)
    company = _find(COMPANY["name_contains"])
    research = _find(RESEARCH["name_contains"])
    if company is None or research is None:
        raise DemoDataError(f"{data_dir} does not hold the organisations the demo profiles are written for.")
    for organisation, spec in ((company, COMPANY), (research, RESEARCH)):
        apply_profile(organisation, spec["profile"])
        organisation.source = "manual"  # written by its members from here on
    investor, startup = _upsert(INVESTOR), _upsert(STARTUP)
    for data in MORE:
        _upsert(data)
    db.session.commit()
    logins = demo_logins(company.name, research.name, investor.name, startup.name)
    orgs = {company.name: company, research.name: research, investor.name: investor, startup.name: startup}
    roles = {"admin": ADMIN, "organiser": ORGANISER}
    for login in logins:
        if find_user(login.email) is None:
            create_user(login.email, f"Demo {login.role}", login.password, role=roles.get(login.role, MEMBER),
                        organisation=orgs.get(login.organisation))
    from matchmaker.services.messages_demo import create_demo_exchange

    create_demo_exchange(DEMO_DOMAIN)  # a connected pair with a short exchange (the Messages pages)
    rebuild_all()
    return report, logins


def demo_logins(company: str, research: str, investor: str, startup: str) -> list[DemoLogin]:
    """The demo accounts, with the organisations they belong to."""
    return [
        DemoLogin("admin", f"admin@{DEMO_DOMAIN}", "demo-admin-2026", ""),
        DemoLogin("organiser", f"organiser@{DEMO_DOMAIN}", "demo-organiser-2026", ""),
        DemoLogin("company member", f"company@{DEMO_DOMAIN}", "demo-company-2026", company),
        DemoLogin("researcher", f"researcher@{DEMO_DOMAIN}", "demo-researcher-2026", research),
        DemoLogin("investor", f"investor@{DEMO_DOMAIN}", "demo-investor-2026", investor),
        DemoLogin("start-up founder", f"startup@{DEMO_DOMAIN}", "demo-startup-2026", startup),
    ]


def existing_demo_logins() -> list[DemoLogin]:
    """The demo accounts that exist in this database (to remind whoever runs `make run` again)."""
    result = []
    for login in demo_logins("", "", "", ""):
        user = find_user(login.email)
        if user is not None:
            org = user.organisation.name if user.organisation else ""
            result.append(DemoLogin(login.role, login.email, login.password, org))
    return result
