"""The review pack as PDF, printed from the same HTML by headless Chromium.

Chromium draws the page exactly as the HTML file and the web page show it (grid layout,
print colours, A4 page rule), so the three formats cannot drift apart, and the project needs
no second layout engine. The cost is a browser on the machine: its absence is one clear error.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from reviewpack.errors import PdfRenderingFailed, PdfToolMissing

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 120
# Quiet, sandbox-free, offline printing: no first-run screens, updates or background fetches.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--no-pdf-header-footer",
)


def find_browser(names: tuple[str, ...] = BROWSERS) -> str:
    """The path of the first Chromium found on PATH, or PdfToolMissing."""
    for name in names:
        if found := shutil.which(name):
            return found
    raise PdfToolMissing(
        f"no Chromium found (looked for {', '.join(names)}); install Debian's 'chromium' "
        "package to print the PDF, or choose --format html"
    )


def html_to_pdf(html: str, *, browser: str | None = None) -> bytes:
    """Print a self-contained HTML page to PDF bytes with headless Chromium (`browser`: a
    name on PATH or a path; by default the first of BROWSERS found)."""
    executable = find_browser((browser,) if browser else BROWSERS)
    with tempfile.TemporaryDirectory(prefix="closeout-pack-") as work:
        page, pdf = Path(work) / "pack.html", Path(work) / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            executable,
            *FLAGS,
            f"--user-data-dir={Path(work) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfRenderingFailed(
                f"Chromium did not finish printing the PDF within {TIMEOUT_SECONDS} seconds"
            ) from exc
        except OSError as exc:
            raise PdfToolMissing(f"Chromium at {executable} could not be started: {exc}") from exc
        if not pdf.exists() or pdf.stat().st_size == 0:
            last = (result.stderr.strip().splitlines() or ["no message"])[-1]
            raise PdfRenderingFailed(
                f"Chromium exited with code {result.returncode} and wrote no PDF: {last}"
            )
        return pdf.read_bytes()
