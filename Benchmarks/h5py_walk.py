#!/usr/bin/env python3
"""The h5py peer of the benchmarks: visit every object and read every attribute (metadata only). A URL
is read through remfile (`pip install remfile`), as in Benchmarks/remote.py."""
import sys

import h5py


def main():
    for path in sys.argv[1:]:
        source = path
        if path.startswith(("http://", "https://")):
            import remfile

            source = remfile.File(path)
        with h5py.File(source, "r") as f:
            count = 0

            def visit(name, obj):
                nonlocal count
                count += 1
                for key in obj.attrs:
                    try:
                        obj.attrs[key]
                    except Exception:
                        pass
                if isinstance(obj, h5py.Dataset):
                    obj.shape, obj.dtype, obj.chunks, obj.compression

            f.visititems(visit)
        print(path, count)


if __name__ == "__main__":
    main()
