"""Pages of the raw-data releases (issue 11 part B): public pages in six languages and downloads
streamed from storage; the Director's and Administrator's staff page to build and publish."""

import base64

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, public, role_required

from . import crosswalk
from .models import DataRelease
from .release_selectors import published_file_get, published_release_get, published_releases, staff_releases
from .release_services import can_publish, data_release_publish, data_release_start
from .releases import DATASETS, FORMATS, SUPPRESSION_RULE, dictionary_data

PAGE_SIZE = 20
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


@public
@require_GET
def data_index(request):
    page = Paginator(published_releases(), PAGE_SIZE).get_page(request.GET.get("page"))
    releases = list(page.object_list)
    latest = releases[0] if releases and page.number == 1 else None
    return render(
        request,
        "reports/data_index.html",
        {"latest": latest, "earlier": releases[1:] if latest else releases, "page": page},
    )


@public
@require_GET
def data_release(request, version):
    return render(request, "reports/data_release.html", {"release": published_release_get(version=version)})


@public
@require_GET
def data_download(request, version, dataset, fmt):
    if fmt not in FORMATS or (dataset not in DATASETS and dataset != "dictionary"):
        raise Http404
    row = published_file_get(version=version, dataset=dataset, fmt=fmt)
    try:
        handle = row.file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(
        handle, content_type=CONTENT_TYPES[fmt], as_attachment=True, filename=f"{dataset}-v{version}.{fmt}"
    )
    response["Content-Length"] = str(row.bytes)
    response["ETag"] = f'"{row.sha256}"'
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(row.sha256)).decode()}:"
    response["X-Checksum-SHA256"] = row.sha256
    return response


@public
@require_GET
def data_manifest(request, version):
    release = published_release_get(version=version)
    manifest = {
        "version": release.version,
        "published_at": release.published_at.isoformat(),
        "period": {"start": release.period_start.isoformat(), "end_exclusive": release.period_end.isoformat()},
        "changelog": release.changelog,
        "files": [
            {
                "name": f.filename,
                "dataset": f.dataset,
                "format": f.format,
                "bytes": f.bytes,
                "rows": f.rows,
                "sha256": f.sha256,
                "url": request.build_absolute_uri(
                    reverse(
                        "reports:data-download",
                        kwargs={"version": release.version, "dataset": f.dataset, "fmt": f.format},
                    )
                ),
            }
            for f in release.files.all()
        ],
    }
    response = JsonResponse(manifest, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'attachment; filename="manifest-v{release.version}.json"'
    return response


@public
@require_GET
def data_dictionary(request):
    rule = _(SUPPRESSION_RULE) % {"minimum": settings.SMALL_CELL_MIN - 1}
    return render(
        request,
        "reports/data_dictionary.html",
        {"dictionary": dictionary_data(), "rule": rule, "crosswalk": crosswalk.crosswalk_rows()},
    )


@role_required(Role.DIRECTOR, Role.ADMIN)
@require_GET
def data_staff(request):
    page = Paginator(staff_releases(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/data_staff.html",
        {"page": page, "releases": page.object_list, "can_publish": can_publish(request.user)},
    )


@role_required(Role.DIRECTOR, Role.ADMIN)
@require_POST
def data_build(request):
    release, job = data_release_start(actor=request.user, back_url=reverse("reports:data-staff"))
    if job is None:
        messages.info(request, _("Release %(version)s is already being built.") % {"version": release.version})
        return redirect("reports:data-staff")
    return redirect("jobs:job-detail", pk=job.pk)


@role_required(Role.DIRECTOR)
@require_POST
def data_publish(request, pk):
    release = get_object_or_404(DataRelease, pk=pk)
    try:
        data_release_publish(release=release, actor=request.user, changelog=request.POST.get("changelog", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Release %(version)s is published.") % {"version": release.version})
    return redirect("reports:data-staff")
