#!/usr/bin/env bash
# Differential check of the engine's `sweep` and `solve` (MODEL.md section 10) against the
# exact reference (sweep.py on reference.py): random scenarios (gen.py: half SETTINGS 1, half
# SETTINGS 3), each with one random sweep and one random solve (gen_sweep.py: one or two small
# grids; a solve grid of up to 4097 values whose target flips inside it, or fails at the safe
# end). Both must fail together, or write the same sweep.csv / solve.csv: grid values as exact
# decimals (150000 = 150000.0), figures to the cent (a cent where the exact value lies on a
# half cent).
#   Tests/reference/check-sweep.sh PATH/TO/groundwork [CASES]
# (Tests/reference/as-engine.sh in place of the engine checks the script itself.)
# Exit 0 when all agree, 1 on a disagreement, 77 when PyYAML is missing (skipped).
set -u
engine=${1:?usage: check-sweep.sh PATH/TO/groundwork [CASES]}
cases=${2:-20}
case "$engine" in */*) engine=$(cd "$(dirname "$engine")" && pwd)/$(basename "$engine");; esac
here=$(cd "$(dirname "$0")" && pwd)
export PYTHONDONTWRITEBYTECODE=1   # gen_sweep.py and sweep.py import reference.py
python3 -c 'import yaml' 2>/dev/null || { echo "sweep-check: SKIPPED: python3 with PyYAML is needed" >&2; exit 77; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
half=$((cases / 2))
python3 "$here/gen.py" "$half" 1010 "$work/a" >/dev/null
python3 "$here/gen.py" "$((cases - half))" 1012 "$work/b" 3 >/dev/null
bad=0; n=0; runs=0; errors=0; i=0
for c in "$work"/a/* "$work"/b/*; do
  [ -d "$c" ] || continue
  n=$((n + 1)); i=$((i + 1))
  if ! python3 "$here/gen_sweep.py" "$c" "$((7000 + i))" >"$c/gen.log" 2>&1; then
    echo "sweep-check: $c: the reference failed on the scenario: $(tail -1 "$c/gen.log")"; bad=$((bad + 1)); continue
  fi
  for cmd in sweep solve; do
    runs=$((runs + 1))
    mapfile -t args <"$c/$cmd.args"
    what="$cmd ${args[*]}"
    (cd "$c" && "$engine" "$cmd" "${args[@]}" --out "out-$cmd") >"$c/engine-$cmd.log" 2>&1; erc=$?
    (cd "$c" && python3 "$here/sweep.py" "$cmd" "${args[@]}" --out "ref-$cmd") >"$c/ref-$cmd.log" 2>&1; rrc=$?
    if [ "$rrc" -ne 0 ]; then
      if [ "$erc" -eq 0 ]; then
        echo "sweep-check: $c: the engine accepts what the reference rejects: $what"
        echo "  reference: $(tail -1 "$c/ref-$cmd.log")"; bad=$((bad + 1))
      elif [ -f "$c/out-$cmd/$cmd.csv" ]; then
        echo "sweep-check: $c: the engine failed but wrote $cmd.csv: $what"; bad=$((bad + 1))
      else
        errors=$((errors + 1))
      fi
      continue
    fi
    if [ "$erc" -ne 0 ]; then
      echo "sweep-check: $c: the engine failed: $what"
      echo "  engine: $(head -c 300 "$c/engine-$cmd.log")"; bad=$((bad + 1)); continue
    fi
    if [ ! -f "$c/out-$cmd/$cmd.csv" ]; then
      echo "sweep-check: $c: the engine wrote no $cmd.csv: $what"; bad=$((bad + 1)); continue
    fi
    cmp -s "$c/ref-$cmd/$cmd.csv" "$c/out-$cmd/$cmd.csv" && continue
    if ! python3 - "$c/ref-$cmd/$cmd.csv" "$c/out-$cmd/$cmd.csv" <<'PY'
import csv, sys
from decimal import Decimal, InvalidOperation
a, b = (list(csv.reader(open(p, encoding='utf-8'))) for p in sys.argv[1:3])
head = a[0]
if 'parameter' in head:                       # solve.csv
    exact = {'value', 'next_value'}
else:                                         # sweep.csv: the grid columns
    exact = set(head[1:head.index('total')])
def dec(x):
    try: return Decimal(x)
    except InvalidOperation: return None
def close(col, x, y):
    if x == y: return True
    if x == '' or y == '': return False
    if col in exact:
        return dec(x) is not None and dec(x) == dec(y)
    if col == 'target':
        px, py = x.split('<='), y.split('<=')
        return len(px) == len(py) == 2 and px[0] == py[0] and dec(px[1]) is not None and dec(px[1]) == dec(py[1])
    try: fx, fy = float(x), float(y)
    except ValueError: return False
    if col.endswith('breach_year') or col == 'venues_deferred':
        return fx == fy
    return abs(fx - fy) <= 0.01 + 1e-9 * abs(fx)
def row_ok(r, s):
    return len(r) == len(s) and all(close(h, x, y) for h, x, y in zip(head, r, s))
ok = len(a) == len(b) and a[0] == b[0] and all(row_ok(r, s) for r, s in zip(a[1:], b[1:]))
if not ok:
    if len(a) != len(b): print(f"  {len(a)} lines expected, {len(b)} found")
    if a[0] != b[0]: print(f"  header expected {a[0]}\n  header actual   {b[0]}")
    for r, s in zip(a[1:], b[1:]):
        if not row_ok(r, s):
            print(f"  expected {r}\n  actual   {s}"); break
sys.exit(0 if ok else 1)
PY
    then
      echo "sweep-check: $c/$cmd.csv disagrees with the reference: $what"; bad=$((bad + 1))
    fi
  done
done
echo "sweep-check: $n scenarios, $runs commands ($errors errors on both sides), $bad disagreements"
[ "$bad" -eq 0 ]
