"""Building the GOV.UK Frontend assets from npm into web/static/govuk/ (run at install time).

Run as `python -m web.assets`; it installs the npm packages first when any is missing from
node_modules (govuk-frontend for the pages, axe-core for the browser tests' accessibility audit).
The stylesheet points at /assets/...; we serve the assets under /static/govuk/assets/.
The GDS Transport typeface is licensed for GOV.UK alone, so a council's service uses Arial:
the build drops its @font-face rules and font files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "govuk-frontend" / "dist" / "govuk"
TARGET = Path(__file__).resolve().parent / "static" / "govuk"
URL_PREFIX = "/static/govuk/assets/"
FILES = ("govuk-frontend.min.css", "govuk-frontend.min.js")
# Every package package.json names: the pages' assets, and the audit the browser tests inject.
PACKAGES = ("govuk-frontend", "axe-core")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def is_built(target: Path = TARGET) -> bool:
    """Whether the stylesheet, script, fonts and images are all in place."""
    return all((target / name).is_file() for name in FILES) and (target / "assets").is_dir()


def install_package(root: Path = ROOT) -> None:
    """Install the npm packages from the lock file when node_modules lacks any of them."""
    if all((root / "node_modules" / name).is_dir() for name in PACKAGES):
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is not installed; install Node.js and npm, then run make again")
    command = "ci" if (root / "package-lock.json").is_file() else "install"
    subprocess.run([npm, command, "--no-audit", "--no-fund"], cwd=root, check=True)


def build(package: Path = PACKAGE, target: Path = TARGET) -> Path:
    """Copy the built CSS, JS, fonts and images into `target`, rewriting asset URLs."""
    if not package.is_dir():
        raise SystemExit(f"{package} is missing; run `npm ci` in {ROOT} first")
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(package / "assets", staging / "assets", ignore=shutil.ignore_patterns("fonts"))
    css = (package / FILES[0]).read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = css.replace("GDS Transport,", "").replace(":GDS Transport", ":arial")
    # Drop the source-map reference: the map is not shipped.
    css = css.replace("url(/assets/", f"url({URL_PREFIX}").split("/*# sourceMappingURL")[0]
    (staging / FILES[0]).write_text(css, encoding="utf-8")
    js = (package / FILES[1]).read_text(encoding="utf-8").split("//# sourceMappingURL")[0]
    (staging / FILES[1]).write_text(js, encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def ensure_built() -> Path:
    """Build the assets unless they are already in place."""
    if not is_built():
        install_package()
        build()
    return TARGET


if __name__ == "__main__":
    install_package()
    print(f"GOV.UK Frontend assets built into {build().relative_to(ROOT)}", file=sys.stderr)
