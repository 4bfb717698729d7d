"""The Python API over the bundled binary: each function against the command line's own output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import nwbkit

SAMPLES = ["behavior.nwb", "ecephys.nwb", "icephys.nwb", "images.nwb", "ophys.nwb"]


def cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([nwbkit.binary_path(), *arguments], capture_output=True, text=True, check=False)


def test_version_is_the_binarys() -> None:
    assert nwbkit.__version__ == cli("--version").stdout.strip()
    assert nwbkit.__version__.count(".") == 2


def test_summarize_equals_the_command_line(sample_data: Path) -> None:
    files = [sample_data / name for name in SAMPLES]
    summaries = nwbkit.summarize(files)
    expected = [json.loads(line) for line in cli("summarize", "--format", "jsonl", *map(str, files)).stdout.splitlines()]
    assert summaries == expected
    assert [summary["path"] for summary in summaries] == [str(path) for path in files]
    ophys = summaries[-1]
    assert ophys["subject"]["species"] == "Mus musculus"
    # One path, as str or PathLike.
    assert nwbkit.summarize(str(files[-1])) == [ophys]


def test_a_folder_and_options(sample_data: Path, tmp_path: Path) -> None:
    summaries = nwbkit.summarize(sample_data / "ophys.nwb", jobs=1, max_objects=10, quiet=True)
    assert summaries[0]["isIncomplete"]
    cache = tmp_path / "cache"
    first = nwbkit.summarize(sample_data / "ecephys.nwb", cache=cache)
    assert cache.is_dir() and first == nwbkit.summarize(sample_data / "ecephys.nwb", cache=cache)


def test_a_failure_names_the_input_and_keeps_the_rest(sample_data: Path) -> None:
    with pytest.raises(nwbkit.NWBKitError) as raised:
        nwbkit.summarize([sample_data / "bad" / "not-nwb.h5", sample_data / "ophys.nwb", "/nonexistent.nwb"])
    error = raised.value
    assert error.status == 1
    assert len(error.messages) == 2
    assert error.messages[0].startswith(f"{sample_data / 'bad' / 'not-nwb.h5'}: an HDF5 file, but not NWB")
    assert error.messages[1] == "/nonexistent.nwb: no such file or folder"
    assert [summary["path"] for summary in error.partial] == [str(sample_data / "ophys.nwb")]


def test_an_input_that_starts_with_a_dash_is_a_path(sample_data: Path, tmp_path: Path) -> None:
    shutil.copy(sample_data / "ophys.nwb", tmp_path / "-odd.nwb")
    previous = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert nwbkit.summarize("-odd.nwb")[0]["path"] == "-odd.nwb"
    finally:
        os.chdir(previous)


def test_iter_summaries_streams_and_stops_early(sample_data: Path) -> None:
    stream = nwbkit.iter_summaries(sample_data, include=["*.h5"], quiet=True)
    first = next(stream)
    assert first["path"].startswith(str(sample_data))
    stream.close()  # the tool is stopped, nothing raised
    everything = list(nwbkit.iter_summaries([sample_data / name for name in SAMPLES]))
    assert len(everything) == 5


def test_assets_and_types(sample_data: Path) -> None:
    files = [sample_data / name for name in SAMPLES]
    summary = nwbkit.assets(files)
    assert summary == json.loads(cli("assets", *map(str, files)).stdout)
    assert summary["numberOfFiles"] == 5
    assert {"name": "Mus musculus - House mouse", "identifier": "http://purl.obolibrary.org/obo/NCBITaxon_10090",
            "schemaKey": "SpeciesType"} in summary["species"]
    grouped = nwbkit.types(files)
    assert grouped["filesConsidered"] == 5 and len(grouped["types"]) == 5


def test_check_returns_findings_and_never_raises_for_them(sample_data: Path) -> None:
    findings = nwbkit.check([sample_data / "images.nwb", sample_data / "bad" / "corrupt-truncated.nwb"])
    levels = {(finding["check"], finding["importance"]) for finding in findings}
    assert ("nwbkit_file_readable", "CRITICAL") in levels
    assert findings[0]["importance"] == "CRITICAL"
    assert nwbkit.check(sample_data / "ophys.nwb", select="check_subject_exists") == []
    with pytest.raises(nwbkit.NWBKitError) as raised:
        nwbkit.check(sample_data / "ophys.nwb", select="no_such_check")
    assert raised.value.status == 2
    assert "unknown check 'no_such_check'" in str(raised.value)


def test_dandiset_document_and_diff(sample_data: Path) -> None:
    document = nwbkit.dandiset_document(sample_data / "ophys.nwb", id="000001")
    assert document == cli("dandiset", "--id", "000001", str(sample_data / "ophys.nwb")).stdout
    assert "000001" in document
    same = nwbkit.diff(sample_data / "ophys.nwb", sample_data / "ophys.nwb")
    assert same["files"][0]["changes"] == []
    changed = nwbkit.diff(sample_data / "ophys.nwb", sample_data / "ecephys.nwb")
    assert {"kind": "added", "path": "/acquisition/ElectricalSeries"}.items() <= changed["files"][0]["changes"][0].items()
    with pytest.raises(nwbkit.NWBKitError, match="no such file or folder"):
        nwbkit.diff(sample_data / "ophys.nwb", "/nonexistent.nwb")


def test_usage_script(sample_data: Path) -> None:
    script = nwbkit.usage_script(sample_data / "ophys.nwb")
    assert script == cli("summarize", "--format", "pynwb", str(sample_data / "ophys.nwb")).stdout
    assert "Fluorescence = ophys['Fluorescence']" in script
    with pytest.raises(nwbkit.NWBKitError, match="no such file or folder"):
        nwbkit.usage_script("/nonexistent.nwb")


def test_the_command_runs_the_binary(sample_data: Path) -> None:
    # `python -m nwbkit` is what the installed `nwbkit` command runs: same output, same exit status.
    run = subprocess.run([sys.executable, "-m", "nwbkit", "summarize", str(sample_data / "bad")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stderr == cli("summarize", str(sample_data / "bad")).stderr
