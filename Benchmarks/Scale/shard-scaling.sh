#!/usr/bin/env bash
# Shards at scale (issue 14): the country portfolio (500,000 rows, 2,850 counties, 30 years)
# with every assumption uncertain (ten parameters, six of them drawn per year) and DRAWS draws,
# run as N = 1, 2, 4, 8 and 16 shards one after another on this machine, then merged. Prints,
# per N, each shard's wall time and peak memory (GNU time), the merge's, and the projected wall
# time on N nodes: the slowest shard plus the merge.
#
#   Benchmarks/Scale/shard-scaling.sh GROUNDWORK [DRAWS] [WORKDIR]
#
# Defaults: DRAWS 100000, WORKDIR a new temporary folder (kept; shard directories removed after
# each N to save space). Needs /usr/bin/time (Debian's `time`).
set -euo pipefail
gw=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
draws=${2:-100000}
work=${3:-$(mktemp -d)}
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$work"
cd "$work"
[ -f country.csv ] || "$gw" generate-portfolio --counties 2850 --villages-per-county 175 --seed 1 --out country.csv >/dev/null
cat > country-risk.yaml <<YAML
extends: $repo/scenarios/nanyang-baseline.yaml
name: country-risk
portfolio: country.csv
horizon: {start: 2014, end: 2043}
venues: {shares: {2014: 0.2, 2015: 0.4, 2016: 0.4}}
uncertainty:
  draws: $draws
  seed: 2014
  parameters:
    rural_income.growth: {normal: {mean: 0.08, sd: 0.02}, per_year: true}
    venues.cost_growth: {normal: {mean: 0.02, sd: 0.01}, per_year: true}
    venues.upkeep_rate: {uniform: {min: 0.0, max: 0.02}, per_year: true}
    pay.performance_payout: {uniform: {min: 0.8, max: 1.0}, per_year: true}
    operating_funds.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
    pension.growth: {uniform: {min: 0.0, max: 0.03}, per_year: true}
    venues.unit_cost: {triangular: {min: 150000, mode: 160000, max: 200000}}
    operating_funds.per_village: {normal: {mean: 70000, sd: 3000}}
    pension.per_person: {uniform: {min: 900, max: 1100}}
    pay.basic_share: {uniform: {min: 0.6, max: 0.8}}
YAML
measure() {  # measure LABEL COMMAND... -> "LABEL wall_s peak_MiB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o time.txt "$@" >/dev/null
  read -r wall kib < time.txt
  echo "$label $wall $((kib / 1024))"
}
echo "N  shard  wall_s  peak_MiB"
for n in 1 2 4 8 16; do
  rm -rf shards-$n merged-$n; mkdir -p shards-$n
  slowest=0
  for i in $(seq 0 $((n - 1))); do
    line=$(measure "$n $i" "$gw" run country-risk.yaml --shard "$i/$n" --out "shards-$n/$i" --quiet)
    echo "$line"
    wall=$(echo "$line" | cut -d' ' -f3)
    slowest=$(python3 -c "print(max($slowest, $wall))")
  done
  line=$(measure "$n merge" "$gw" merge shards-$n/* --out merged-$n --quiet)
  echo "$line"
  merge=$(echo "$line" | cut -d' ' -f3)
  echo "$n projected-on-$n-nodes $(python3 -c "print(round($slowest + $merge, 2))") (slowest shard $slowest + merge $merge)"
  du -sh shards-$n | sed "s/^/$n shard-bytes /"
  rm -rf shards-$n
done
echo "work folder: $work"
