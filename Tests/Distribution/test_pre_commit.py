"""The `nwbkit-check` hook with the real pre-commit: it installs this repository (at its HEAD) from a local
wheel index holding the nwbkit wheel, so no Swift and no network; a CRITICAL finding fails the hook."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, clean_environment


def test_the_hook_fails_a_critical_file_and_passes_a_clean_one(tmp_path: Path, wheel: Path) -> None:
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed (scripts/bootstrap installs it)")
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True)
    committed = subprocess.run(["git", "-C", str(ROOT), "show", "HEAD:.pre-commit-hooks.yaml"], capture_output=True, check=False)
    if committed.returncode != 0:
        pytest.skip("the hooks file is not committed yet (pre-commit installs the repository at its HEAD)")
    # The local index: the wheel, and setuptools (pip builds the hooks' pyproject with it).
    index = tmp_path / "index"
    index.mkdir()
    shutil.copy(wheel, index)
    subprocess.run(["python3", "-m", "pip", "download", "-q", "--only-binary=:all:", "-d", str(index), "setuptools>=61"],
                   check=True, env=clean_environment())
    project = tmp_path / "lab"
    (project / "data").mkdir(parents=True)
    shutil.copy(ROOT / "SampleData" / "ophys.nwb", project / "data" / "clean.nwb")
    # images.nwb names an external video that is not beside it: CRITICAL.
    shutil.copy(ROOT / "SampleData" / "images.nwb", project / "data" / "critical.nwb")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: nwbkit-check\n")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    environment = clean_environment(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PIP_NO_INDEX="1",
                                    PIP_FIND_LINKS=str(index))

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([pre_commit, "run", "--files", *files], cwd=project, capture_output=True, text=True,
                              env=environment, timeout=600, check=False)

    clean = run("data/clean.nwb")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "nwbkit check" in clean.stdout and "Passed" in clean.stdout
    critical = run("data/clean.nwb", "data/critical.nwb")
    assert critical.returncode == 1, critical.stdout + critical.stderr
    assert "Failed" in critical.stdout
    assert "data/critical.nwb: CRITICAL check_image_series_external_file_valid" in critical.stdout
    # A file that is not NWB by name is not given to the hook.
    (project / "notes.txt").write_text("not NWB\n")
    subprocess.run([*git, "add", "notes.txt"], check=True)
    skipped = run("notes.txt")
    assert skipped.returncode == 0 and "no files to check" in skipped.stdout, skipped.stdout
