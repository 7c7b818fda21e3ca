"""Organisers and admins import organisation profiles from CSV or XLSX."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from matchmaker.imports.forms import ImportForm
from matchmaker.jobs.status import live, reap_stale
from matchmaker.jobs.views import job_for_viewer
from matchmaker.permissions import organiser_required
from matchmaker.services.org_import import (TEMPLATE_COLUMNS, import_in_background, import_organisations,
                                            report_from_dict, template_csv, template_xlsx)
from matchmaker.services.tables import TableError, read_table

bp = Blueprint("imports", __name__, url_prefix="/imports")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/", methods=["GET", "POST"])
@organiser_required
def upload():
    form = ImportForm()
    if not current_user.is_admin:
        del form.override
    override = current_user.is_admin and form.override.data
    report = job = None
    if form.validate_on_submit():
        upload = form.file.data
        data = upload.read()
        try:
            table = read_table(data, upload.filename or "")
        except TableError as exc:
            form.file.errors.append(str(exc))
        else:
            if len(table.rows) <= current_app.config["IMPORT_INLINE_ROWS"]:
                report = import_organisations(table, mode=form.mode.data, override=override,
                                              actor_id=current_user.id, label=upload.filename or "")
            else:  # a big file: the worker imports it and rebuilds the suggestions; this page follows the job
                job = import_in_background(data, upload.filename or "", form.mode.data, user_id=current_user.id,
                                           override=override)
                return redirect(url_for("imports.upload", job=job.id))
    elif request.args.get("job", type=int):
        reap_stale()
        job = job_for_viewer(request.args.get("job", type=int))
        if job.kind != "import-orgs":
            job = None
        elif job.state == "done" and job.result:
            report = report_from_dict(job.result)
    return render_template("imports/upload.html", form=form, report=report, columns=TEMPLATE_COLUMNS,
                           job=live(job) if job else None)


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
