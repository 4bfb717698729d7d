"""Runs nwbkit's pynwb usage scripts and checks what they state.

    python3 Tests/UsageScripts/run_scripts.py NWBKIT FILE...

For each file pynwb can open, writes the script (`nwbkit summarize --format pynwb FILE`), runs it under
pynwb, and compares every shape a line states (`VAR = …  # shape (…)`) with the shape of what VAR holds.
Prints one JSON object: {"checked": [...], "skipped": {file: why}, "failed": {file: why}, "shapes": n}.
Files pynwb cannot open are skipped, not failed: the script cannot do better than pynwb. A URL is not
tried first: its script streams it. Files are checked in as many processes as there are cores (forked
after pynwb is imported), their results kept in the order named. Exit 3 when pynwb is not installed.
"""
import ast
import json
import os
import re
import subprocess
import sys
import warnings

try:
    import numpy as np
    from pynwb import NWBHDF5IO
except ImportError:
    print("pynwb (PyPI) is not installed", file=sys.stderr)
    sys.exit(3)

warnings.simplefilter("ignore")
nwbkit, files = sys.argv[1], sys.argv[2:]
stated = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*) = .*  # (?:.*?, )?shape (\([0-9, ]*\))")
def check(path):
    """("checked" | "skipped" | "failed", path, why, shapes compared) of one file's script."""
    warnings.simplefilter("ignore")
    # A URL's script streams it (remfile): there is no local copy to try pynwb on first.
    if not path.startswith(("http://", "https://")):
        try:
            with NWBHDF5IO(path, mode="r", load_namespaces=True) as io:
                io.read()
        except Exception as error:  # pynwb cannot read it: nothing to compare with
            return "skipped", path, f"pynwb: {type(error).__name__}: {str(error)[:200]}", 0
    made = subprocess.run([nwbkit, "summarize", "--format", "pynwb", "--jobs", "0", path], capture_output=True, text=True)
    if made.returncode != 0:
        return "failed", path, f"nwbkit exit {made.returncode}: {made.stderr[:300]}", 0
    script = made.stdout
    namespace = {"__name__": "usage_script"}
    try:
        exec(compile(script, path + ".py", "exec"), namespace)
    except Exception as error:
        namespace.get("io") and namespace["io"].close()
        return "failed", path, f"the script raised {type(error).__name__}: {str(error)[:300]}", 0
    problems = []
    shapes = 0
    for line in script.splitlines():
        match = stated.match(line)
        if not match:
            continue
        variable, shape = match.group(1), ast.literal_eval(match.group(2))
        shapes += 1
        actual = tuple(np.shape(namespace[variable]))
        if actual != tuple(shape):
            problems.append(f"{variable}: stated {shape}, pynwb gives {actual}")
    namespace["io"].close()
    if problems:
        return "failed", path, "; ".join(problems[:5]), shapes
    return "checked", path, None, shapes


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "PythonSupport"))
from ordered_pool import ordered_map  # noqa: E402

answers = ordered_map(check, files)
result = {"checked": [], "skipped": {}, "failed": {}, "shapes": 0}
for kind, path, why, shapes in answers:
    result["shapes"] += shapes
    if kind == "checked":
        result["checked"].append(path)
    else:
        result[kind][path] = why
print(json.dumps(result, indent=1))
