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
    package = Path(__file__).resolve().parents[1] / "nwbkit"
    import nwbkit

    installed = Path(nwbkit.__file__).resolve().parent
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER)
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(installed if installed.is_dir() else package), str(caller)],
        capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
