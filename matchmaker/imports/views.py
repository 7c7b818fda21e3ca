"""Organisers and admins import organisation profiles from CSV or XLSX."""
from __future__ import annotations

from flask import Blueprint, Response, render_template

from matchmaker.imports.forms import ImportForm
from matchmaker.permissions import organiser_required
from matchmaker.services.org_import import TEMPLATE_COLUMNS, import_organisations, template_csv, template_xlsx
from matchmaker.services.tables import TableError, read_table

bp = Blueprint("imports", __name__, url_prefix="/imports")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/", methods=["GET", "POST"])
@organiser_required
def upload():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            table = read_table(upload.read(), upload.filename or "")
        except TableError as exc:
            form.file.errors.append(str(exc))
        else:
            report = import_organisations(table, mode=form.mode.data)
    return render_template("imports/upload.html", form=form, report=report, columns=TEMPLATE_COLUMNS)


@bp.get("/template.csv")
@organiser_required
def template_csv_download():
    return Response(template_csv(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=organisations-template.csv"})


@bp.get("/template.xlsx")
@organiser_required
def template_xlsx_download():
    return Response(template_xlsx(), mimetype=XLSX_MIME,
                    headers={"Content-Disposition": "attachment; filename=organisations-template.xlsx"})
