"""Schema validation's cost: `nwbkit check` with and without validation (`--no-validate`) on the same
files, paired in each round, beside pynwb's validator (`pynwb-validate`) and nwbinspector with and without
`--skip-validate` (each run once: they take far longer).

    python3 Benchmarks/validation.py NWBKIT FILE_OR_FOLDER... [--runs 5] [--nwbinspector PATH] [--pynwb-validate PATH]
"""
import argparse
import os
import statistics
import subprocess
import time

parser = argparse.ArgumentParser()
parser.add_argument("nwbkit")
parser.add_argument("inputs", nargs="+")
parser.add_argument("--runs", type=int, default=5)
parser.add_argument("--nwbinspector", default="nwbinspector")
parser.add_argument("--pynwb-validate", default="pynwb-validate")
arguments = parser.parse_args()

files = []
for item in arguments.inputs:
    if os.path.isdir(item):
        for folder, _, names in os.walk(item):
            files += [os.path.join(folder, name) for name in names if name.endswith(".nwb")]
    else:
        files.append(item)
files.sort()


def timed(command):
    began = time.monotonic()
    status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.monotonic() - began, status


with_validation, without = [], []
for _ in range(arguments.runs):
    with_validation.append(timed([arguments.nwbkit, "check", "--quiet", *files])[0])
    without.append(timed([arguments.nwbkit, "check", "--quiet", "--no-validate", *files])[0])
print(f"{len(files)} files, {arguments.runs} paired runs")
print("| tool | wall time (s) | runs |")
print("|---|---:|---:|")
print(f"| nwbkit check | {statistics.median(with_validation):.2f} (median) | {arguments.runs} |")
print(f"| nwbkit check --no-validate | {statistics.median(without):.2f} (median) | {arguments.runs} |")
ratio = statistics.median(with_validation) / statistics.median(without)
others = [
    ("pynwb-validate", [arguments.pynwb_validate, *files]),
    # nwbinspector reads one path: the folder (or file) as given.
    *[(f"nwbinspector {item}", [arguments.nwbinspector, item]) for item in arguments.inputs],
    *[(f"nwbinspector --skip-validate {item}", [arguments.nwbinspector, "--skip-validate", item]) for item in arguments.inputs],
]
for label, command in others:
    try:
        seconds, _ = timed(command)
        print(f"| {label} | {seconds:.2f} | 1 |")
    except FileNotFoundError:
        print(f"| {label} | not installed | |")
print(f"\nvalidation costs {ratio:.2f} x check --no-validate (target: at most 1.3)")
