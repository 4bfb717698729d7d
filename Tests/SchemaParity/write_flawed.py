"""Writes NWB files with one schema violation each, with h5py, from SampleData/ecephys.nwb (for
SchemaValidationTests): python3 write_flawed.py SAMPLEDATA OUT_FOLDER. Exits 3 without h5py."""
import os
import shutil
import sys

try:
    import h5py
    import numpy
except ImportError as error:
    print(f"h5py is not installed: {error}")
    sys.exit(3)

sample, out = sys.argv[1], sys.argv[2]


def copy(name):
    path = os.path.join(out, name + ".nwb")
    shutil.copy(os.path.join(sample, "ecephys.nwb"), path)
    os.chmod(path, 0o644)
    return h5py.File(path, "r+")


# missing: the series' data loses its required `unit` attribute
with copy("missing-unit") as f:
    del f["acquisition/ElectricalSeries/data"].attrs["unit"]
# missing: a required dataset (the series' data) removed
with copy("missing-data") as f:
    del f["acquisition/ElectricalSeries/data"]
# dtype: `conversion` (float32) stored as text
with copy("dtype-conversion") as f:
    f["acquisition/ElectricalSeries/data"].attrs["conversion"] = "one"
# shape: `experimenter` (an array) stored as one string
with copy("shape-experimenter") as f:
    del f["general/experimenter"]
    f["general"].create_dataset("experimenter", data="Doe, Jane", dtype=h5py.string_dtype())
# value: a session start time without its time zone
with copy("value-timezone") as f:
    del f["session_start_time"]
    f.create_dataset("session_start_time", data="2024-03-14T09:26:53", dtype=h5py.string_dtype())
print("written")
