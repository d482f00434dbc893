#!/usr/bin/env bash
# Differential check of the engine against an independent reference of MODEL.md sections
# 4-6, 8 and 9 in exact arithmetic (reference.py, Python's Fraction): random scenarios and
# portfolios (gen.py, fixed seeds) run through both, and the deterministic files must agree
# to the cent (byte for byte, or within the contract's tolerance: a cent where the exact value
# lies on a half cent, which the engine decides from doubles).
#   Tests/reference/check.sh PATH/TO/groundwork [CASES] [v12]
# Batches: CASES/2 v1.1 scenarios (gen.py SETTINGS 1) and the rest v1.1 edge cases
# (SETTINGS 2); with a third argument `v12` (or GROUNDWORK_CHECK_V12=1) also a third batch of
# CASES/2 (at least 1) contract v1.2 scenarios (SETTINGS 3: funding shares, prices, actuals).
# Files compared: forecast, summary, rollout, pay, headline, and funding, prices, variance and
# outturn whenever the reference writes them; a file the reference does not write must not
# be written by the engine either. Without `v12` a missing funding.csv in the two v1.1
# batches is tolerated (a v1.1 engine does not write it) and reported on the last line.
# Exit 0 when all agree, 1 on a disagreement, 77 when PyYAML is missing (skipped).
set -u
engine=${1:?usage: check.sh PATH/TO/groundwork [CASES] [v12]}
cases=${2:-60}
v12=${3:-}
[ -z "$v12" ] && [ "${GROUNDWORK_CHECK_V12:-0}" != 0 ] && v12=v12
case "$v12" in ''|v12) ;; *) echo "check.sh: the third argument is 'v12' or nothing" >&2; exit 2;; esac
here=$(cd "$(dirname "$0")" && pwd)
python3 -c 'import yaml' 2>/dev/null || { echo "reference-check: SKIPPED: python3 with PyYAML is needed" >&2; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
half=$((cases / 2))
python3 "$here/gen.py" "$half" 20261130 "$work/a" >/dev/null
python3 "$here/gen.py" "$((cases - half))" 4496 "$work/b" 2 >/dev/null
batches="$work/a/* $work/b/*"
if [ -n "$v12" ]; then
  third=$((half > 0 ? half : 1))
  python3 "$here/gen.py" "$third" 1202 "$work/c" 3 >/dev/null
  batches="$batches $work/c/*"
fi
bad=0; n=0; nofunding=0
for c in $batches; do
  [ -d "$c" ] || continue
  n=$((n + 1))
  if ! "$engine" run "$c/case.yaml" --out "$c/out" --quiet >"$c/engine.log" 2>&1; then
    echo "reference-check: $c: the engine failed: $(head -c 300 "$c/engine.log")"; bad=$((bad + 1)); continue
  fi
  if ! python3 "$here/reference.py" "$c/case.yaml" --out "$c/expected" >"$c/ref.log" 2>&1; then
    echo "reference-check: $c: the reference failed: $(tail -1 "$c/ref.log")"; bad=$((bad + 1)); continue
  fi
  for f in forecast summary rollout pay headline funding prices variance outturn; do
    if [ ! -f "$c/expected/$f.csv" ]; then
      if [ -f "$c/out/$f.csv" ]; then
        echo "reference-check: $c/$f.csv is written by the engine, not by the reference ($(head -3 "$c/case.yaml" | tr '\n' ' '))"
        bad=$((bad + 1))
      fi
      continue
    fi
    if [ ! -f "$c/out/$f.csv" ]; then
      if [ "$f" = funding ] && [ -z "$v12" ] && [ "${c#"$work"/c/}" = "$c" ]; then
        nofunding=$((nofunding + 1)); continue
      fi
      echo "reference-check: $c/$f.csv is missing in the engine's output ($(head -3 "$c/case.yaml" | tr '\n' ' '))"
      bad=$((bad + 1)); continue
    fi
    cmp -s "$c/expected/$f.csv" "$c/out/$f.csv" && continue
    if ! python3 - "$c/expected/$f.csv" "$c/out/$f.csv" <<'PY'
import csv, sys
a, b = (list(csv.reader(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
# six-decimal ratios: one unit in the last place, unless an amount of the same row differs
# (by the contract's cent), which moves a ratio by up to 0.1% of it
RATIOS = {'rural_income', 'deflator', 'discount_factor', 'variance_pct', 'aggregate_outturn',
          'composition_variance'}
head = a[0] if a else []
def close(x, y, col, row_moved):
    if x == y: return True
    try: fx, fy = float(x), float(y)
    except ValueError: return False
    if col in RATIOS:
        return abs(fx - fy) <= 1.5e-6 + 1e-9 * abs(fx) + (1e-3 * max(1, abs(fx)) if row_moved else 0)
    return abs(fx - fy) <= 0.01 + 1e-9 * abs(fx)
def row_ok(r, s):
    if len(r) != len(s): return False
    moved = any(h not in RATIOS and x != y for h, x, y in zip(head, r, s))
    return all(close(x, y, h, moved) for h, x, y in zip(head, r, s))
ok = len(a) == len(b) and a[:1] == b[:1] and all(row_ok(r, s) for r, s in zip(a, b))
if not ok:
    if len(a) != len(b): print(f"  {len(a)} lines expected, {len(b)} found")
    for r, s in zip(a, b):
        if not row_ok(r, s):
            print(f"  expected {r}\n  actual   {s}"); break
sys.exit(0 if ok else 1)
PY
    then
      echo "reference-check: $c/$f.csv disagrees with the reference ($(head -3 "$c/case.yaml" | tr '\n' ' '))"; bad=$((bad + 1))
    fi
  done
done
note=''
[ "$nofunding" -gt 0 ] && note=" (funding.csv not written by the engine for $nofunding v1.1 scenarios, not compared)"
echo "reference-check: $n scenarios, $bad disagreements$note"
[ "$bad" -eq 0 ]
