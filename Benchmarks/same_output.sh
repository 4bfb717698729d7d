#!/usr/bin/env bash
# Prints the md5 of every summarize format, and of check/assets/types, for two nwbkit binaries on the
# same inputs, and says whether they are byte-identical: the check that a refactoring changed no output.
#   Benchmarks/same_output.sh OLD_BINARY NEW_BINARY PATH...
set -uo pipefail
old="$1"; new="$2"; shift 2
status=0
run() {
    local binary="$1"; shift
    "$binary" "$@" 2>/dev/null | md5sum | cut -d' ' -f1
}
for command in "summarize --format text" "summarize --format json" "summarize --format jsonl" \
    "summarize --format markdown" "check --format json" "assets" "types"; do
    # shellcheck disable=SC2086
    a=$(run "$old" $command "$@"); b=$(run "$new" $command "$@")
    if [ "$a" = "$b" ]; then same="same"; else same="DIFFERENT"; status=1; fi
    printf '%-28s %s %s %s\n' "$command" "$a" "$b" "$same"
done
exit $status
