"""Concepts named differently in Italian and English: the taxonomy's labels plus common life-science terms."""
from __future__ import annotations

from matchmaker import taxonomy

# Terms the taxonomy does not name, each with the ways people write it in English and Italian.
EXTRA: dict[str, tuple[str, ...]] = {
    "genetherapy": ("gene therapy", "gene therapies", "terapia genica", "terapie geniche"),
    "celltherapy": ("cell therapy", "cell therapies", "terapia cellulare", "terapie cellulari", "CAR-T"),
    "clinicaltrial": ("clinical trial", "clinical study", "sperimentazione clinica", "studio clinico"),
    "drugdelivery": ("drug delivery", "rilascio di farmaci", "rilascio del farmaco", "veicolazione di farmaci"),
    "drugdiscovery": ("drug discovery", "scoperta di farmaci", "scoperta di nuovi farmaci"),
    "medicaldevice": ("medical device", "dispositivo medico", "dispositivi medici"),
    "biomarker": ("biomarker", "biomarcatore"),
    "vaccine": ("vaccine", "vaccino"),
    "antibody": ("antibody", "monoclonal antibody", "anticorpo", "anticorpo monoclonale"),
    "stemcell": ("stem cell", "cellula staminale", "cellule staminali"),
    "regenerativemedicine": ("regenerative medicine", "medicina rigenerativa"),
    "precisionmedicine": ("precision medicine", "personalised medicine", "personalized medicine",
                          "medicina di precisione", "medicina personalizzata"),
    "artificialintelligence": ("artificial intelligence", "intelligenza artificiale", "AI", "IA"),
    "machinelearning": ("machine learning", "apprendimento automatico"),
    "imaging": ("medical imaging", "diagnostica per immagini", "imaging"),
    "genomics": ("genomics", "genomica"),
    "proteomics": ("proteomics", "proteomica"),
    "bioinformatics": ("bioinformatics", "bioinformatica"),
    "microbiome": ("microbiome", "microbiota"),
    "nanoparticle": ("nanoparticle", "nanoparticella"),
    "antimicrobialresistance": ("antimicrobial resistance", "antibiotic resistance", "resistenza antimicrobica",
                                "antibiotico-resistenza"),
    "neurodegeneration": ("neurodegenerative disease", "neurodegeneration", "malattia neurodegenerativa",
                          "neurodegenerazione"),
    "als": ("amyotrophic lateral sclerosis", "sclerosi laterale amiotrofica", "ALS", "SLA", "motor neuron disease",
            "malattia del motoneurone"),  # "SLA" found nothing (2026-12-01 walk): the Italian acronym; both
    # acronyms also find the odd "service level agreement" or Dutch/German "als": accepted noise in this directory
    "diabetes": ("diabetes", "diabete"),
    "tumour": ("tumour", "tumor", "cancer", "tumore", "cancro", "neoplasia"),
    "heart": ("heart", "cardiovascular", "cuore", "cardiovascolare"),
    # one Italian word for two English ones: only a concept joins them (written into the index, so a migration)
    "cardiacsurgery": ("cardiac surgery", "heart surgery", "cardiochirurgia", "cardiochirurgico", "cardiochirurgo",
                       "cardiosurgery", "cardiothoracic surgery", "cardiochirurgia toracica"),
    "wearable": ("wearable device", "dispositivo indossabile", "wearable"),
    "printing3d": ("3D printing", "stampa 3D"),
    "biobank": ("biobank", "biobanca"),
    "hospital": ("hospital", "ospedale"),
    "university": ("university", "università", "ateneo"),
    "researchcentre": ("research centre", "research center", "centro di ricerca", "istituto di ricerca"),
    "startup": ("start-up", "startup"),
    "investor": ("investor", "venture capital", "investitore"),
}
# Single words that differ between the languages (Italian, English...): a search for one also finds the others.
WORDS: tuple[tuple[str, ...], ...] = (
    ("terapia", "therapy", "therapeutic", "terapeutico"), ("genico", "genica", "gene", "genetic", "genetico"),
    ("cellulare", "cell", "cellula"), ("farmaco", "drug", "medicine", "medicinale"), ("malattia", "disease"),
    ("tumore", "tumour", "tumor", "cancro", "cancer"), ("diagnosi", "diagnosis", "diagnostic", "diagnostico"),
    ("dispositivo", "device"), ("medico", "medical"), ("ricerca", "research"), ("clinico", "clinical"),
    ("sperimentazione", "trial"), ("studio", "study"), ("biomarcatore", "biomarker"), ("vaccino", "vaccine"),
    ("proteina", "protein"), ("anticorpo", "antibody"), ("cuore", "heart", "cardiaco", "cardiac"),
    ("cervello", "brain", "cerebrale"), ("sangue", "blood"), ("osso", "bone"), ("pelle", "skin"),
    ("rene", "kidney", "renale", "renal"), ("fegato", "liver", "epatico"), ("polmone", "lung", "polmonare"),
    ("immagine", "imaging"), ("salute", "health", "sanita", "sanitario"), ("paziente", "patient"),
    ("ospedale", "hospital"), ("infezione", "infection"), ("infiammazione", "inflammation"),
    ("invecchiamento", "ageing", "aging"), ("nutrizione", "nutrition"), ("alimento", "food"),
    ("sviluppo", "development"), ("piattaforma", "platform"), ("sensore", "sensor"), ("rilascio", "delivery"),
    ("scoperta", "discovery"), ("trattamento", "treatment"), ("cura", "care"), ("prevenzione", "prevention"),
    ("dati", "data"), ("intelligenza", "intelligence"), ("artificiale", "artificial"), ("robotica", "robotics"),
    ("riabilitazione", "rehabilitation"), ("neurodegenerativo", "neurodegenerative"), ("raro", "rare"),
    ("staminale", "stem"), ("molecola", "molecule"), ("sicurezza", "safety"), ("qualita", "quality"),
    ("epilessia", "epilepsy", "epilettico", "epileptic"),  # "epilessia" found only one of 38 (2026-12-01 walk)
    # Clinical words whose English and Italian stems differ (checked with analysis.alternatives on 2026-12-02:
    # "immunoterapia" found none of the English immunotherapy profiles, "chirurgia" no surgery, "trapianto" no
    # transplant); the words whose stems agree (immunologia, oncologia, dermatologia...) need nothing here.
    ("immunoterapia", "immunotherapy", "immunoterapico"), ("immunitario", "immune"),
    ("radioterapia", "radiotherapy"), ("chirurgia", "surgery", "chirurgico", "surgical", "chirurgo", "surgeon"),
    ("trapianto", "transplant", "transplantation"), ("ematologia", "haematology", "hematology"),
    ("oftalmologia", "ophthalmology", "oculistica"), ("nefrologia", "nephrology"),
    ("pediatria", "pediatrico", "paediatrics", "pediatrics", "paediatric", "pediatric"),
    ("allergia", "allergy", "allergico", "allergic"), ("asma", "asthma"), ("infiammatorio", "inflammatory"),
    ("tessuto", "tissue"), ("dolore", "pain"), ("sonno", "sleep"), ("enzima", "enzyme"),
    # the same check on 2026-12-02 (a walk: "surgeon" found 15 where "chirurgo" found 59, "cardiochirurgia" none)
    ("neurochirurgia", "neurosurgery", "neurochirurgico", "neurosurgical", "neurochirurgo", "neurosurgeon"),
    ("ginecologia", "gynaecology", "gynecology", "ginecologico", "gynaecological", "gynecological"),
    ("ostetricia", "obstetrics", "ostetrico", "obstetric"), ("odontoiatria", "dentistry", "dentale", "dental"),
    ("anestesia", "anaesthesia", "anesthesia", "anestesiologia", "anaesthesiology", "anesthesiology"),
    ("tossicologia", "toxicology", "tossicologico", "toxicological", "tossicita", "toxicity"),
    ("biotecnologia", "biotechnology", "biotecnologie", "biotech"), ("infermieristica", "nursing"),
)
# Vocabularies whose labels are search synonyms (the kinds, sectors, areas and collaboration types people type).
VOCABULARIES = (taxonomy.KINDS, taxonomy.SECTORS, taxonomy.THERAPEUTIC_AREAS, taxonomy.COLLABORATION_TYPES)
GENERIC_CODES = {"other"}


def taxonomy_concept(vocabulary: taxonomy.Vocabulary, code: str) -> str:
    """The concept name of a taxonomy term, e.g. 'therapeuticareaoncology'."""
    return "".join(c for c in f"{vocabulary.name}{code}" if c.isalnum())


def concepts() -> dict[str, tuple[str, ...]]:
    """Every concept and its phrases in both languages (taxonomy labels split at '/', aliases, EXTRA)."""
    out: dict[str, tuple[str, ...]] = {}
    for vocabulary in VOCABULARIES:
        aliases = taxonomy.ALIASES.get(vocabulary.name, {})
        for term in vocabulary.terms:
            if term.code in GENERIC_CODES:
                continue
            phrases = {part.strip() for label in (term.label, term.label_it) for part in label.split("/")}
            phrases.update(alias for alias, code in aliases.items() if code == term.code and len(alias) > 3)
            out[taxonomy_concept(vocabulary, term.code)] = tuple(sorted(p for p in phrases if p))
    out.update(EXTRA)
    return out
