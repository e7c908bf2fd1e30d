"""The lock files in requirements/ (scripts/lock.py, `make lock`): what runs is pinned, hashed
and follows pyproject.toml; the dependencies nothing used stay gone."""

import importlib.util
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
LOCKS = ["runtime.txt", "dev.txt", "bench.txt", "uv.txt"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$")


def _lock_module(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("lock", root / "scripts" / "lock.py")
    assert spec and spec.loader
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ROOT, module.LOCKS = root, root / "requirements"
    return module


def _pins(name: str) -> dict[str, str]:
    lines = (ROOT / "requirements" / name).read_text().splitlines()
    return {m[1].lower(): m[2] for line in lines if (m := PIN.match(line))}


@pytest.mark.parametrize("name", LOCKS)
def test_every_requirement_is_pinned_with_its_hashes(name):
    text = (ROOT / "requirements" / name).read_text()
    requirements = [line for line in text.splitlines() if line and line[0] not in "# "]
    assert requirements
    for line in requirements:
        assert PIN.match(line), f"{name}: {line!r} is not `name==version` with hashes"
    assert "file://" not in text and " @ " not in text  # no path of one machine
    assert text.count("==") <= text.count("--hash=sha256:")


def test_dev_and_bench_take_runtimes_versions():
    runtime = _pins("runtime.txt")
    for name in ("dev.txt", "bench.txt"):
        other = _pins(name)
        assert runtime.keys() <= other.keys()
        assert {package: other[package] for package in runtime} == runtime


def test_the_check_fails_when_a_dependency_is_added_without_locking(tmp_path, capsys):
    for part in ("scripts", "requirements"):
        shutil.copytree(ROOT / part, tmp_path / part)
    pyproject = (ROOT / "pyproject.toml").read_text()
    (tmp_path / "pyproject.toml").write_text(pyproject)
    lock = _lock_module(tmp_path)
    digest = lock.dependencies_hash()
    for name in LOCKS:  # as if `make lock` had just run for this pyproject.toml
        lock._stamp(tmp_path / "requirements" / name, digest)
    assert lock.check() == 0

    (tmp_path / "pyproject.toml").write_text(
        pyproject.replace("dependencies = [\n", 'dependencies = [\n    "left-pad>=1",\n', 1)
    )
    assert lock.check() == 1
    assert "make lock" in capsys.readouterr().err


def test_the_unused_dependencies_stay_gone():
    locked = set(_pins("dev.txt")) | set(_pins("runtime.txt"))
    assert not {"django-htmx", "django-template-partials", "factory-boy"} & locked
    assert not {"django_htmx", "template_partials"} & set(settings.INSTALLED_APPS)
    assert not [name for name in settings.MIDDLEWARE if "htmx" in name]
