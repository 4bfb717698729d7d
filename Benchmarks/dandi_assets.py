#!/usr/bin/env python3
"""The dandi tool's peer of `nwbkit assets`: nwb2asset on every file (cache off), then dandischema's
aggregation. Files the dandi tool cannot read are counted and skipped, as `dandi upload` would."""
import os
import sys

os.environ.setdefault("DANDI_CACHE", "ignore")

import logging  # noqa: E402
import warnings  # noqa: E402

warnings.filterwarnings("ignore")
logging.disable(logging.CRITICAL)

from dandi.metadata.nwb import nwb2asset  # noqa: E402
from dandischema.metadata import aggregate_assets_summary  # noqa: E402


def files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in sorted(names):
                    if name.endswith(".nwb"):
                        yield os.path.join(root, name)
        else:
            yield path


def main():
    assets, failed = [], 0
    for path in files(sys.argv[1:]):
        try:
            assets.append(nwb2asset(path).model_dump(mode="json", exclude_none=True))
        except Exception:
            failed += 1
    summary = aggregate_assets_summary(assets)
    print(len(assets), "assets,", failed, "failed;", summary.get("numberOfFiles"), "files in summary")


if __name__ == "__main__":
    main()
