"""The QR code printed on a consultation's poster, leading to its phone form."""

import io

import segno


def qr_svg(url: str) -> bytes:
    """A standalone SVG (with its namespace, so a browser shows it as an image)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2)
    return buffer.getvalue()
