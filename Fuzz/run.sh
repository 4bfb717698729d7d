#!/usr/bin/env bash
# Builds the libFuzzer target over the bytes NWBKit parses itself (Fuzz/Fuzz.swift) and runs it.
#   Fuzz/run.sh                  # short run: 30 s (what CI runs)
#   SECONDS_TO_RUN=3600 Fuzz/run.sh   # a long run; new findings land in .build-fuzz/findings/
#   FUZZ_RUNS=20000 FUZZ_SEED=1 Fuzz/run.sh   # a fixed number of inputs from a fixed seed (what the tests run)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${SECONDS_TO_RUN:-30}"
NWBKIT_FUZZ=1 swift build --scratch-path .build-fuzz --product NWBKitFuzz >&2
BIN="$(NWBKIT_FUZZ=1 swift build --scratch-path .build-fuzz --product NWBKitFuzz --show-bin-path)/NWBKitFuzz"
WORK=.build-fuzz/corpus
mkdir -p "$WORK" .build-fuzz/findings
cp -n Fuzz/corpus/* SampleData/rules.yaml "$WORK"/ 2>/dev/null || true
if [ -n "${FUZZ_RUNS:-}" ]; then
    # Deterministic: the committed seeds only (not the growing work folder), a fixed seed and count.
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    cp Fuzz/corpus/* SampleData/rules.yaml "$WORK"/
    "$BIN" -runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}" -max_len=4096 -timeout=10 -artifact_prefix=.build-fuzz/findings/ "$WORK"
else
    "$BIN" -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=10 -artifact_prefix=.build-fuzz/findings/ "$WORK"
fi
