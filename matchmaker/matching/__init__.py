"""Pure matching engine (no Flask, no SQLAlchemy): bilingual text analysis, TF-IDF index, scoring, reasons."""
