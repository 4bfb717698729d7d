#!/usr/bin/env bash
# NWBKit benchmark, each part in one run on the same inputs:
#  1. `nwbkit summarize --format json` beside `h5ls -r`, `h5dump -H` and an h5py walk reading every
#     attribute, on generated files of 3,000 and 30,000 objects;
#  2. `nwbkit assets` and `nwbkit dandiset` on the corpus folder beside the dandi tool's extraction
#     (nwb2asset with DANDI_CACHE=ignore, then dandischema's aggregation) and a lindi-based walk like
#     the original generator's (when ../shared/corpus is there and `dandi` and `lindi` import);
#     `nwbkit check` on the corpus files beside nwbinspector (when `nwbinspector` is installed).
# Needs hdf5-tools (h5ls, h5dump) and Python with SampleData/requirements.txt (+ `pip install dandi lindi`).
#
#   Benchmarks/run.sh                       # defaults: RUNS=11, COUNTS="3000 30000", CORPUS_RUNS=3
#   RUNS=21 COUNTS="3000" Benchmarks/run.sh
#   COUNTS="" Benchmarks/run.sh             # the corpus part only
#   COUNTS="" CORPUS_PARTS=check Benchmarks/run.sh   # only nwbkit check beside nwbinspector
#   MIX=1 COUNTS="" CORPUS_PARTS="" BEFORE=old/nwbkit Benchmarks/run.sh   # part 4 only: a mix of sizes, jobs 1 and 2
#   SCALE=1 Benchmarks/run.sh               # also part 3, the scale benchmarks (about 10 minutes):
#      (a) one file of 100,000 objects (default: its walk split across the 2 cores), (b) a folder of 1,000
#      small files (with --jobs 1, --jobs 2, and --cache empty then warm), (c) time and peak memory at 1,000 / 10,000 / 100,000 objects, (e) one group of
#      100,000 links; the dandi tool's extraction beside `nwbkit assets` on (a) and (b) (one run: it takes
#      minutes); inputs are written by Benchmarks/generate_inputs.py (h5py).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-11}"
COUNTS="${COUNTS-3000 30000}"
CORPUS="${CORPUS:-../shared/corpus}"
CORPUS_RUNS="${CORPUS_RUNS:-3}"
CORPUS_PARTS="${CORPUS_PARTS-dandi check}"
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

if [[ " $CORPUS_PARTS " == *" dandi "* ]] && [ -d "$CORPUS" ] && python3 -c "import dandi, lindi" 2>/dev/null; then
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

if [[ " $CORPUS_PARTS " == *" check "* ]] && [ -d "$CORPUS" ] && command -v nwbinspector >/dev/null; then
    # The corpus folder also holds reference outputs named *.nwb.*, which nwbinspector's `*.nwb*` search
    # would try to open: both tools get a mirror of the 132 NWB files as symbolic links instead.
    mirror="$INPUTS/corpus-nwb"
    rm -rf "$mirror"
    (cd "$CORPUS" && find . -name '*.nwb' -not -path './reference/*') | while read -r file; do
        mkdir -p "$mirror/$(dirname "$file")"
        ln -s "$(cd "$CORPUS" && pwd)/$file" "$mirror/$file"
    done
    echo
    echo "### Checks: $(find "$mirror" -name '*.nwb' | wc -l) corpus files, nwbkit check beside nwbinspector $(nwbinspector --version 2>/dev/null | sed "s/.*version //")"
    echo
    python3 Benchmarks/compare.py --runs "$CORPUS_RUNS" \
        --name "nwbkit check --format json" -- "$NWBKIT" check --quiet --format json "$mirror" \
        --name "  same, --jobs 1" -- "$NWBKIT" check --quiet --format json --jobs 1 "$mirror" \
        --name "  same, --no-data-checks" -- "$NWBKIT" check --quiet --format json --no-data-checks "$mirror" \
        --name "nwbinspector --skip-validate" -- nwbinspector "$mirror" --skip-validate --progress-bar false \
        --name "nwbinspector --skip-validate --n-jobs 2" -- nwbinspector "$mirror" --skip-validate --progress-bar false --n-jobs 2 \
        --name "nwbinspector (with pynwb validation)" -- nwbinspector "$mirror" --progress-bar false
fi

if [ "${SCALE:-0}" = 1 ]; then
    SCALE_RUNS="${SCALE_RUNS:-3}"
    folder="$INPUTS/folder-1000"
    [ -d "$folder" ] || python3 Benchmarks/generate_inputs.py folder "$folder" 1000 >&2
    for count in 1000 10000 100000; do
        [ -f "$INPUTS/objects-$count.nwb" ] || python3 Benchmarks/generate_inputs.py objects "$INPUTS/objects-$count.nwb" "$count" >&2
    done
    wide="$INPUTS/wide-100000.nwb"
    [ -f "$wide" ] || python3 Benchmarks/generate_inputs.py wide "$wide" 100000 >&2
    big="$INPUTS/objects-100000.nwb"
    echo
    echo "### (a) One file of 100,000 objects ($(h5ls -r "$big" | wc -l) links)"
    echo
    python3 Benchmarks/compare.py --runs "$SCALE_RUNS" \
        --name "nwbkit summarize --format json" -- "$NWBKIT" summarize --format json "$big" \
        --name "  same, one worker (--jobs 1: no split walk)" -- "$NWBKIT" summarize --format json --jobs 1 "$big" \
        --name "  same, in process (--jobs 0)" -- "$NWBKIT" summarize --format json --jobs 0 "$big" \
        --name "nwbkit summarize (text)" -- "$NWBKIT" summarize "$big" \
        --name "h5ls -r" -- h5ls -r "$big" \
        --name "h5dump -H" -- h5dump -H "$big" \
        --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py "$big"
    echo
    python3 Benchmarks/compare.py --runs 1 \
        --name "nwbkit assets" -- "$NWBKIT" assets "$big" \
        --name "dandi nwb2asset + aggregate" -- python3 Benchmarks/dandi_assets.py "$big"
    files=$(find "$folder" -name '*.nwb' | sort)
    cache=$(mktemp -d)
    echo
    echo "### (b, d) A folder of 1,000 small files"
    echo
    # shellcheck disable=SC2086
    python3 Benchmarks/compare.py --runs "$SCALE_RUNS" \
        --name "nwbkit summarize --format jsonl --jobs 1" -- "$NWBKIT" summarize --quiet --format jsonl --jobs 1 "$folder" \
        --name "nwbkit summarize --format jsonl --jobs 2" -- "$NWBKIT" summarize --quiet --format jsonl --jobs 2 "$folder" \
        --name "nwbkit ... --jobs 2 --cache (empty: first run)" -- bash -c "rm -rf '$cache' && '$NWBKIT' summarize --quiet --format jsonl --jobs 2 --cache '$cache' '$folder'" \
        --name "nwbkit ... --jobs 2 --cache (warm: second run)" -- "$NWBKIT" summarize --quiet --format jsonl --jobs 2 --cache "$cache" "$folder" \
        --name "h5ls -r" -- h5ls -r $files \
        --name "h5dump -H" -- h5dump -H $files \
        --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py $files
    echo
    python3 Benchmarks/compare.py --runs 1 \
        --name "nwbkit assets" -- "$NWBKIT" assets "$folder" \
        --name "dandi nwb2asset + aggregate" -- python3 Benchmarks/dandi_assets.py "$folder"
    rm -rf "$cache"
    echo
    echo "### (c) Growth: time and peak memory by object count"
    echo
    for count in 1000 10000 100000; do
        echo "#### $count objects"
        echo
        python3 Benchmarks/compare.py --runs "$SCALE_RUNS" \
            --name "nwbkit summarize --format json --jobs 0" -- "$NWBKIT" summarize --format json --jobs 0 "$INPUTS/objects-$count.nwb" \
            --name "h5dump -H" -- h5dump -H "$INPUTS/objects-$count.nwb"
        echo
    done
    echo "### (e) One group of 100,000 links ($(h5ls -r "$wide" | wc -l) links)"
    echo
    python3 Benchmarks/compare.py --runs "$SCALE_RUNS" \
        --name "nwbkit summarize --format json" -- "$NWBKIT" summarize --format json "$wide" \
        --name "h5ls -r" -- h5ls -r "$wide" \
        --name "h5dump -H" -- h5dump -H "$wide" \
        --name "h5py visititems + attrs" -- python3 Benchmarks/h5py_walk.py "$wide"
fi

# Part 4 (MIX=1): 100 small files and one of ~9,000 objects that sorts last, --jobs 1 beside --jobs 2
# (workers take the largest files first). BEFORE=/path/to/an/older/nwbkit adds that binary's rows.
if [ "${MIX:-0}" = 1 ]; then
    mix="$INPUTS/mix"
    if [ ! -f "$mix/zz-large.nwb" ]; then
        python3 Benchmarks/generate_inputs.py folder "$mix" 100 >&2
        python3 Benchmarks/generate_inputs.py objects "$mix/zz-large.nwb" 9051 >&2
    fi
    before=()
    if [ -n "${BEFORE:-}" ]; then
        before=(--name "before --jobs 1" -- "$BEFORE" summarize --format jsonl --jobs 1 "$mix"
                --name "before --jobs 2" -- "$BEFORE" summarize --format jsonl --jobs 2 "$mix")
    fi
    echo
    echo "### Part 4: 100 small files and one large one last (jsonl)"
    echo
    python3 Benchmarks/compare.py --runs "${MIX_RUNS:-9}" "${before[@]}" \
        --name "nwbkit --jobs 1" -- "$NWBKIT" summarize --format jsonl --jobs 1 "$mix" \
        --name "nwbkit --jobs 2" -- "$NWBKIT" summarize --format jsonl --jobs 2 "$mix"
fi
