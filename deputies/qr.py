"""QR codes of the stations and deputies, drawn on the server (segno): no network, no script."""

import io

import segno


def svg_file(url: str) -> bytes:
    """A standalone SVG of the code for `url`, to download and print at any size."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2)
    return out.getvalue()


def svg_inline(url: str) -> str:
    """The code for `url` as an <svg> element to put in a page, 8 px a module."""
    return str(segno.make(url, error="m").svg_inline(scale=8, border=2))
