#!/usr/bin/env bash
# The Slurm deployment end to end (deploy/slurm/): on a one-node Slurm cluster started here,
# a run split into N shards by an array job and merged by a dependent job must give the same
# files, byte for byte, as one plain `groundwork run` (all files but manifest.json, whose
# command line differs).
#
#   Tests/slurm/check-slurm.sh ENGINE [SCENARIO] [N]
#
# ENGINE: the groundwork binary (e.g. .build/debug/groundwork), or Tests/slurm/fake-groundwork.sh
# to test only the plumbing (cluster, sbatch scripts, submit.sh) with a stand-in engine.
# SCENARIO: default scenarios/nanyang-risk.yaml (relative paths: to the repository root).
# N: number of shards, default 4.
#
# Steps: install slurm-wlm and munge if missing (deploy/slurm/install-deps.sh); `ENGINE run
# SCENARIO --out OUT/direct`; deploy/slurm/cluster-up.sh with its own folder OUT/cluster and
# its own ports (6827/6828 unless GROUNDWORK_SLURM_CTLD_PORT/GROUNDWORK_SLURM_SLURMD_PORT say
# otherwise), so a cluster you started with cluster-up.sh is not touched; deploy/slurm/submit.sh
# SCENARIO N --wait; compare OUT/slurm/merged with OUT/direct; cluster-down.sh (on any exit:
# trap). The cluster's logs stay in OUT/cluster/log, the jobs' in OUT/slurm/logs.
#
# Exit 0: identical. Exit 77: skipped, slurm-wlm/munge missing and not installable (loud
# message on stderr). Anything else: a failure (a job failed, a difference, a timeout).
# Never hangs: the jobs get a Slurm time limit and the wait gives up (cancelling the jobs)
# after $SLURM_CHECK_TIMEOUT seconds (default 600).
#
# Environment: SLURM_CHECK_OUT (default: a new temporary folder, kept and printed),
# SLURM_CHECK_TIMEOUT (600), SLURM_CHECK_MEM (memory per shard task, 1G), SLURM_CHECK_CPUS
# (CPUs = threads per shard task, 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
PATH=$PATH:/usr/sbin:/sbin

say() { echo "check-slurm: $*" >&2; }
skip() { echo "check-slurm: SKIPPED: $*" >&2; exit 77; }
fail() { echo "check-slurm: FAIL: $*" >&2; exit 1; }
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;; esac; }

[ $# -ge 1 ] && [ $# -le 3 ] || { echo "usage: Tests/slurm/check-slurm.sh ENGINE [SCENARIO] [N]" >&2; exit 2; }
engine=$1
scenario=${2:-scenarios/nanyang-risk.yaml}
n=${3:-4}
timeout_s=${SLURM_CHECK_TIMEOUT:-600}
mem=${SLURM_CHECK_MEM:-1G}
cpus=${SLURM_CHECK_CPUS:-1}
case $n in ''|*[!0-9]*|0*) fail "N must be a positive whole number, not '$n'" ;; esac
case $engine in */*) ;; *) engine=$(command -v "$engine" 2>/dev/null) || fail "engine $1 not found" ;; esac
[ -x "$engine" ] || fail "engine $engine is not an executable file"
[ -f "$scenario" ] || fail "scenario $scenario not found"
engine=$(abspath "$engine")
scenario=$(abspath "$scenario")
started=$SECONDS

status=0
bash deploy/slurm/install-deps.sh || status=$?
[ "$status" -ne 77 ] || skip "Slurm (slurm-wlm) and munge are missing and cannot be installed here; the Slurm deployment was NOT tested"
[ "$status" -eq 0 ] || fail "deploy/slurm/install-deps.sh exited $status"

out=${SLURM_CHECK_OUT:-$(mktemp -d -t groundwork-slurm-check.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
chmod 755 "$out"   # mktemp -d makes it 0700; munged wants its socket's folders searchable by all
cluster=$out/cluster
export GROUNDWORK_SLURM_CTLD_PORT=${GROUNDWORK_SLURM_CTLD_PORT:-6827}
export GROUNDWORK_SLURM_SLURMD_PORT=${GROUNDWORK_SLURM_SLURMD_PORT:-6828}
say "engine $engine"
say "scenario $scenario, $n shards; output in $out"

cluster_started=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$cluster_started" ]; then
    bash "$root/deploy/slurm/cluster-down.sh" --dir "$cluster" || { say "cluster-down.sh failed"; [ "$rc" -ne 0 ] || rc=1; }
  fi
  say "output (kept): $out"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. the plain run, the reference
rm -rf "$out/direct"
timeout "$timeout_s" "$engine" run "$scenario" --out "$out/direct" --quiet \
  || fail "the plain run failed: $engine run $scenario --out $out/direct --quiet"

# 2. the cluster
cluster_started=1
status=0
bash deploy/slurm/cluster-up.sh --dir "$cluster" || status=$?
[ "$status" -ne 77 ] || skip "Slurm cannot be installed here (see above); the Slurm deployment was NOT tested"
[ "$status" -eq 0 ] || fail "deploy/slurm/cluster-up.sh exited $status (logs in $cluster/log)"
export SLURM_CONF=$cluster/etc/slurm.conf

# 3. the sharded run
minutes=$(((timeout_s + 59) / 60))
rm -rf "$out/slurm"
status=0
line=$(timeout $((timeout_s + 60)) bash deploy/slurm/submit.sh "$scenario" "$n" \
  --groundwork "$engine" --workdir "$out/slurm" --mem "$mem" --cpus "$cpus" --time "$minutes" \
  --wait --timeout "$timeout_s") || status=$?
echo "check-slurm: submit.sh: $line" >&2
[ "$status" -ne 124 ] || fail "the jobs did not finish within $timeout_s s (cancelled; logs in $out/slurm/logs)"
[ "$status" -eq 0 ] || fail "the Slurm jobs failed (submit.sh --wait exited $status; logs in $out/slurm/logs)"
array_id=$(sed -n 's/^array job \([0-9]*\),.*/\1/p' <<<"$line")
merge_id=$(sed -n 's/.*merge job \([0-9]*\),.*/\1/p' <<<"$line")
[ -n "$array_id" ] && [ -n "$merge_id" ] || fail "submit.sh printed '$line', not 'array job A, merge job M, results in DIR'"
for ((i = 0; i < n; i++)); do
  [ -d "$out/slurm/shard-$i" ] || fail "no shard-$i in $out/slurm"
  [ -s "$out/slurm/logs/shard-${array_id}_$i.log" ] || fail "no log of shard $i ($out/slurm/logs/shard-${array_id}_$i.log)"
done

# 4. the comparison
merged=$out/slurm/merged
direct=$out/direct
[ -d "$merged" ] || fail "no $merged"
[ -f "$merged/manifest.json" ] || fail "the merge wrote no manifest.json"
list() { (cd "$1" && find . -type f ! -path ./manifest.json | sed 's|^\./||' | LC_ALL=C sort); }
list "$direct" >"$out/direct.files"
list "$merged" >"$out/merged.files"
if ! cmp -s "$out/direct.files" "$out/merged.files"; then
  say "the merge and the plain run wrote different sets of files (< plain run, > merge):"
  diff "$out/direct.files" "$out/merged.files" | grep '^[<>]' >&2 || true
  fail "different files"
fi
count=0
differ=()
while IFS= read -r f; do
  count=$((count + 1))
  cmp -s "$direct/$f" "$merged/$f" || differ+=("$f")
done <"$out/direct.files"
[ "$count" -gt 0 ] || fail "the plain run wrote no file but manifest.json"
if [ ${#differ[@]} -gt 0 ]; then
  for f in "${differ[@]}"; do say "differs: $f ($(cmp "$direct/$f" "$merged/$f" 2>&1 | head -1))"; done
  fail "${#differ[@]} of $count files differ between $merged and $direct"
fi
say "PASS: $n shards (array job $array_id) merged by job $merge_id give $count files byte-identical to the plain run (manifest.json aside): $(tr '\n' ' ' <"$out/direct.files")($((SECONDS - started)) s)"
