"""Where the tests find SampleData: ``$NWBKIT_SAMPLEDATA``, else the checkout's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_data() -> Path:
    folder = Path(os.environ.get("NWBKIT_SAMPLEDATA", Path(__file__).resolve().parents[2] / "SampleData"))
    if not (folder / "ophys.nwb").is_file():
        pytest.skip(f"SampleData is not at {folder} (set NWBKIT_SAMPLEDATA)")
    return folder
