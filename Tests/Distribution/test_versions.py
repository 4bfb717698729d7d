"""The version has one place (Sources/NWBKit/Version.swift); the binary, the wheel, the hooks' pyproject and
the CHANGELOG all say it."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from conftest import ROOT, version


def test_the_wheel_and_its_binary_say_the_version(venv: Path, wheel: Path) -> None:
    assert wheel.name.startswith(f"nwbkit-{version()}-")
    said = subprocess.run([str(venv / "bin" / "nwbkit"), "--version"], capture_output=True, text=True, check=True)
    assert said.stdout.strip() == version()
    python = subprocess.run([str(venv / "bin" / "python"), "-c", "import nwbkit; print(nwbkit.__version__)"],
                            capture_output=True, text=True, check=True)
    assert python.stdout.strip() == version()


def test_the_hooks_pyproject_and_the_changelog_follow() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == version()
    assert project["dependencies"] == [f"nwbkit=={version()}"]
    changelog = (ROOT / "CHANGELOG.md").read_text().splitlines()
    first = next(line for line in changelog if line.startswith("## "))
    assert first.startswith(f"## {version()} "), first
