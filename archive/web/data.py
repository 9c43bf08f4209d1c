"""/data/: the whole public archive as one download, with its date and size."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from archive import publicdata


@require_safe
def data_page(request):
    return render(
        request,
        "archive/data.html",
        {"download": publicdata.current(), "file_name": publicdata.FILE_NAME},
    )


@require_safe
def data_file(request):
    download = publicdata.current()
    if download is None:
        raise Http404("全库数据尚未生成")
    return FileResponse(
        download.path.open("rb"),
        as_attachment=True,
        filename=publicdata.FILE_NAME,
        content_type="application/zip",
    )
