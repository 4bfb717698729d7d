"""The distribution's tests: what scripts/package made (dist/), used as a person without Swift would."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def version() -> str:
    """NWBKitVersion.current: the version's one place."""
    text = (ROOT / "Sources" / "NWBKit" / "Version.swift").read_text()
    found = re.search(r'current = "([^"]+)"', text)
    assert found, "Version.swift names no version"
    return found.group(1)


@pytest.fixture(scope="session")
def wheel() -> Path:
    dist = Path(os.environ.get("NWBKIT_DIST", ROOT / "dist"))
    wheels = sorted(dist.glob(f"nwbkit-{version()}-py3-none-manylinux_*.whl"))
    if not wheels:
        pytest.skip(f"no wheel of version {version()} in {dist}: run scripts/package")
    return wheels[-1]


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A virtual environment with the wheel installed (nothing fetched)."""
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run(["python3", "-m", "venv", str(folder)], check=True)
    subprocess.run([str(folder / "bin" / "pip"), "install", "-q", "--no-index", str(wheel)], check=True)
    return folder


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without pip settings of the machine (an index or links of its own)."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PIP_")}
    environment.update(extra)
    return environment
