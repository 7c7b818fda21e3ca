"""Upload form for organisation imports."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, RadioField

from matchmaker.form_base import AppForm

MODE_CHOICES = [("good", _l("Import the good rows and list the bad ones")),
                ("all", _l("Import nothing if any row is bad"))]


class ImportForm(AppForm):
    file = FileField(_l("CSV or Excel (.xlsx) file"), validators=[
        FileRequired(_l("Choose a file.")), FileAllowed(["csv", "xlsx", "txt"], _l("Upload a .csv or .xlsx file."))])
    mode = RadioField(_l("If some rows are wrong"), choices=MODE_CHOICES, default="good")
    # Shown to admins only: organisations with members are otherwise never changed by an import.
    override = BooleanField(_l("Also update organisations that have members (administrators only; the report "
                               "lists every field changed)"))
