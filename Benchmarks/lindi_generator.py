#!/usr/bin/env python3
"""The lindi-based peer of `nwbkit dandiset`: per file, build the LINDI view as the original generator
does (LindiH5pyFile.from_hdf5_file) and print its structure lines (depth-first, sorted names, soft links
followed, typed groups and datasets, key lines under / and /general). Failures are counted."""
import sys
import warnings

warnings.filterwarnings("ignore")

import h5py  # noqa: E402
import lindi  # noqa: E402


def walk(group, path, out, depth=0):
    if depth > 64:
        return
    if "neurodata_type" in group.attrs:
        out.append(f"Group {path} ({group.attrs['neurodata_type']}) {group.attrs.get('description', '')}")
    for name in sorted(group.keys()):
        child = group[name]
        child_path = ("" if path == "/" else path) + "/" + name
        if isinstance(child, h5py.Group) or hasattr(child, "keys"):
            walk(child, child_path, out, depth + 1)
        else:
            if "neurodata_type" in child.attrs:
                out.append(
                    f"Dataset {child_path} ({child.attrs['neurodata_type']}) {child.attrs.get('description', '')}"
                    f" | shape = {child.shape} | dtype = {child.dtype}")
            parts = child_path.strip("/").split("/")
            if len(parts) == 1 or (len(parts) == 2 and parts[0] == "general"):
                out.append(f"{name}: {child[()]}")


def main():
    ok = failed = 0
    for path in sys.argv[1:]:
        try:
            f = lindi.LindiH5pyFile.from_hdf5_file(path)
            lines = []
            walk(f, "/", lines)
            ok += 1
        except Exception:
            failed += 1
    print(ok, "files,", failed, "failed")


if __name__ == "__main__":
    main()
