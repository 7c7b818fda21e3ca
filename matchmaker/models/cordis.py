"""CORDIS research projects and who took part in them (the track record behind imported profiles)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db

if TYPE_CHECKING:
    from matchmaker.models.organisation import Organisation


class Project(db.Model):
    """A funded research project as published by CORDIS."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    cordis_id: Mapped[str] = mapped_column(String(20), unique=True)
    acronym: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(Text, default="")
    objective: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    funding_scheme: Mapped[str] = mapped_column(String(60), default="")

    participations: Mapped[list[Participation]] = relationship(back_populates="project",
                                                               cascade="all, delete-orphan")


class Participation(db.Model):
    """An organisation's role in a project (coordinator, participant, ...)."""

    __tablename__ = "participation"
    __table_args__ = (UniqueConstraint("project_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(30), default="participant")

    project: Mapped[Project] = relationship(back_populates="participations")
    organisation: Mapped[Organisation] = relationship(back_populates="participations")
