from urllib.parse import parse_qs

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import ExportJob
from .services import UnknownExporter, export_job_create


@require_POST
def job_create(request):
    """Start an export of the page the user is looking at, with that page's query string."""
    params = {
        key: values
        for key, values in parse_qs(request.POST.get("query", "")).items()
        if key != "page"
    }
    try:
        job = export_job_create(
            exporter=request.POST.get("exporter", ""), params=params, by=request.user
        )
    except UnknownExporter:
        raise Http404 from None
    messages.info(request, _("导出任务已提交，生成后即可下载。"))
    return redirect(job)


def job_list(request):
    jobs = ExportJob.objects.visible_to(request.user)[:50]
    return render(request, "reports/job_list.html", {"jobs": jobs})


def job_detail(request, pk):
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)
    template = (
        "reports/_job_status.html"
        if request.headers.get("HX-Request") == "true"
        else "reports/job_detail.html"
    )
    return render(request, template, {"job": job})


def job_download(request, pk):
    job = get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise PermissionDenied
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)
