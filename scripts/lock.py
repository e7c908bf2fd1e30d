"""The lock files in requirements/: every package pinned with its hashes, from pyproject.toml.

    python scripts/lock.py            # re-resolve them (`make lock`; needs uv and PyPI)
    python scripts/lock.py --check    # fail when pyproject.toml changed since (`make check-static`)

`make install`, `make install-dev`, `make demo` and CI install from these files, never from the
ranges in pyproject.toml, so a new release upstream cannot change what runs until someone locks
again and the tests pass. They are resolved by `uv pip compile` for CPython 3.11 on Linux x86_64
(the machines'; docs/decisions.md says why uv). The output is pip's requirements format, so
`pip install --require-hashes -r requirements/runtime.txt` works without uv too.

- runtime.txt: [project.dependencies], what the site and `make demo` need;
- dev.txt: runtime plus the test and check tools (the `dev` extra), constrained to runtime.txt's
  versions so both files agree on every package they share;
- bench.txt: runtime plus the `bench` extra (`make bench`);
- uv.txt: uv itself, which the Makefile installs first (with pip) to install the others.

Each file's second line holds a hash of pyproject.toml's dependency lists; `--check` compares it
with the current pyproject.toml, offline, so a dependency added without `make lock` fails the
static checks instead of going unlocked.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
STAMP = "# pyproject-dependencies-sha256: "
PLATFORM = ["--python-version", "3.11", "--python-platform", "x86_64-unknown-linux-gnu"]
# (file, extra or None, constrained to runtime.txt)
FILES = [("runtime.txt", None), ("dev.txt", "dev"), ("bench.txt", "bench")]
UV_VERSION = "0.13.10"


def dependencies_hash() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "requires-python": project.get("requires-python"),
        "dependencies": project.get("dependencies", []),
        "optional-dependencies": project.get("optional-dependencies", {}),
        "uv": UV_VERSION,
    }
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def _uv() -> str:
    found = shutil.which(
        "uv", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    )
    if not found:
        sys.exit("lock: uv is missing; `make lock` installs it into .venv first")
    return found


def _stamp(path: Path, digest: str) -> None:
    lines = path.read_text().splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith(STAMP)]
    lines.insert(0, f"{STAMP}{digest}\n")
    path.write_text("".join(lines))


def lock() -> None:
    uv = _uv()
    digest = dependencies_hash()
    LOCKS.mkdir(exist_ok=True)
    common = [uv, "pip", "compile", "--quiet", "--generate-hashes", *PLATFORM]
    common += ["--custom-compile-command", "make lock"]
    for name, extra in FILES:
        command = [*common, "pyproject.toml", "--output-file", f"requirements/{name}"]
        if extra:
            command += ["--extra", extra, "--constraint", "requirements/runtime.txt"]
        subprocess.run(command, cwd=ROOT, check=True)
    (LOCKS / "uv.in").write_text(f"uv=={UV_VERSION}\n")
    subprocess.run(
        [*common, "requirements/uv.in", "--output-file", "requirements/uv.txt"],
        cwd=ROOT,
        check=True,
    )
    for name in [name for name, _ in FILES] + ["uv.txt"]:
        _stamp(LOCKS / name, digest)


def check() -> int:
    digest = dependencies_hash()
    stale = []
    for name in [name for name, _ in FILES] + ["uv.txt"]:
        path = LOCKS / name
        lines = path.read_text().splitlines() if path.exists() else []
        if f"{STAMP}{digest}" not in lines[:3]:
            stale.append(f"requirements/{name}")
    if stale:
        print(
            "The lock files do not match pyproject.toml's dependencies: "
            + ", ".join(stale)
            + ".\nRun `make lock` and commit requirements/.",
            file=sys.stderr,
        )
        return 1
    print("lock: requirements/ matches pyproject.toml")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    lock()
