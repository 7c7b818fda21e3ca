"""Bilingual full-text search of the directory (SQLite FTS5 or PostgreSQL text search)."""
