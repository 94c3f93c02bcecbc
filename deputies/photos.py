"""Photos of stations and deputies: an upload checked and redrawn before anything is stored.

Whatever was uploaded is never stored or served as it came: it must open as a JPEG, PNG or WebP
image of bounded size, and only its pixels are kept, redrawn small as a fresh JPEG. That drops
the metadata (EXIF with the place a phone took the picture, comments, colour profiles) and any
bytes hidden after the image, and keeps a crafted file from reaching a browser.
"""

import io
import warnings
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 20_000_000
# Long enough for a station's header at twice a phone's density, small enough to load on 4G.
MAX_SIDE = 800
FORMATS = ("JPEG", "PNG", "WEBP")
QUALITY = 85


def _refuse() -> ValidationError:
    return ValidationError({"photo": _("无法识别这张图片，请上传 JPG、PNG 或 WebP 格式的照片。")})


def shrink_to_jpeg(upload: IO[bytes], size: int) -> bytes:
    """The upload's pixels as a JPEG of at most MAX_SIDE pixels a side, without metadata.

    Raises ValidationError (on the "photo" field) for a file too large, not an image of the
    allowed formats, broken, or one that would unpack to too many pixels.
    """
    if size > MAX_BYTES:
        raise ValidationError({"photo": _("照片不能超过 5 MB，请压缩后重新上传。")})
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({"photo": _("照片不能超过 5 MB，请压缩后重新上传。")})
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that: refuse those as well.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            _check(data)
            return _redraw(data)
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_big() from None
        except (OSError, SyntaxError, ValueError, TypeError, EOFError):
            raise _refuse() from None


def _too_big() -> ValidationError:
    return ValidationError({"photo": _("照片像素过大（超过2000万像素），请缩小后重新上传。")})


def _check(data: bytes) -> None:
    # Opening reads the header only: the size is checked before any pixel is unpacked.
    with Image.open(io.BytesIO(data), formats=FORMATS) as image:
        if image.width * image.height > MAX_PIXELS:
            raise _too_big()
        image.verify()


def _redraw(data: bytes) -> bytes:
    # verify() leaves the image unusable: open it again to decode the pixels.
    with Image.open(io.BytesIO(data), formats=FORMATS) as image:
        if image.width * image.height > MAX_PIXELS:
            raise _too_big()
        image.seek(0)  # the first frame of an animation
        upright = ImageOps.exif_transpose(image)
        upright.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        rgba = upright.convert("RGBA")
    # A new image carries nothing of the upload but its pixels; transparency becomes white.
    clean = Image.new("RGB", rgba.size, (255, 255, 255))
    clean.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()
