"""``python -m nwbkit ARGS…`` and the ``nwbkit`` command the wheel installs: the bundled binary, run in
this process's place (same arguments, standard streams, exit status and signals)."""

from __future__ import annotations

import os
import sys

from ._errors import NWBKitError
from ._runner import binary_path


def main() -> None:
    try:
        binary = binary_path()
    except NWBKitError as error:
        print(f"nwbkit: {error}", file=sys.stderr)
        sys.exit(2)
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
