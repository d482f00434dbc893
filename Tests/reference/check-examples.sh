#!/usr/bin/env bash
# Runs the exact reference (reference.py) on the worked examples of the contract and checks
# that it writes every file of examples/expected/NAME/ byte for byte (the Monte Carlo files
# *_quantiles.csv and envelope_risk.csv excepted: the reference is deterministic only).
# The examples were computed in exact arithmetic, as the reference computes, so no
# half-cent tolerance is needed: any difference is a mismatch.
#   Tests/reference/check-examples.sh [EXAMPLES_DIR] [NAME...]
# EXAMPLES_DIR defaults to $GROUNDWORK_EXAMPLES or /work/shared/examples; NAME defaults to
# every NAME.yaml there with an expected/NAME/ folder.
# Exit 0 when all agree, 1 on a mismatch, 77 when PyYAML is missing (skipped).
set -u
here=$(cd "$(dirname "$0")" && pwd)
default=/work/shared/examples; [ -d "$default" ] || default="$(cd "$(dirname "$0")/../GroundworkTests/Fixtures/examples" && pwd)"
ex=${1:-${GROUNDWORK_EXAMPLES:-$default}}
[ $# -gt 0 ] && shift
[ -d "$ex/expected" ] || { echo "check-examples: no $ex/expected" >&2; exit 2; }
python3 -c 'import yaml' 2>/dev/null || { echo "check-examples: SKIPPED: python3 with PyYAML is needed" >&2; exit 77; }
if [ $# -gt 0 ]; then names="$*"; else
  names=$(for d in "$ex"/expected/*/; do s=$(basename "$d"); [ -f "$ex/$s.yaml" ] && echo "$s"; done)
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fail=0
for s in $names; do
  if ! python3 "$here/reference.py" "$ex/$s.yaml" --out "$work/$s" >"$work/$s.log" 2>&1; then
    echo "FAIL $s: the reference failed: $(tail -1 "$work/$s.log")"; fail=1; continue
  fi
  bad=0; n=0; skipped=''
  for f in "$ex/expected/$s"/*.csv; do
    b=$(basename "$f")
    case "$b" in *_quantiles.csv|envelope_risk.csv) skipped="$skipped $b"; continue;; esac
    n=$((n + 1))
    if [ ! -f "$work/$s/$b" ]; then
      echo "  $s/$b: not written by the reference"; bad=1; continue
    fi
    if ! cmp -s "$f" "$work/$s/$b"; then
      echo "  $s/$b differs (expected <, reference >):"
      diff "$f" "$work/$s/$b" | head -10 | sed 's/^/    /'
      bad=1
    fi
  done
  if [ "$bad" -eq 0 ]; then
    echo "ok   $s ($n files byte for byte${skipped:+; Monte Carlo not compared:$skipped})"
  else
    echo "FAIL $s"; fail=1
  fi
done
exit $fail
