"""The dependency direction: the domain knows no outer layer and never reads the clock, no
module takes part in an import cycle, and the flows look nothing up."""

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("domain", "importers", "notifications", "flows", "web", "cli", "infra", "reviewpack")
# What a flow or a task would find for itself rather than take from the runtime it is given.
LOOK_UPS = {"get_settings", "build_runtime", "engine_for", "Settings"}
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


def cycles_in(imports: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or not (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in imports.get(module, ()):
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return found


def test_the_cycle_search_finds_modules_that_import_each_other() -> None:
    imports = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}
    assert cycles_in(imports) == [["a", "b", "c"]]
    assert cycles_in({"a": ["b"], "b": []}) == []


def test_no_module_takes_part_in_an_import_cycle() -> None:
    import grimp

    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    imports = {
        module: [m for m in graph.find_modules_directly_imported_by(module) if m in graph.modules]
        for module in graph.modules
    }
    assert cycles_in(imports) == []


def test_the_flows_build_their_runtime_in_one_place_and_look_nothing_else_up() -> None:
    found = []
    for path in sorted((REPO / "flows").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in LOOK_UPS:
                    found.append(f"{path.name}: {node.func.id}")
            elif isinstance(node, ast.ImportFrom) and node.module == "infra":
                found += [f"{path.name}: infra.{a.name}" for a in node.names]
    assert found == ["runs.py: build_runtime", "runs.py: get_settings"]
