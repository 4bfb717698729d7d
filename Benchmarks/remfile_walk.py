"""Walks a remote HDF5 file with h5py over remfile, reading every object's attributes (the peer of
`nwbkit summarize URL` in Benchmarks/remote.py).   python3 Benchmarks/remfile_walk.py URL"""
import sys

import h5py
import remfile

with h5py.File(remfile.File(sys.argv[1]), "r") as handle:
    count = 0

    def visit(name, item):
        global count
        count += 1
        for key in item.attrs:
            try:
                item.attrs[key]
            except Exception:
                pass

    handle.visititems(visit)
print(count)
