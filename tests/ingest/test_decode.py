import os

import opencc
import pytest

from archive.ingest.decode import ERROR_BINARY, ERROR_UNDECODABLE, decode_bytes
from archive.ingest.types import IngestError
from tests.ingest.conftest import SPEECH_TEXT

TRADITIONAL = opencc.OpenCC("s2t").convert(SPEECH_TEXT)


@pytest.mark.parametrize(
    ("text", "encoding", "reported"),
    [
        (SPEECH_TEXT, "utf-8", "utf-8"),
        (SPEECH_TEXT, "utf-8-sig", "utf-8-sig"),
        (SPEECH_TEXT, "utf-16", "utf-16"),
        (SPEECH_TEXT, "utf-16-le", "utf-16-le"),
        (SPEECH_TEXT, "utf-16-be", "utf-16-be"),
        (SPEECH_TEXT, "gb18030", "gb18030"),
        (SPEECH_TEXT, "gbk", "gb18030"),
        (SPEECH_TEXT, "gb2312", "gb18030"),
        (TRADITIONAL, "gb18030", "gb18030"),
        (TRADITIONAL, "utf-8", "utf-8"),
    ],
)
def test_each_encoding_decodes_to_the_same_text(text, encoding, reported):
    decoded, name = decode_bytes(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    assert name == reported


def test_big5_is_not_mistaken_for_gbk():
    decoded, name = decode_bytes(TRADITIONAL.encode("big5"))
    assert decoded == TRADITIONAL
    assert name.startswith("big5")


def test_gbk_is_not_mistaken_for_big5():
    decoded, _name = decode_bytes(SPEECH_TEXT.encode("gbk"))
    assert "安全生产" in decoded


def test_random_bytes_are_refused():
    with pytest.raises(IngestError) as info:
        decode_bytes(os.urandom(4000))
    assert str(info.value) in (ERROR_BINARY, ERROR_UNDECODABLE)


def test_latin1_text_with_no_chinese_is_refused_as_undecodable():
    data = "Café résumé naïve façade".encode("latin-1") * 20
    with pytest.raises(IngestError, match="无法识别文件编码"):
        decode_bytes(data)


def test_truncated_utf16_with_bom_names_the_problem():
    with pytest.raises(IngestError, match="utf-16"):
        decode_bytes(b"\xff\xfe" + "讲话".encode("utf-16-le") + b"\x00")
