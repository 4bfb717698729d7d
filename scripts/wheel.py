#!/usr/bin/env python3
"""Writes the nwbkit wheel (before auditwheel repairs it): the Python package of Python/nwbkit, the binary
as nwbkit/_bin/nwbkit, the `nwbkit` command (an entry point that runs the binary in its place), METADATA
from README.md and the version the binary reports. Standard library only.

    python3 scripts/wheel.py BINARY OUT_FOLDER   # prints the wheel's path
"""
import base64
import hashlib
import os
import platform
import stat
import subprocess
import sys
import zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary, out = sys.argv[1], sys.argv[2]
version = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.strip()
machine = platform.machine()
tag = f"py3-none-linux_{machine}" if sys.platform.startswith("linux") else f"py3-none-{sys.platform}_{machine}"
name = f"nwbkit-{version}"
dist_info = f"{name}.dist-info"
os.makedirs(out, exist_ok=True)
wheel_path = os.path.join(out, f"{name}-{tag}.whl")

with open(os.path.join(root, "README.md"), encoding="utf-8") as readme:
    description = readme.read()
metadata = f"""Metadata-Version: 2.1
Name: nwbkit
Version: {version}
Summary: What NWB (Neurodata Without Borders) files hold, DANDI metadata and best-practice checks, from a fast native tool.
License: BSD-3-Clause
Requires-Python: >=3.9
Keywords: NWB,neuroscience,HDF5,DANDI
Classifier: License :: OSI Approved :: BSD License
Classifier: Programming Language :: Python :: 3
Classifier: Operating System :: POSIX :: Linux
Classifier: Topic :: Scientific/Engineering
Classifier: Typing :: Typed
Description-Content-Type: text/markdown

{description}"""
wheel = f"""Wheel-Version: 1.0
Generator: nwbkit scripts/wheel.py
Root-Is-Purelib: false
Tag: {tag}
"""
entry_points = "[console_scripts]\nnwbkit = nwbkit.__main__:main\n"

records = []


def add(archive, arcname, data, executable=False):
    info = zipfile.ZipInfo(arcname, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    archive.writestr(info, data)
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    records.append(f"{arcname},sha256={digest},{len(data)}")


with zipfile.ZipFile(wheel_path, "w") as archive:
    package = os.path.join(root, "Python", "nwbkit")
    for file in sorted(os.listdir(package)):
        if file.endswith(".py") or file == "py.typed":
            with open(os.path.join(package, file), "rb") as source:
                add(archive, f"nwbkit/{file}", source.read())
    with open(binary, "rb") as source:
        add(archive, "nwbkit/_bin/nwbkit", source.read(), executable=True)
    add(archive, f"{dist_info}/METADATA", metadata.encode())
    add(archive, f"{dist_info}/WHEEL", wheel.encode())
    add(archive, f"{dist_info}/entry_points.txt", entry_points.encode())
    with open(os.path.join(root, "LICENSE"), "rb") as source:
        add(archive, f"{dist_info}/LICENSE", source.read())
    records.append(f"{dist_info}/RECORD,,")
    add_record = "\n".join(records) + "\n"
    info = zipfile.ZipInfo(f"{dist_info}/RECORD", date_time=(2026, 1, 1, 0, 0, 0))
    info.external_attr = (0o644 | stat.S_IFREG) << 16
    archive.writestr(info, add_record)
print(wheel_path)
