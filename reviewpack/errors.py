"""The errors of rendering a review pack, each with a one-line message.

The hierarchy::

    PackRenderingError          base of everything below
    ├── PdfToolMissing          no headless Chromium to print the PDF with
    └── PdfRenderingFailed      Chromium ran but left no PDF (it crashed or timed out)
"""

from __future__ import annotations


class PackRenderingError(Exception):
    """A review pack could not be rendered in the format asked for."""


class PdfToolMissing(PackRenderingError):
    """The PDF is printed by headless Chromium, and none is installed."""


class PdfRenderingFailed(PackRenderingError):
    """Chromium ran but did not write the PDF."""
