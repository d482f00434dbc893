#!/usr/bin/env bash
# Differential check of the engine against an independent reference of MODEL.md sections
# 4.1-4.5, 5 and 8 in exact arithmetic (reference.py, Python's Fraction): random scenarios and
# portfolios (gen.py, fixed seeds) run through both, and the five deterministic files must agree
# to the cent (byte for byte, or within the contract's tolerance: a cent where the exact value
# lies on a half cent, which the engine decides from doubles).
#   Tests/reference/check.sh PATH/TO/groundwork [CASES]
# Exit 0 when all agree, 1 on a disagreement, 77 when PyYAML is missing (skipped).
set -u
engine=${1:?usage: check.sh PATH/TO/groundwork [CASES]}
cases=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
python3 -c 'import yaml' 2>/dev/null || { echo "reference-check: SKIPPED: python3 with PyYAML is needed" >&2; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
half=$((cases / 2))
python3 "$here/gen.py" "$half" 20261130 "$work/a" >/dev/null
python3 "$here/gen.py" "$((cases - half))" 4496 "$work/b" 2 >/dev/null
bad=0; n=0
for c in "$work"/a/* "$work"/b/*; do
  n=$((n + 1))
  if ! "$engine" run "$c/case.yaml" --out "$c/out" --quiet >"$c/engine.log" 2>&1; then
    echo "reference-check: $c: the engine failed: $(head -c 300 "$c/engine.log")"; bad=$((bad + 1)); continue
  fi
  if ! python3 "$here/reference.py" "$c/case.yaml" --out "$c/expected" >"$c/ref.log" 2>&1; then
    echo "reference-check: $c: the reference failed: $(tail -1 "$c/ref.log")"; bad=$((bad + 1)); continue
  fi
  for f in forecast summary rollout pay headline; do
    cmp -s "$c/expected/$f.csv" "$c/out/$f.csv" && continue
    if ! python3 - "$c/expected/$f.csv" "$c/out/$f.csv" <<'PY'
import csv, sys
a, b = (list(csv.reader(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
def close(x, y):
    if x == y: return True
    try: return abs(float(x) - float(y)) <= 0.01 + 1e-9 * abs(float(x))
    except ValueError: return False
ok = len(a) == len(b) and all(len(r) == len(s) and all(close(x, y) for x, y in zip(r, s)) for r, s in zip(a, b))
if not ok:
    for r, s in zip(a, b):
        if r != s and not all(close(x, y) for x, y in zip(r, s)):
            print(f"  expected {r}\n  actual   {s}"); break
sys.exit(0 if ok else 1)
PY
    then
      echo "reference-check: $c/$f.csv disagrees with the reference ($(head -3 "$c/case.yaml" | tr '\n' ' '))"; bad=$((bad + 1))
    fi
  done
done
echo "reference-check: $n scenarios, $bad disagreements"
[ "$bad" -eq 0 ]
