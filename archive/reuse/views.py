"""Pages and API of paragraph reuse: compare, draft check, passage history, JSON."""

from __future__ import annotations

from django import forms
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from archive.errors import NotFound, api_error
from archive.ingest.pipeline import parse_document
from archive.ingest.types import IngestError
from archive.models import Speech
from archive.reuse import limits
from archive.reuse.check import CheckResult, check_text
from archive.reuse.compare import aligned_rows, shared_share
from archive.reuse.models import ReuseParagraph
from archive.reuse.passages import passage_history
from archive.reuse.report import as_json, compare_url, speech_reuse

ERROR_NO_SPEECH = "没有编号为 {pk} 的公开讲话。"
ERROR_NO_PARAGRAPH = "讲话 {pk} 没有第 {number} 段。"
ERROR_NO_SPEECH_CHOSEN = "没有选定要对照的讲话:请从查重结果里点“对照全文”。"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ERROR_API_TEXT_ONLY = (
    "接口只读表单字段 text 里的文字(application/x-www-form-urlencoded 或 multipart/form-data),"
    "不收文件或 JSON;文件请在 /check/ 页面上传。"
)


def _published(pk: int) -> Speech:
    speech = Speech.objects.published().filter(pk=pk).first()
    if speech is None:
        raise NotFound(ERROR_NO_SPEECH.format(pk=pk))
    return speech


@require_safe
def compare(request, a: int, b: int):
    left, right = _published(a), _published(b)
    rows = aligned_rows(left.body, right.body)
    context = {
        "left": left,
        "right": right,
        "rows": rows,
        "percent": round(shared_share(rows, left.body) * 100),
        "paired": sum(1 for row in rows if row.left_number and row.right_number),
        "swap_url": compare_url(b, a),
    }
    return render(request, "reuse/compare.html", context)


@require_safe
def passage(request, pk: int, anchor: str):
    number = anchor[1:] if anchor.startswith("p") else anchor
    start = None
    if number.isascii() and number.isdigit():
        start = (
            ReuseParagraph.objects.select_related("speech")
            .filter(speech_id=pk, number=int(number), speech__is_published=True)
            .first()
        )
    if start is None:
        raise NotFound(ERROR_NO_PARAGRAPH.format(pk=pk, number=number[:20]))
    uses = passage_history(start)
    lines = start.speech.body.split("\n")
    text = lines[start.number - 1] if start.number <= len(lines) else ""
    return render(request, "reuse/passage.html", {"start": start, "uses": uses, "text": text})


class CheckForm(forms.Form):
    text = forms.CharField(
        label="粘贴文稿",
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 12, "placeholder": "把要查的文稿粘贴到这里"}),
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        help_text="支持 txt、docx、pdf、html 等导入所用的格式",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        if upload:
            if upload.size > limits.MAX_FILE_BYTES:
                limit = limits.MAX_FILE_BYTES // (1024 * 1024)
                raise forms.ValidationError(limits.ERROR_FILE_TOO_LARGE.format(limit=limit))
            try:
                parsed = parse_document(
                    upload.name,
                    upload.read(),
                    max_file_bytes=limits.MAX_FILE_BYTES,
                    max_ocr_pages=limits.MAX_OCR_PAGES,
                )
            except IngestError as exc:
                raise forms.ValidationError(f"文件无法读取:{exc}") from exc
            text = parsed.body
        return {"text": validated_text(text)}


def validated_text(text: str) -> str:
    if not text.strip():
        raise forms.ValidationError(limits.ERROR_EMPTY)
    if len(text) > limits.MAX_CHARS:
        raise forms.ValidationError(
            limits.ERROR_TOO_LONG.format(chars=len(text), limit=limits.MAX_CHARS)
        )
    return text


@require_http_methods(["GET", "HEAD", "POST"])
def check(request):
    result: CheckResult | None = None
    status = 200
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        if limits.rate_exceeded(request):
            form.add_error(None, limits.ERROR_RATE.format(minutes=limits.WINDOW // 60))
            status = 429
        elif form.is_valid():
            result = check_text(form.cleaned_data["text"])
        else:
            status = 400
    else:
        form = CheckForm()
    context = {
        "form": form,
        "result": result,
        "max_chars": limits.MAX_CHARS,
        "max_file_mb": limits.MAX_FILE_BYTES // (1024 * 1024),
    }
    return render(request, "reuse/check.html", context, status=status)


@require_POST
def check_compare(request):
    """The draft beside one archived speech: the same page as /compare/, from the posted text,
    which again is not stored."""
    if limits.rate_exceeded(request):
        form = CheckForm()
        form.add_error(None, limits.ERROR_RATE.format(minutes=limits.WINDOW // 60))
        return render(request, "reuse/check.html", {"form": form}, status=429)
    try:
        text = validated_text(request.POST.get("text", ""))
    except forms.ValidationError as exc:
        form = CheckForm()
        form.add_error(None, exc.messages[0])
        return render(request, "reuse/check.html", {"form": form}, status=400)
    pk = request.POST.get("speech", "").strip()
    if not pk.isdigit():
        raise NotFound(ERROR_NO_SPEECH_CHOSEN)
    right = _published(int(pk))
    rows = aligned_rows(text, right.body)
    context = {
        "left": None,
        "right": right,
        "rows": rows,
        "percent": round(shared_share(rows, text) * 100),
        "paired": sum(1 for row in rows if row.left_number and row.right_number),
    }
    return render(request, "reuse/compare.html", context)


@require_safe
def api_speech_reuse(request, pk: int):
    reuse = speech_reuse(_published(pk))
    return JsonResponse(
        as_json(reuse, request.build_absolute_uri), json_dumps_params={"ensure_ascii": False}
    )


# CSRF-exempt on purpose: the API is for scripts, which hold no session cookie; the check reads
# the archive and stores nothing, so a forged cross-site POST can do nothing the attacker could
# not do by sending the request itself (the rate limit counts it all the same).
@csrf_exempt
@require_POST
def api_check(request):
    if limits.rate_exceeded(request):
        return api_error(limits.ERROR_RATE.format(minutes=limits.WINDOW // 60), 429)
    if request.FILES or ("text" not in request.POST and request.content_type not in FORM_TYPES):
        return api_error(ERROR_API_TEXT_ONLY, 400)
    try:
        text = validated_text(request.POST.get("text", ""))
    except forms.ValidationError as exc:
        return api_error(exc.messages[0], 400)
    result = check_text(text)
    url = request.build_absolute_uri
    data = {
        "share": round(result.share, 4),
        "characters": result.characters,
        "speeches": result.speeches,
        "paragraphs": [
            {
                "anchor": f"p{passage.number}",
                "text": passage.text,
                "matches": [
                    {
                        "speech": source.speech.pk,
                        "url": url(source.url),
                        "anchor": f"p{source.number}",
                        "share": round(source.share, 4),
                        "title": source.speech.title,
                        "date": source.speech.date.isoformat() if source.speech.date else None,
                    }
                    for source in passage.sources
                ],
            }
            for passage in result.passages
        ],
        "stored": False,
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
