"""Writes nwbinspector's findings on ../shared/corpus as test data for NWBKit's parity test.

Run from the repository root:  python Tests/NWBCheckTests/Fixtures/nwbinspector/generate.py ../shared/corpus
Needs: pip install nwbinspector==0.7.2 (pynwb 4.2.0 was installed beside it when the committed file was made).
The corpus folder also holds reference outputs named *.nwb.*, which nwbinspector's `*.nwb*` search picks up
and cannot read; their messages are dropped here. Tracebacks (ERROR messages) are cut to their first line.
"""
import json
import os
import subprocess
import sys
import tempfile

import nwbinspector
import pynwb

corpus = os.path.abspath(sys.argv[1])
here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as scratch:
    report = os.path.join(scratch, "report.json")
    command = ["nwbinspector", ".", "--skip-validate", "--detailed", "--progress-bar", "false",
               "--json-file-path", report]
    subprocess.run(command, cwd=corpus, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(report) as handle:
        messages = json.load(handle)["messages"]

kept = []
for message in messages:
    path = message["file_path"]
    path = path[2:] if path.startswith("./") else path
    if path.startswith("reference/"):
        continue
    text = message["message"]
    if message["importance"] == "ERROR":
        text = text.strip().splitlines()[-1] if text.strip() else text
    kept.append({
        "check": message["check_function_name"].split(". ")[0] if message["importance"] == "ERROR"
        else message["check_function_name"],
        "importance": message["importance"],
        "file": path,
        "object_type": message["object_type"],
        "object_name": message["object_name"],
        "location": message["location"],
        "message": text,
    })

output = {
    "tool": "nwbinspector",
    "nwbinspector_version": nwbinspector.__version__,
    "pynwb_version": pynwb.__version__,
    "command": " ".join(command[:-2]) + " --json-file-path REPORT   (run in ../shared/corpus)",
    "messages": kept,
}
with open(os.path.join(here, "corpus.json"), "w") as handle:
    json.dump(output, handle, indent=0, sort_keys=True, ensure_ascii=False)
    handle.write("\n")
print(f"{len(kept)} messages from nwbinspector {nwbinspector.__version__}")
