"""How the suite shares its costly parts when pytest-xdist runs it on several workers.

Each worker is its own process with its own session fixtures, so without help every worker
would start its own PostgreSQL cluster and its own Prefect test server. Instead:

- the controlling process makes one run folder and hands it to every worker; the first worker
  to need PostgreSQL starts one cluster there for the run (`tests.pg.shared_cluster`), and the
  controller stops it when the run ends;
- the tests of one `xdist_group` (those on the Prefect test server) all go to one worker, so
  only that worker starts the server. xdist's own `--dist loadgroup` cannot be used: with
  pytest 9.2 it no longer sees the groups (pytest-xdist#1386), and as a scheduler by scope it
  would run a test only once when several share one node id, as the schemathesis cases of
  tests/web/test_api_fuzz.py do. So `load` is kept and taught the groups: each worker writes
  the groups it collected into the run folder, and the controller reads them there.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests import pg

RUN_DIR = pytest.StashKey[Path]()
GROUPS_FILE = "xdist-groups.json"


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def run_dir(config: pytest.Config) -> Path:
    """The folder this run's processes share."""
    return config.stash[RUN_DIR]


@pytest.fixture(name="run_dir", scope="session")
def run_dir_fixture(pytestconfig: pytest.Config) -> Path:
    """The folder this run's processes share (each worker's session fixtures meet there)."""
    return run_dir(pytestconfig)


def pytest_configure(config: pytest.Config) -> None:
    if is_worker(config):
        config.stash[RUN_DIR] = Path(config.workerinput["closeout_run_dir"])  # type: ignore[attr-defined]
    else:
        config.stash[RUN_DIR] = Path(tempfile.mkdtemp(prefix="closeout-tests-"))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """Hand each worker the run folder of its controller."""
    node.workerinput["closeout_run_dir"] = str(run_dir(node.config))


def pytest_unconfigure(config: pytest.Config) -> None:
    if is_worker(config) or RUN_DIR not in config.stash:
        return
    pg.stop_shared_cluster(run_dir(config))
    shutil.rmtree(run_dir(config), ignore_errors=True)


@pytest.hookimpl(trylast=True)  # after `-m` has deselected: only the tests that will run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not is_worker(config):
        return
    groups = {}
    for item in items:
        if marker := item.get_closest_marker("xdist_group"):
            groups[item.nodeid] = str(marker.args[0] if marker.args else marker.kwargs["name"])
    # Every worker collects the same tests, so each writes the same file; rename is atomic.
    target = run_dir(config) / GROUPS_FILE
    partial = target.with_suffix(f".{os.getpid()}")
    partial.write_text(json.dumps(groups))
    partial.replace(target)


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # before xdist's own choice
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScheduling

    class GroupedLoadScheduling(LoadScheduling):  # type: ignore[misc]
        """xdist's `load`, except that each xdist_group goes whole to one worker, first."""

        groups_sent = False

        def _send_tests(self, node: Any, num: int) -> None:
            if not self.groups_sent:
                self.groups_sent = True
                self._send_groups()
            super()._send_tests(node, num)

        def _send_groups(self) -> None:
            # Workers write the file before they report their collection, and the first
            # tests are sent only once every worker has reported.
            written = run_dir(config) / GROUPS_FILE
            groups = json.loads(written.read_text()) if written.exists() else {}
            assert self.collection is not None
            by_group: dict[str, list[int]] = {}
            for index in self.pending:
                if (group := groups.get(self.collection[index])) is not None:
                    by_group.setdefault(group, []).append(index)
            for number, indexes in enumerate(by_group.values()):
                node = self.nodes[number % len(self.nodes)]
                chosen = set(indexes)
                self.pending[:] = [i for i in self.pending if i not in chosen]
                self.node2pending[node].extend(indexes)
                node.send_runtest_some(indexes)

    return GroupedLoadScheduling(config, log)
