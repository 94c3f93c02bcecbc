"""What may be attached: photos (JPEG, PNG), PDF, Word and Excel documents, up to MAX_BYTES.

The type is decided by the file's content, never by its name or the browser's claim: a renamed
executable or script called 照片.jpg is refused. Office files are ZIP packages, so their inside is
checked for the part that makes them a document or a workbook.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The extension each type must carry, so the stored file opens with the right program.
EXTENSIONS = {
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
}


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    extension: str


def sniff_head(head: bytes) -> str | None:
    """The type that the first bytes announce, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    return None


def office_type(upload) -> str | None:
    """DOCX or XLSX when the ZIP package holds the part that defines one, else None."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def check_upload(upload) -> Sniffed:
    """Raise ValidationError with a Chinese message unless `upload` is an allowed file."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("文件过大（%(size)s），单个文件不能超过 %(max)s。")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_BYTES)}
        )
    if upload.size == 0:
        raise ValidationError(_("文件是空的。"))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_head(head)
    if content_type == "zip":
        content_type = office_type(upload)
    if content_type is None:
        raise ValidationError(
            _("不支持的文件类型。只能上传 JPEG/PNG 图片、PDF、Word（docx）或 Excel（xlsx）文件。")
        )
    name = (upload.name or "").lower()
    allowed = EXTENSIONS[content_type]
    if not name.endswith(allowed):
        raise ValidationError(
            _("文件内容与扩展名不符（内容为 %(kind)s），请检查后重新上传。")
            % {"kind": allowed[0].lstrip(".").upper()}
        )
    return Sniffed(content_type=content_type, extension=allowed[0])
