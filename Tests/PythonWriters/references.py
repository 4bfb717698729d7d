"""Writes an NWB-like file with region references and dimension scales, with h5py (for ReferenceValueTests):
python3 references.py OUT.nwb. Exits 3 without h5py."""
import sys

try:
    import h5py
    import numpy
except ImportError as error:
    print(f"h5py is not installed: {error}")
    sys.exit(3)

with h5py.File(sys.argv[1], "w") as f:
    f.attrs["nwb_version"] = "2.7.0"
    f.attrs["neurodata_type"] = "NWBFile"
    f.attrs["namespace"] = "core"
    table = f.create_dataset("electrodes", data=numpy.arange(10, dtype="int64"))
    # Rows 0 and 2 (a point selection), rows 3 to 5 (a hyperslab), and all rows.
    refs = f.create_dataset("regions", (3,), dtype=h5py.regionref_dtype)
    refs[0] = table.regionref[[0, 2]]
    refs[1] = table.regionref[3:6]
    refs[2] = table.regionref[...]
    f.attrs["rows"] = table.regionref[[0, 2]]
    # A dimension scale attached to a dataset's first dimension.
    data = f.create_dataset("data", data=numpy.zeros((4, 2)))
    timestamps = f.create_dataset("timestamps", data=numpy.arange(4.0))
    timestamps.make_scale("time")
    data.dims[0].attach_scale(timestamps)
print("written")
