"""The package's type hints, checked by mypy in strict mode (the package and a caller's code)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CALLER = '''
from pathlib import Path
import nwbkit

summaries: list[dict[str, object]] = nwbkit.summarize([Path("a.nwb"), "b.nwb"], jobs=2, quiet=True)
findings = nwbkit.check("a.nwb", rules=Path("rules.yaml"), select=["x"])
document: str = nwbkit.dandiset_document("DANDI:000001/draft", dandi_instance="dandi")
try:
    nwbkit.assets("a.nwb")
except nwbkit.NWBKitError as error:
    lines: list[str] = error.messages
'''


def test_mypy_strict(tmp_path: Path) -> None:
    pytest.importorskip("mypy", reason="mypy checks the type hints (pip install mypy)")
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER)
    # The package as installed (found through its py.typed), then a caller's code against its hints.
    for target in (["-p", "nwbkit"], [str(caller)]):
        run = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *target],
            capture_output=True, text=True, check=False, cwd=tmp_path,
        )
        assert run.returncode == 0, run.stdout + run.stderr
