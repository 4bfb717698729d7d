"""pynwb's validator on the files named (for SchemaValidationTests): one JSON object on stdout,
{"schema": [core folder, hdmf-common folder], "files": {path: {"errors": [...]} | {"failed": "..."}}}.
Files are validated in as many processes as there are cores (forked after pynwb is imported), their
results kept in the order named. Exits 3 when pynwb is not installed."""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")
try:
    import hdmf
    import pynwb
except ImportError as error:
    print(f"pynwb is not installed: {error}")
    sys.exit(3)

result = {
    "schema": [os.path.join(os.path.dirname(pynwb.__file__), "nwb-schema", "core"),
               os.path.join(os.path.dirname(hdmf.__file__), "common", "hdmf-common-schema", "common")],
    "files": {},
}


def validate(path):
    warnings.filterwarnings("ignore")
    try:
        errors = pynwb.validate(path=path)
        if isinstance(errors, tuple):
            errors = errors[0]
        return path, {"errors": [str(error) for error in errors]}
    except Exception as error:  # pynwb cannot read the file: said, not fatal
        return path, {"failed": f"{type(error).__name__}: {error}"[:300]}


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "PythonSupport"))
from ordered_pool import ordered_map  # noqa: E402

result["files"] = dict(ordered_map(validate, sys.argv[1:]))
print(json.dumps(result))
