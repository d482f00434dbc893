#!/usr/bin/env bash
# A STAND-IN for the groundwork binary, for testing the Slurm PLUMBING only (deploy/slurm/:
# the cluster, the array and merge jobs, submit.sh, check-slurm.sh) before the real engine
# has `run --shard` and `merge`. It computes nothing of the budget model.
#
#   fake-groundwork.sh run SCENARIO... [--shard I/N] --out DIR [--quiet] [--threads K]
#                      [--report] [--xlsx] [--excel]
#   fake-groundwork.sh merge SHARD_DIR... --out DIR [--report] [--xlsx]
#
# It mimics the real contract in shape: the "model" is 7 counties x 5 years per scenario
# whose amounts (cents) derive from the SHA-256 of the scenario files. `run --shard I/N`
# writes a shard directory: shard.txt (header: scenario hash, N, I), rows.csv (the rows of its
# contiguous block of counties) and totals.csv (its partial totals per scenario and year).
# `merge` checks that the shards are the complete set of one run (same hash and N, every I
# from 0 to N-1 exactly once, in any order on the command line), concatenates the rows in
# shard order, sums the partial totals, and writes the same files as a plain `run`:
# forecast.csv, summary.csv, manifest.json (the only file that differs: it holds the command
# line), report.html with --report, workbook.xlsx (not a real one) with --xlsx. Outputs are
# written to a temporary folder and renamed into DIR, like the engine.
#
# Unknown options are errors (exit 2), so a plumbing mistake shows. For failure tests:
# FAKE_GROUNDWORK_FAIL_SHARD=I makes `run --shard I/N` exit 3; FAKE_GROUNDWORK_SLEEP=S sleeps
# S seconds in every shard (to see tasks run side by side); FAKE_GROUNDWORK_CORRUPT_MERGE=1
# makes `merge` add a line to summary.csv (the check must then report a difference).
set -euo pipefail

prog=fake-groundwork
die() { echo "$prog: error: $*" >&2; exit 2; }
counties=7
years="2014 2015 2016 2017 2018"

[ $# -ge 1 ] || die "usage: $prog run|merge ..."
cmd=$1; shift
argv=("$cmd" "$@")

# hash of the scenario files, in command-line order, and their names
scen_hash() { local f; for f in "$@"; do sha256sum <"$f" | cut -c1-64; done | sha256sum | cut -c1-16; }

# rows FROM TO SCENARIO...: forecast rows of counties [FROM, TO) as scenario,county,year,cents
rows() {
  local from=$1 to=$2; shift 2
  local f name h seed c y
  for f in "$@"; do
    name=$(basename "$f"); name=${name%.yaml}; name=${name%.yml}
    h=$(sha256sum <"$f" | cut -c1-7)
    seed=$((16#$h))
    for ((c = from; c < to; c++)); do
      for y in $years; do
        echo "$name,county-$((c + 1)),$y,$(( (seed + (c + 1) * 7919 + y * 104729 + c * y) % 50000000 + 100 ))"
      done
    done
  done
}
# totals: from rows on stdin, scenario,year,cents summed (every scenario x year present)
totals() { awk -F, '{ k = $1 "," $3; if (!(k in t)) { o[++n] = k; t[k] = 0 } t[k] += $4 } END { for (i = 1; i <= n; i++) print o[i] "," t[o[i]] }'; }
# sum_totals: partial totals (scenario,year,cents) on stdin summed per scenario and year
sum_totals() { awk -F, '{ k = $1 "," $2; if (!(k in t)) { o[++n] = k; t[k] = 0 } t[k] += $3 } END { for (i = 1; i <= n; i++) print o[i] "," t[o[i]] }'; }
yuan() { awk -F, -v OFS=, -v col="$1" '{ c = $col; $col = sprintf("%d.%02d", int(c / 100), c % 100); print }'; }

# finalize TMP ROWS TOTALS HASH REPORT XLSX: the files of a plain run into TMP
finalize() {
  local tmp=$1 rows_f=$2 totals_f=$3 hash=$4 report=$5 xlsx=$6
  { echo "scenario,county,year,amount"; yuan 4 <"$rows_f"; } >"$tmp/forecast.csv"
  { echo "scenario,year,total"; yuan 3 <"$totals_f"; } >"$tmp/summary.csv"
  if [ -n "$report" ]; then
    { echo "<!doctype html><title>fake report</title><pre>"; cat "$tmp/summary.csv"; echo "</pre>"; } >"$tmp/report.html"
  fi
  if [ -n "$xlsx" ]; then
    { echo "fake workbook (not a real xlsx) for scenarios $hash"; cat "$tmp/summary.csv"; } >"$tmp/workbook.xlsx"
  fi
  local q a
  q=""; for a in "${argv[@]}"; do q+="${q:+, }\"${a//\"/\\\"}\""; done
  printf '{"engine": "fake-groundwork (plumbing test stand-in)", "scenarios": "%s", "command": [%s]}\n' \
    "$hash" "$q" >"$tmp/manifest.json"
}
# install TMP DIR: rename TMP into DIR (replacing an earlier output)
install_out() {
  local tmp=$1 out=$2
  rm -rf "$out.old.$$"
  [ -e "$out" ] && mv "$out" "$out.old.$$"
  mv "$tmp" "$out"
  rm -rf "$out.old.$$"
}

case $cmd in
  run)
    scenarios=(); shard=""; out=""; report=""; xlsx=""; quiet=""; threads=1
    while [ $# -gt 0 ]; do
      case $1 in
        --shard) [ $# -ge 2 ] || die "--shard needs I/N"; shard=$2; shift 2 ;;
        --out) [ $# -ge 2 ] || die "--out needs DIR"; out=$2; shift 2 ;;
        --threads) [ $# -ge 2 ] || die "--threads needs K"; threads=$2; shift 2
          case $threads in ''|*[!0-9]*|0) die "--threads must be a positive whole number" ;; esac ;;
        --quiet) quiet=1; shift ;;
        --report) report=1; shift ;;
        --xlsx) xlsx=1; shift ;;
        --excel) shift ;;
        -*) die "run: unknown option $1" ;;
        *) [ -f "$1" ] || die "scenario $1 not found"; scenarios+=("$1"); shift ;;
      esac
    done
    [ ${#scenarios[@]} -gt 0 ] || die "run: no scenario"
    [ -n "$out" ] || die "run: no --out"
    hash=$(scen_hash "${scenarios[@]}")
    mkdir -p "$(dirname "$out")"
    tmp=$(mktemp -d "$(dirname "$out")/.fake-groundwork.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    if [ -n "$shard" ]; then
      i=${shard%/*}; n=${shard#*/}
      case "$i/$n" in */*/*|*[!0-9/]*|/*|*/) die "--shard must be I/N, not $shard" ;; esac
      [ "$n" -ge 1 ] && [ "$i" -lt "$n" ] || die "--shard $shard: need 0 <= I < N"
      if [ "${FAKE_GROUNDWORK_FAIL_SHARD:-}" = "$i" ]; then
        echo "$prog: shard $i/$n failing on purpose (FAKE_GROUNDWORK_FAIL_SHARD)" >&2; exit 3
      fi
      [ -z "${FAKE_GROUNDWORK_SLEEP:-}" ] || sleep "$FAKE_GROUNDWORK_SLEEP"
      from=$((i * counties / n)); to=$(((i + 1) * counties / n))
      echo "$prog: run shard $i/$n: counties $from..$((to - 1)), $threads thread(s), host $(hostname), job ${SLURM_JOB_ID:--}" >&2
      printf 'groundwork-fake-shard 1 scenarios=%s shards=%s index=%s\n' "$hash" "$n" "$i" >"$tmp/shard.txt"
      rows "$from" "$to" "${scenarios[@]}" >"$tmp/rows.csv"
      # partial totals cover every scenario x year, also for a shard with no counties
      { rows 0 1 "${scenarios[@]}" | awk -F, -v OFS=, '{ $4 = 0; print }'; cat "$tmp/rows.csv"; } \
        | totals >"$tmp/totals.csv"
    else
      echo "$prog: run (whole): $counties counties, $threads thread(s)" >&2
      rows 0 "$counties" "${scenarios[@]}" >"$tmp/rows"
      totals <"$tmp/rows" >"$tmp/totals"
      mkdir "$tmp/out"
      finalize "$tmp/out" "$tmp/rows" "$tmp/totals" "$hash" "$report" "$xlsx"
      install_out "$tmp/out" "$out"
      rm -rf "$tmp"; trap - EXIT
      [ -n "$quiet" ] || cat "$out/summary.csv"
      exit 0
    fi
    install_out "$tmp" "$out"
    trap - EXIT
    ;;
  merge)
    dirs=(); out=""; report=""; xlsx=""
    while [ $# -gt 0 ]; do
      case $1 in
        --out) [ $# -ge 2 ] || die "--out needs DIR"; out=$2; shift 2 ;;
        --report) report=1; shift ;;
        --xlsx) xlsx=1; shift ;;
        -*) die "merge: unknown option $1" ;;
        *) dirs+=("$1"); shift ;;
      esac
    done
    [ ${#dirs[@]} -gt 0 ] || die "merge: no shard directory"
    [ -n "$out" ] || die "merge: no --out"
    hash=""; n=""; declare -A by_index=()
    for d in "${dirs[@]}"; do
      [ -f "$d/shard.txt" ] || die "merge: $d is not a shard directory (no shard.txt)"
      read -r magic version h_kv n_kv i_kv <"$d/shard.txt"
      [ "$magic $version" = "groundwork-fake-shard 1" ] || die "merge: $d: not a fake-groundwork shard"
      h=${h_kv#scenarios=}; dn=${n_kv#shards=}; di=${i_kv#index=}
      [ -z "$hash" ] || [ "$h" = "$hash" ] || die "merge: $d is a shard of other scenarios ($h, not $hash)"
      [ -z "$n" ] || [ "$dn" = "$n" ] || die "merge: $d is shard $di of $dn, the others are of $n"
      [ -z "${by_index[$di]:-}" ] || die "merge: shard $di given twice (${by_index[$di]} and $d)"
      hash=$h; n=$dn; by_index[$di]=$d
    done
    missing=()
    for ((i = 0; i < n; i++)); do [ -n "${by_index[$i]:-}" ] || missing+=("$i"); done
    [ ${#missing[@]} -eq 0 ] || die "merge: incomplete set: shard(s) ${missing[*]} of $n missing"
    echo "$prog: merge of $n shards" >&2
    mkdir -p "$(dirname "$out")"
    tmp=$(mktemp -d "$(dirname "$out")/.fake-groundwork.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    # shard order within each scenario, the scenarios in their command-line order (as in a
    # plain run, whose rows are scenario by scenario)
    for ((i = 0; i < n; i++)); do cat "${by_index[$i]}/rows.csv"; done \
      | awk -F, '{ if (!($1 in o)) o[$1] = ++k; print o[$1] "," $0 }' | sort -s -t, -k1,1n | cut -d, -f2- >"$tmp/rows"
    for ((i = 0; i < n; i++)); do cat "${by_index[$i]}/totals.csv"; done | sum_totals >"$tmp/totals"
    mkdir "$tmp/out"
    finalize "$tmp/out" "$tmp/rows" "$tmp/totals" "$hash" "$report" "$xlsx"
    if [ -n "${FAKE_GROUNDWORK_CORRUPT_MERGE:-}" ]; then
      echo "$prog: corrupting the merged summary.csv on purpose (FAKE_GROUNDWORK_CORRUPT_MERGE)" >&2
      echo "corrupt,0,0.00" >>"$tmp/out/summary.csv"
    fi
    install_out "$tmp/out" "$out"
    rm -rf "$tmp"; trap - EXIT
    ;;
  --version|version) echo "fake-groundwork 0 (plumbing test stand-in)" ;;
  *) die "unknown command $cmd (fake-groundwork knows run and merge only)" ;;
esac
