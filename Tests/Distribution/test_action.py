"""The composite Action (action.yml): its shell steps run as a GitHub runner runs them (`bash --noprofile
--norc -eo pipefail FILE`, inputs in the environment, GITHUB_PATH and GITHUB_OUTPUT files), with the wheel
as the package to install."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from conftest import ROOT, clean_environment

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())


def run_action(workspace: Path, inputs: dict[str, str]) -> tuple[int, str, dict[str, str]]:
    """Runs the Action's steps in order; the exit status of the first failing step (or 0), what the steps
    printed, and the step outputs."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    temp = workspace.parent / "runner-temp"
    temp.mkdir(exist_ok=True)
    path_file = temp / "path"
    output_file = temp / "output"
    path_file.write_text("")
    output_file.write_text("")
    printed = ""
    search_path = os.environ["PATH"]
    for number, step in enumerate(ACTION["runs"]["steps"]):
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "inputs reach scripts through the environment only"
        environment = clean_environment(RUNNER_TEMP=str(temp), GITHUB_PATH=str(path_file), GITHUB_OUTPUT=str(output_file),
                                        GITHUB_WORKSPACE=str(workspace), PIP_NO_INDEX="1")
        for name, value in step.get("env", {}).items():
            environment[name] = re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda match: values[match.group(1)], value)
        added = [line for line in path_file.read_text().splitlines() if line]
        environment["PATH"] = os.pathsep.join([*reversed(added), search_path])
        script = temp / f"step-{number}.sh"
        script.write_text(step["run"])
        completed = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)], cwd=workspace,
                                   capture_output=True, text=True, env=environment, timeout=600, check=False)
        printed += completed.stdout + completed.stderr
        if completed.returncode != 0:
            return completed.returncode, printed, outputs(output_file)
    return 0, printed, outputs(output_file)


def outputs(file: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in file.read_text().splitlines() if "=" in line)


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "workspace"
    (folder / "data").mkdir(parents=True)
    shutil.copy(ROOT / "SampleData" / "ophys.nwb", folder / "data" / "ophys.nwb")
    shutil.copy(ROOT / "SampleData" / "images.nwb", folder / "data" / "images.nwb")
    return folder


def test_a_critical_finding_fails_the_step_with_annotations_and_sarif(tmp_path: Path, wheel: Path) -> None:
    folder = workspace(tmp_path)
    status, printed, said = run_action(folder, {"paths": "data/ophys.nwb\ndata/images.nwb", "package": str(wheel),
                                                "sarif": "reports/nwbkit.sarif", "max-annotations": "3"})
    assert status == 1, printed
    assert "::error file=data/images.nwb,title=CRITICAL check_image_series_external_file_valid::" in printed
    annotations = [line for line in printed.splitlines() if line.startswith("::") and "file=" in line]
    assert len(annotations) == 3
    assert "1 more annotation not written (--max-annotations 3)" in printed
    assert said["sarif"] == "reports/nwbkit.sarif"
    log = json.loads((folder / "reports" / "nwbkit.sarif").read_text())
    results = log["runs"][0]["results"]
    assert {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results} == {
        "data/ophys.nwb", "data/images.nwb"}
    assert any(result["level"] == "error" for result in results)


def test_clean_files_pass_and_the_threshold_is_an_input(tmp_path: Path, wheel: Path) -> None:
    folder = workspace(tmp_path)
    status, printed, said = run_action(folder, {"paths": "data/ophys.nwb", "package": str(wheel)})
    assert status == 0, printed
    assert said["sarif"] == ""
    assert printed.rstrip().endswith("0 CRITICAL, 0 BEST_PRACTICE_VIOLATION, 2 BEST_PRACTICE_SUGGESTION")
    strict, printed, _ = run_action(folder, {"paths": "data/ophys.nwb", "package": str(wheel),
                                             "threshold": "BEST_PRACTICE_SUGGESTION"})
    assert strict == 1, printed
    none, printed, _ = run_action(folder, {"paths": " ", "package": str(wheel)})
    assert none == 2 and "::error title=nwbkit check::no paths given" in printed
