"""Loads a script of bench/ as a module, so a test checks with the code its figures come from."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

BENCH_DIR = Path(__file__).resolve().parents[1] / "bench"


@cache
def load_bench(name: str) -> ModuleType:
    """bench/<name>.py, loaded once and registered under its name (dataclasses look it up)."""
    spec = importlib.util.spec_from_file_location(name, BENCH_DIR / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
