"""Where uploaded files go: sanitized names under MEDIA_ROOT/batch-<id>/, never served.

The browser's content type is ignored; the file's first bytes must match its extension."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from django.conf import settings

IMAGES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif"}
ALLOWED = {".txt", ".docx", ".pdf", ".html", ".htm", ".zip", *IMAGES}
ERROR_TYPE = (
    "不支持的文件类型 {ext}(支持 .txt、.docx、.pdf、.html、.htm、.zip,"
    "以及扫描件图片 .jpg、.png、.tif、.webp、.heic)"
)
# The first bytes of each image type (HEIC: an ISO box "ftyp" at offset 4).
_IMAGE_MAGIC = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
    ".tif": (b"II*\x00", b"MM\x00*"),
    ".tiff": (b"II*\x00", b"MM\x00*"),
}
ERROR_SNIFF = "文件内容与扩展名 {ext} 不符(实际不是 {kind} 文件)"
ERROR_FILE_SIZE = "文件 {name} 过大({size} MB,单个文件上限 {limit} MB)"
ERROR_UPLOAD_SIZE = "本次上传过大({size} MB,每次上传上限 {limit} MB),请分批上传"

_UNSAFE = re.compile(r"[^\w.\-\u3000-\u9fff\uff00-\uffef]+")


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.2f}".rstrip("0").rstrip(".")


def sanitize_name(name: str) -> str:
    """A file name safe to store: no directories, no control or shell characters, no leading
    dots; Chinese kept so the editor recognizes it."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip("._ ") or "file"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    return stem[:80] + (f".{ext[:10].lower()}" if ext else "")


def extension(name: str) -> str:
    return Path(name).suffix.lower()


def sniff_error(name: str, head: bytes) -> str | None:
    """Why the content does not match the extension, or None."""
    ext = extension(name)
    if ext not in ALLOWED:
        return ERROR_TYPE.format(ext=ext or "(无扩展名)")
    if ext in {".zip", ".docx"} and not head.startswith(b"PK"):
        return ERROR_SNIFF.format(ext=ext, kind="zip" if ext == ".zip" else "Word")
    if ext == ".pdf" and b"%PDF" not in head[:1024]:
        return ERROR_SNIFF.format(ext=ext, kind="PDF")
    if ext in _IMAGE_MAGIC and not head.startswith(_IMAGE_MAGIC[ext]):
        return ERROR_SNIFF.format(ext=ext, kind="图片")
    if ext == ".webp" and not (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return ERROR_SNIFF.format(ext=ext, kind="图片")
    if ext in {".heic", ".heif"} and head[4:8] != b"ftyp":
        return ERROR_SNIFF.format(ext=ext, kind="图片")
    if ext in {".txt", ".html", ".htm"} and (head.startswith((b"PK", b"%PDF", b"MZ", b"\x7fELF"))):
        return ERROR_SNIFF.format(ext=ext, kind="文本")
    return None


def batch_dir(batch_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / f"batch-{batch_id}"


def store(batch_id: int, order: int, uploaded) -> str:
    """Copy an uploaded file (already streamed to a temporary file by Django) in chunks;
    returns the path relative to MEDIA_ROOT."""
    folder = batch_dir(batch_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{order:04d}-{sanitize_name(uploaded.name)}"
    with target.open("wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    return str(target.relative_to(settings.MEDIA_ROOT))


def store_page_image(batch_id: int, order: int, number: int, data: bytes) -> str:
    """A scanned page's image (JPEG) for the review screen; path relative to MEDIA_ROOT."""
    folder = batch_dir(batch_id) / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{order:04d}-{number:03d}.jpg"
    target.write_bytes(data)
    return str(target.relative_to(settings.MEDIA_ROOT))


def path_of(relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


def read(relative: str) -> bytes:
    return (Path(settings.MEDIA_ROOT) / relative).read_bytes()
