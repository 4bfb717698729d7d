#!/usr/bin/env python3
"""Writes the scale benchmark's inputs with h5py (fast, no pynwb needed): NWB 2 layouts as pynwb
writes them (root attributes, session fields, subject, TimeSeries groups with data and attributes).

    python3 Benchmarks/generate_inputs.py objects OUT.nwb COUNT     # one file of about COUNT objects
    python3 Benchmarks/generate_inputs.py folder OUT_DIR FILES      # FILES small files (about 60 objects each)
    python3 Benchmarks/generate_inputs.py wide OUT.nwb COUNT        # one /acquisition group of COUNT links
"""
import os
import sys
import uuid

import h5py
import numpy as np

STR = h5py.string_dtype("utf-8")


def typed(obj, neurodata_type, namespace="core", **attrs):
    obj.attrs["neurodata_type"] = neurodata_type
    obj.attrs["namespace"] = namespace
    obj.attrs["object_id"] = str(uuid.UUID(int=hash((obj.name, neurodata_type)) & ((1 << 128) - 1)))
    for key, value in attrs.items():
        obj.attrs[key] = value


def nwb_file(path, series, name, wide=0):
    with h5py.File(path, "w") as f:
        typed(f, "NWBFile", nwb_version="2.7.0")
        for key, value in [("identifier", name), ("session_description", "benchmark input"),
                           ("session_start_time", "2024-01-01T00:00:00+00:00"),
                           ("timestamps_reference_time", "2024-01-01T00:00:00+00:00")]:
            f.create_dataset(key, data=value, dtype=STR)
        f.create_dataset("file_create_date", data=["2024-01-01T00:00:00+00:00"], dtype=STR)
        general = f.create_group("general")
        general.create_dataset("institution", data="Benchmark Institute", dtype=STR)
        general.create_dataset("experimenter", data=["Doe, Jane"], dtype=STR)
        subject = general.create_group("subject")
        typed(subject, "Subject")
        for key, value in [("subject_id", "bench"), ("species", "Mus musculus"), ("sex", "F"), ("age", "P90D")]:
            subject.create_dataset(key, data=value, dtype=STR)
        for folder in ("acquisition", "analysis", "stimulus", "stimulus/presentation", "stimulus/templates"):
            f.create_group(folder)
        # A wide group: every lookup by name must stay cheap, and its link names (1.6 MB of local heap at
        # 100,000) must not be read again for each of them.
        for index in range(wide):
            typed(f["acquisition"].create_group(f"series{index:06d}"), "TimeSeries", description=f"series {index}")
        module = f.create_group("processing/behavior")
        typed(module, "ProcessingModule", description="benchmark module")
        data = np.arange(4, dtype=np.float32)
        for index in range(series):
            group = module.create_group(f"series{index:06d}")
            typed(group, "TimeSeries", description=f"series {index}", comments="no comments")
            dataset = group.create_dataset("data", data=data)
            dataset.attrs["unit"] = "a.u."
            dataset.attrs["conversion"] = 1.0
            dataset.attrs["resolution"] = -1.0
            dataset.attrs["offset"] = 0.0
            start = group.create_dataset("starting_time", data=0.0)
            start.attrs["rate"] = 1.0
            start.attrs["unit"] = "seconds"


def main():
    kind, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "objects":
        nwb_file(out, max(1, (count - 20) // 3), os.path.basename(out))
    elif kind == "wide":
        nwb_file(out, 0, os.path.basename(out), wide=count)
    elif kind == "folder":
        os.makedirs(out, exist_ok=True)
        for index in range(count):
            nwb_file(os.path.join(out, f"sub-{index % 50:03d}_ses-{index:05d}.nwb"), 12, f"file{index}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
