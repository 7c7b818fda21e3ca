"""A version number per kind of shared data: every commit that writes the data moves it (page_cache keys on it)."""
from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db


class DataStamp(db.Model):
    """One row per kind of data ('directory': organisations and their tags); `version` changes at every commit
    that writes them, so a cache keyed on it is right in every process that reads it."""

    __tablename__ = "data_stamp"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column()
