#!/usr/bin/env bash
# NWBKit benchmark, each part in one run on the same inputs:
#  1. `nwbkit summarize --format json` beside `h5ls -r`, `h5dump -H` and an h5py walk reading every
#     attribute, on generated files of 3,000 and 30,000 objects;
#  2. `nwbkit assets` and `nwbkit dandiset` on the corpus folder beside the dandi tool's extraction
#     (nwb2asset with DANDI_CACHE=ignore, then dandischema's aggregation) and a lindi-based walk like
#     the original generator's (when ../shared/corpus is there and `dandi` and `lindi` import).
# Needs hdf5-tools (h5ls, h5dump) and Python with SampleData/requirements.txt (+ `pip install dandi lindi`).
#
#   Benchmarks/run.sh                       # defaults: RUNS=11, COUNTS="3000 30000", CORPUS_RUNS=3
#   RUNS=21 COUNTS="3000" Benchmarks/run.sh
#   COUNTS="" Benchmarks/run.sh             # the corpus part only
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
COUNTS="${COUNTS-3000 30000}"
CORPUS="${CORPUS:-../shared/corpus}"
CORPUS_RUNS="${CORPUS_RUNS:-3}"
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
        --name "  same, in process (--jobs 0)" -- "$NWBKIT" summarize --format json --jobs 0 "$input" \
        --name "h5ls -r" -- h5ls -r "$input" \
        --name "h5dump -H" -- h5dump -H "$input" \
        --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py "$input"
done
echo
echo "### SampleData (5 files, text format)"
echo
python3 Benchmarks/compare.py --runs "$RUNS" \
    --name "nwbkit summarize" -- "$NWBKIT" summarize SampleData/behavior.nwb SampleData/ecephys.nwb SampleData/icephys.nwb SampleData/images.nwb SampleData/ophys.nwb \
    --name "  same, in process (--jobs 0)" -- "$NWBKIT" summarize --jobs 0 SampleData/behavior.nwb SampleData/ecephys.nwb SampleData/icephys.nwb SampleData/images.nwb SampleData/ophys.nwb \
    --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py SampleData/behavior.nwb SampleData/ecephys.nwb SampleData/icephys.nwb SampleData/images.nwb SampleData/ophys.nwb

if [ -d "$CORPUS" ] && python3 -c "import dandi, lindi" 2>/dev/null; then
    count=$(find "$CORPUS" -name '*.nwb' | wc -l)
    echo
    echo "### Corpus: $count NWB files (DANDI outputs)"
    echo
    # shellcheck disable=SC2046
    DANDI_CACHE=ignore python3 Benchmarks/compare.py --runs "$CORPUS_RUNS" \
        --name "nwbkit assets" -- "$NWBKIT" assets --quiet "$CORPUS" \
        --name "nwbkit summarize --format jsonl --jobs 1" -- "$NWBKIT" summarize --quiet --format jsonl --jobs 1 "$CORPUS" \
        --name "nwbkit summarize --format jsonl --jobs 2" -- "$NWBKIT" summarize --quiet --format jsonl --jobs 2 "$CORPUS" \
        --name "nwbkit dandiset (all types)" -- "$NWBKIT" dandiset --quiet --max-types 0 --max-files 0 "$CORPUS" \
        --name "dandi nwb2asset + aggregate" -- python3 Benchmarks/dandi_assets.py "$CORPUS" \
        --name "lindi walk (generator)" -- python3 Benchmarks/lindi_generator.py $(find "$CORPUS" -name '*.nwb' | sort)
fi
