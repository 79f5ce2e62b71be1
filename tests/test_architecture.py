"""The dependency direction: the domain knows no outer layer and never reads the clock."""

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTER = {
    "prefect",
    "apprise",
    "fastapi",
    "typer",
    "starlette",
    "flows",
    "notifications",
    "web",
    "cli",
    "importers",
    "infra",
    "jinja2",
    "uvicorn",
}
CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("pendulum", "now"),
    ("pendulum", "today"),
    ("time", "time"),
}


def _domain_files() -> list[Path]:
    return sorted((REPO / "domain").rglob("*.py"))


def test_the_domain_imports_no_outer_layer() -> None:
    offenders = []
    for path in _domain_files():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [
                f"{path.relative_to(REPO)}: {n}" for n in names if n.split(".")[0] in OUTER
            ]
    assert offenders == []


def test_the_domain_never_reads_the_clock() -> None:
    offenders = []
    for path in _domain_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in CLOCK_CALLS
            ):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def test_the_scan_would_catch_an_outer_import() -> None:
    tree = ast.parse("from prefect import flow\nimport apprise\n")
    found = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert len(found) == 2


def test_the_import_linter_contracts_hold() -> None:
    import shutil
    import subprocess
    import sys

    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert linter, "import-linter is a dev dependency; install the dev extra"
    result = subprocess.run([linter], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
