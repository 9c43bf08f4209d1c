"""Zip archives: one document per entry, with the safety checks an upload needs.

Refused with a message, never raised: entries whose names escape the archive (`../`, absolute
paths, drive letters), encrypted entries, entries or archives whose declared or actual size
exceeds the limits, and entries compressed more than MAX_RATIO times (zip bombs). Nested zips
are opened up to MAX_DEPTH levels.
"""

from __future__ import annotations

import contextlib
import posixpath
import zipfile
import zlib
from collections.abc import Iterator

from archive.ingest.types import IngestError

MAX_DEPTH = 2
MAX_RATIO = 100  # text compresses 3-10×; a bomb compresses thousands of times
MAX_ENTRIES = 5000
CHUNK = 64 * 1024
JUNK_PARTS = {"__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini"}

ERROR_BAD_ZIP = "压缩包已损坏或不是 zip 文件"
ERROR_PATH = "压缩包内的路径不安全({name}),已拒绝"
ERROR_ENCRYPTED = "压缩包内的文件已加密,无法读取"
ERROR_RATIO = "压缩比异常(超过 {ratio} 倍),疑似压缩炸弹,已拒绝"
ERROR_TOO_MANY = "压缩包内文件过多(超过 {limit} 个)"
ERROR_TOTAL = "压缩包解压后总大小超过上限 {limit} MB,其余文件未导入"
ERROR_NESTED = "压缩包嵌套过深(超过 {depth} 层)"


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:.2f}".rstrip("0").rstrip(".")


def too_large(size: int, limit: int) -> IngestError:
    return IngestError(f"文件过大({mb(size)} MB,上限 {mb(limit)} MB)")


def is_junk(name: str) -> bool:
    parts = name.split("/")
    return any(part in JUNK_PARTS or part.startswith("._") for part in parts)


def unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    normalized = posixpath.normpath(name)
    return normalized.startswith("..") or "/../" in f"/{name}/"


def entry_name(info: zipfile.ZipInfo) -> str:
    """Zip names without the UTF-8 flag are usually GBK (Windows); zipfile reads them as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        # Keep zipfile's reading when the bytes are not GBK either.
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Reads one entry, stopping as soon as it outgrows the limit or the ratio, whatever the
    header declared."""
    if info.flag_bits & 0x1:
        raise IngestError(ERROR_ENCRYPTED)
    if info.file_size > limit:
        raise too_large(info.file_size, limit)
    if (
        info.compress_size
        and info.file_size / info.compress_size > MAX_RATIO
        and info.file_size > CHUNK
    ):
        raise IngestError(ERROR_RATIO.format(ratio=MAX_RATIO))
    out = bytearray()
    with archive.open(info) as fh:
        while chunk := fh.read(CHUNK):
            out += chunk
            if len(out) > limit:
                raise too_large(len(out), limit)
            if len(out) > CHUNK and len(out) > MAX_RATIO * max(info.compress_size, 1):
                raise IngestError(ERROR_RATIO.format(ratio=MAX_RATIO))
    return bytes(out)


def iter_zip(
    filename: str, data: bytes, *, max_file_bytes: int, budget: list[int], depth: int = 1
) -> Iterator[tuple[str, bytes | IngestError]]:
    """Yields (display name, bytes or the error) for each document entry. ``budget`` holds the
    bytes still allowed in total, shared with nested archives."""
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        NotImplementedError,
        ValueError,  # negative seeks and undecodable names in a damaged central directory
    ) as exc:
        yield filename, IngestError(f"{ERROR_BAD_ZIP}({type(exc).__name__})")
        return
    files = [i for i in infos if not i.is_dir() and not is_junk(entry_name(i))]
    if len(files) > MAX_ENTRIES:
        yield filename, IngestError(ERROR_TOO_MANY.format(limit=MAX_ENTRIES))
        return
    with archive:
        for info in files:
            name = entry_name(info)
            display = f"{filename}/{name}"
            if unsafe_name(name):
                yield display, IngestError(ERROR_PATH.format(name=name))
                continue
            if budget[0] <= 0 or info.file_size > budget[0]:
                yield display, IngestError(ERROR_TOTAL.format(limit=mb(budget[1])))
                continue
            try:
                content = read_entry(archive, info, min(max_file_bytes, budget[0]))
            except IngestError as exc:
                yield display, exc
                continue
            except (
                zipfile.BadZipFile,
                zlib.error,
                ValueError,
                OSError,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ) as exc:
                # CRC errors, truncated members, unsupported compression methods.
                yield display, IngestError(f"{ERROR_BAD_ZIP}({type(exc).__name__})")
                continue
            budget[0] -= len(content)
            if name.lower().endswith(".zip"):
                if depth >= MAX_DEPTH:
                    yield display, IngestError(ERROR_NESTED.format(depth=MAX_DEPTH))
                    continue
                yield from iter_zip(
                    display, content, max_file_bytes=max_file_bytes, budget=budget, depth=depth + 1
                )
                continue
            yield display, content
