from typing import cast
from urllib.parse import parse_qs
from uuid import UUID

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import permission_required
from core.actions import run_action, submit_form
from core.exchange import importers
from core.exchange.forms import ImportForm
from core.exchange.importers import BaseImporter
from core.middleware import holds_nul
from deputies import selectors as deputy_selectors

from .models import ExportJob, ImportJob, Job
from .quarterly import QuarterlyReport
from .rules import previous_quarter
from .services import UnknownExporter, export_job_create, import_job_create

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    # The login middleware lets no anonymous request reach these views.
    return cast(User, request.user)


@require_POST
def job_create(request: HttpRequest) -> HttpResponse:
    """Start an export of the page the user is looking at, with that page's query string."""
    params = {
        key: values
        for key, values in parse_qs(request.POST.get("query", "")).items()
        if key != "page"
    }
    # Fields of the export form itself (the quarterly report's year and quarter) join the query.
    for key in request.POST.keys() - {"csrfmiddlewaretoken", "exporter", "query"}:
        params[key] = request.POST.getlist(key)
    if holds_nul(params):
        # The page's query string was decoded here, past RejectNulMiddleware; jsonb refuses NUL.
        raise BadRequest("NUL byte in the exported query")
    exporter = request.POST.get("exporter", "")
    try:
        ok, job = run_action(
            request,
            lambda: export_job_create(exporter=exporter, params=params, by=_user(request)),
            success=_("导出任务已提交，生成后即可下载。"),
        )
    except UnknownExporter:
        raise Http404 from None
    return redirect(job if ok else "reports:job_list")


@permission_required("reports.view_quarterly_report")
def quarterly(request: HttpRequest) -> HttpResponse:
    """Choose a quarter; the report is built in the background like every export."""
    year, quarter = _default_quarter(_user(request))
    years = range(timezone.localdate().year, timezone.localdate().year - 5, -1)
    return render(
        request, "reports/quarterly.html", {"year": year, "quarter": quarter, "years": years}
    )


def _default_quarter(user: User) -> tuple[int, int]:
    """The last full quarter, or the last quarter of the latest year with visits when that is
    earlier: a report of a quarter with no records opens the page on nothing."""
    year, quarter = previous_quarter(timezone.localdate())
    latest = deputy_selectors.latest_year(user, year)
    return (latest, 4) if latest < year else (year, quarter)


@permission_required("reports.view_quarterly_report")
def quarterly_view(request: HttpRequest) -> HttpResponse:
    """The quarterly report as a page, to read or print on A4: the workbook's sheets as tables."""
    year, quarter = _quarter_asked(request)
    report = QuarterlyReport(
        user=request.user, params={"year": [str(year)], "quarter": [str(quarter)]}
    )
    sheets = []
    for sheet in report.sheets():
        rows = list(sheet.rows)  # the totals add up while the rows are read
        sheets.append((sheet, rows, sheet.totals() if sheet.totals else None))
    context = {
        "year": year,
        "quarter": quarter,
        "years": _report_years(),
        "scope": report.scope_name,
        "sheets": sheets,
    }
    return render(request, "reports/quarterly_view.html", context)


def _quarter_asked(request: HttpRequest) -> tuple[int, int]:
    """The year and quarter in the query string; the last full quarter when absent or absurd."""
    try:
        year, quarter = int(request.GET["year"]), int(request.GET["quarter"])
    except (KeyError, ValueError):
        return previous_quarter(timezone.localdate())
    if year not in _report_years() or quarter not in (1, 2, 3, 4):
        return previous_quarter(timezone.localdate())
    return year, quarter


def _report_years() -> range:
    return range(timezone.localdate().year, timezone.localdate().year - 5, -1)


def job_list(request: HttpRequest) -> HttpResponse:
    jobs = ExportJob.objects.visible_to(request.user)[:50]
    return render(request, "reports/job_list.html", {"jobs": jobs})


def job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)
    return _job_page(request, job, "reports/job_detail.html", "reports/_export_result.html")


def _job_page(request: HttpRequest, job: Job, page: str, result: str) -> HttpResponse:
    """The job's page, or under htmx polling only its status partial."""
    template = "reports/_job_status.html" if request.headers.get("HX-Request") == "true" else page
    return render(request, template, {"job": job, "result_template": result})


def job_download(request: HttpRequest, pk: UUID) -> FileResponse:
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise PermissionDenied
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


def _importer_for(request: HttpRequest, identifier: str) -> BaseImporter:
    importer_class = importers.registry.get(identifier)
    # An importer that needs more than the file (the audit list's county and year) has its own page.
    if importer_class is None or hasattr(importer_class, "upload_page"):
        raise Http404
    if not importer_class.allowed_for(request.user):
        raise PermissionDenied
    return importer_class(user=request.user)


def import_upload(request: HttpRequest, identifier: str) -> HttpResponse:
    """Upload a workbook; the worker checks every row and imports it whole or not at all."""
    importer = _importer_for(request, identifier)
    # The importer's own caps, so the web refuses exactly what the worker would.
    form = ImportForm(request.POST or None, request.FILES or None, limits=importer.limits())
    done = submit_form(
        request,
        form,
        lambda data: import_job_create(importer=identifier, upload=data["file"], by=_user(request)),
        success=_("文件已上传，正在后台检查并导入。"),
    )
    if done:
        return done
    jobs = ImportJob.objects.visible_to(request.user).filter(importer=identifier)[:10]
    context = {"importer": importer, "identifier": identifier, "form": form, "jobs": jobs}
    return render(request, "reports/import_upload.html", context)


def import_job_detail(request: HttpRequest, pk: UUID) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.visible_to(request.user), pk=pk)
    return _job_page(request, job, "reports/import_job_detail.html", "reports/_import_result.html")


def import_template(request: HttpRequest, identifier: str) -> HttpResponse:
    importer = _importer_for(request, identifier)
    response = HttpResponse(importer.template(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"{importer.verbose_name}导入模板.xlsx"
    )
    return response
