#!/usr/bin/env bash
# NWBKit benchmark: `nwbkit summarize --format json` beside `h5ls -r`, `h5dump -H` and an h5py walk
# that reads every attribute, on the same files, in one run. Needs: hdf5-tools (h5ls, h5dump) and
# Python with the packages of SampleData/requirements.txt (to write the inputs and for the h5py peer).
#
#   Benchmarks/run.sh            # default: 3,000 and 30,000 objects, 11 runs each
#   RUNS=21 COUNTS="3000" Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
COUNTS="${COUNTS:-3000 30000}"
INPUTS=Benchmarks/inputs
mkdir -p "$INPUTS"
command -v h5ls >/dev/null || { echo "install hdf5-tools for h5ls and h5dump" >&2; exit 2; }

swift build -c release --product nwbkit >&2
NWBKIT="$(swift build -c release --show-bin-path)/nwbkit"

for count in $COUNTS; do
    input="$INPUTS/many-objects-$count.nwb"
    [ -f "$input" ] || python3 -W ignore SampleData/generate.py --many-objects "$input" --count "$count" >&2
    objects=$(h5ls -r "$input" | wc -l)
    echo
    echo "### $(basename "$input"): $objects links, $(stat -c %s "$input") bytes"
    echo
    python3 Benchmarks/compare.py --runs "$RUNS" \
        --name "nwbkit summarize --format json" -- "$NWBKIT" summarize --format json "$input" \
        --name "h5ls -r" -- h5ls -r "$input" \
        --name "h5dump -H" -- h5dump -H "$input" \
        --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py "$input"
done
echo
echo "### SampleData (5 files, text format)"
echo
python3 Benchmarks/compare.py --runs "$RUNS" \
    --name "nwbkit summarize" -- "$NWBKIT" summarize SampleData/behavior.nwb SampleData/ecephys.nwb SampleData/icephys.nwb SampleData/images.nwb SampleData/ophys.nwb \
    --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py SampleData/behavior.nwb SampleData/ecephys.nwb SampleData/icephys.nwb SampleData/images.nwb SampleData/ophys.nwb
