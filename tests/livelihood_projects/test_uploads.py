import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from livelihood_projects.uploads import DOCX, JPEG, MAX_BYTES, PDF, PNG, XLSX, check_upload

JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.7\n" + b"\x00" * 64


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("现场.jpg", JPEG_BYTES, JPEG),
        ("现场.JPEG", JPEG_BYTES, JPEG),
        ("图.png", PNG_BYTES, PNG),
        ("实施方案.pdf", PDF_BYTES, PDF),
        ("会议纪要.docx", office("word/document.xml"), DOCX),
        ("资金表.xlsx", office("xl/workbook.xml"), XLSX),
    ],
)
def test_allowed_files_are_recognised_by_content(name, content, expected):
    assert check_upload(SimpleUploadedFile(name, content)).content_type == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("照片.jpg", b"MZ\x90\x00" + b"\x00" * 64, "不支持的文件类型"),  # an executable
        ("照片.jpg", b"<script>alert(1)</script>", "不支持的文件类型"),
        ("照片.jpg", PDF_BYTES, "与扩展名不符"),
        ("方案.pdf", PNG_BYTES, "与扩展名不符"),
        ("文件.docx", office("xl/workbook.xml"), "与扩展名不符"),
        ("文件.docx", office("other.xml"), "不支持的文件类型"),
        ("文件.docx", b"PK\x03\x04 not really a zip", "不支持的文件类型"),
        ("空.jpg", b"", "空"),
    ],
)
def test_disguised_and_unknown_files_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content))


def test_oversized_file_is_refused():
    upload = SimpleUploadedFile("大.jpg", JPEG_BYTES + b"\x00" * MAX_BYTES)
    with pytest.raises(ValidationError, match="不能超过"):
        check_upload(upload)
