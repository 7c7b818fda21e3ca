"""Upload form for organisation imports."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import RadioField

MODE_CHOICES = [("good", "Import the good rows and list the bad ones"),
                ("all", "Import nothing if any row is bad")]


class ImportForm(FlaskForm):
    file = FileField("CSV or Excel (.xlsx) file", validators=[
        FileRequired("Choose a file."), FileAllowed(["csv", "xlsx", "txt"], "Upload a .csv or .xlsx file.")])
    mode = RadioField("If some rows are wrong", choices=MODE_CHOICES, default="good")
