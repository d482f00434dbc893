#!/usr/bin/env bash
# Submits one sharded Groundwork run to Slurm: an array job of N shards
# (groundwork-array.sbatch) and, after all of them succeeded, the merge
# (groundwork-merge.sbatch, --dependency=afterok:ARRAYID).
#
#   deploy/slurm/submit.sh SCENARIO.yaml... N [options]
#
# prints `array job 12, merge job 13, results in WORKDIR/merged` (stdout, one line).
# The last positional argument is N, the ones before it the scenario files.
#
# Options:
#   --groundwork BIN   engine binary (default $GROUNDWORK, else `groundwork` on PATH); made
#                      absolute; must be on a path every compute node sees
#   --workdir DIR      where shard-*/, merged/ and logs/ go (default ./groundwork-slurm-work);
#                      must be on a file system every compute node sees
#   --mem SIZE         memory per array task, sbatch --mem (default 2G)
#   --cpus K           CPUs per array task = --threads of each shard (default 1)
#   --merge-mem SIZE   memory of the merge job (default: --mem)
#   --time LIMIT       time limit of each array task and of the merge (sbatch --time, e.g. 30
#                      or 2:00:00; default the partition's)
#   --partition P      partition for both jobs (default the cluster's default)
#   --max-running M    at most M shards at once (--array=0-(N-1)%M)
#   --job-name NAME    job name prefix (default groundwork): NAME-shard, NAME-merge
#   --report, --xlsx   passed to the merge (its report.html / workbook)
#   --run-arg ARG      one more argument for every `groundwork run --shard` (repeatable)
#   --merge-arg ARG    one more argument for `groundwork merge` (repeatable)
#   --sbatch-arg ARG   one more sbatch option for both jobs, e.g. --account=X (repeatable)
#   --wait             block until the merge has finished; exit with its status (0 = the
#                      merged results are there). When a shard fails, the merge is cancelled
#                      (--kill-on-invalid-dep=yes): the failed tasks and their logs are named
#                      and the exit is 1.
#   --timeout SECS     with --wait: give up after SECS (cancel both jobs, exit 124)
#   --poll SECS        with --wait: seconds between looks at the queue (default 2)
#
# Logs: WORKDIR/logs/shard-ARRAYID_I.log per task, WORKDIR/logs/merge-MERGEID.log.
# The sbatch scripts are copied by sbatch at submission, so only the binary, the scenarios
# (and their parents and portfolios) and WORKDIR have to be on the shared file system.
# SLURM_CONF and the rest of the environment are passed to the jobs (sbatch --export=ALL).
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin
here=$(cd "$(dirname "$0")" && pwd)

die() { echo "submit: ERROR: $*" >&2; exit 2; }
say() { echo "submit: $*" >&2; }
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$(cd "$(dirname "$1")" && pwd)" "$(basename "$1")" ;; esac; }

gw=${GROUNDWORK:-}
workdir=./groundwork-slurm-work
mem=2G
cpus=1
merge_mem=""
time_limit=""
partition=""
max_running=""
name=groundwork
wait=""
timeout=0
poll=2
merge_flags=()
run_args=()
merge_args=()
sbatch_args=()
positional=()
while [ $# -gt 0 ]; do
  case $1 in
    --groundwork|--workdir|--mem|--cpus|--merge-mem|--time|--partition|--max-running|--job-name|--run-arg|--merge-arg|--sbatch-arg|--timeout|--poll)
      [ $# -ge 2 ] || die "$1 needs a value"
      case $1 in
        --groundwork) gw=$2 ;;
        --workdir) workdir=$2 ;;
        --mem) mem=$2 ;;
        --cpus) cpus=$2 ;;
        --merge-mem) merge_mem=$2 ;;
        --time) time_limit=$2 ;;
        --partition) partition=$2 ;;
        --max-running) max_running=$2 ;;
        --job-name) name=$2 ;;
        --run-arg) run_args+=(--run-arg "$2") ;;
        --merge-arg) merge_args+=(--merge-arg "$2") ;;
        --sbatch-arg) sbatch_args+=("$2") ;;
        --timeout) timeout=$2 ;;
        --poll) poll=$2 ;;
      esac
      shift 2 ;;
    --report|--xlsx) merge_flags+=("$1"); shift ;;
    --wait) wait=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    --) shift; positional+=("$@"); break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) positional+=("$1"); shift ;;
  esac
done

[ ${#positional[@]} -ge 2 ] || die "usage: submit.sh SCENARIO.yaml... N [options] (see --help)"
n=${positional[-1]}
unset 'positional[-1]'
case $n in ''|*[!0-9]*|0*) die "N must be a positive whole number, not '$n' (usage: submit.sh SCENARIO... N)" ;; esac
case $cpus in ''|*[!0-9]*|0*) die "--cpus must be a positive whole number" ;; esac
case $timeout in *[!0-9]*) die "--timeout must be whole seconds" ;; esac
case $max_running in *[!0-9]*) die "--max-running must be a whole number" ;; esac
merge_mem=${merge_mem:-$mem}

scenarios=()
for s in "${positional[@]}"; do
  [ -f "$s" ] || die "scenario $s not found"
  scenarios+=("$(abspath "$s")")
done

if [ -z "$gw" ]; then
  gw=$(command -v groundwork 2>/dev/null) || die "no groundwork on PATH: give --groundwork BIN (or GROUNDWORK=BIN)"
fi
case $gw in */*) ;; *) gw=$(command -v "$gw" 2>/dev/null) || die "groundwork binary not found" ;; esac
[ -x "$gw" ] || die "groundwork binary $gw is not an executable file"
gw=$(abspath "$gw")

command -v sbatch >/dev/null 2>&1 || die "sbatch not found (is Slurm installed? for the local test cluster: deploy/slurm/cluster-up.sh and . DIR/env.sh)"
mkdir -p "$workdir/logs"
workdir=$(cd "$workdir" && pwd)

# Shards of an earlier run with a larger N would not be merged (the merge takes shard-0 ..
# shard-(N-1)) but are confusing next to the new ones: say so.
stale=()
for d in "$workdir"/shard-*; do
  [ -d "$d" ] || continue
  i=${d##*/shard-}
  case $i in *[!0-9]*) continue ;; esac
  [ "$i" -ge "$n" ] && stale+=("${d##*/}")
done
[ ${#stale[@]} -eq 0 ] || say "warning: $workdir has shards of an earlier, larger run: ${stale[*]} (ignored by this merge)"

common=(--parsable --export=ALL --chdir="$workdir")
[ -z "$partition" ] || common+=(--partition="$partition")
[ -z "$time_limit" ] || common+=(--time="$time_limit")
common+=("${sbatch_args[@]}")

array_spec="0-$((n - 1))"
[ -z "$max_running" ] || array_spec+="%$max_running"

out=$(sbatch "${common[@]}" --array="$array_spec" --job-name="$name-shard" \
  --cpus-per-task="$cpus" --mem="$mem" \
  --output="$workdir/logs/shard-%A_%a.log" \
  "$here/groundwork-array.sbatch" --groundwork "$gw" --shards "$n" --workdir "$workdir" \
  "${run_args[@]}" -- "${scenarios[@]}") || die "sbatch of the array job failed"
array_id=${out%%;*}
case $array_id in ''|*[!0-9]*) die "sbatch printed '$out', not a job id" ;; esac

out=$(sbatch "${common[@]}" --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
  --job-name="$name-merge" --cpus-per-task=1 --mem="$merge_mem" \
  --output="$workdir/logs/merge-%j.log" \
  "$here/groundwork-merge.sbatch" --groundwork "$gw" --shards "$n" --workdir "$workdir" \
  --out "$workdir/merged" "${merge_flags[@]}" "${merge_args[@]}") \
  || { scancel "$array_id" 2>/dev/null || true; die "sbatch of the merge job failed (array job $array_id cancelled)"; }
merge_id=${out%%;*}
case $merge_id in ''|*[!0-9]*) scancel "$array_id" 2>/dev/null || true; die "sbatch printed '$out', not a job id" ;; esac

echo "array job $array_id, merge job $merge_id, results in $workdir/merged"
[ -n "$wait" ] || exit 0

# --- --wait ------------------------------------------------------------------------------
# There may be no accounting (sacct): read `scontrol show job`, which keeps finished jobs for
# MinJobAge (300 s by default, 3600 s on the local test cluster); poll often enough for that.
job_field() {  # JOBID FIELD: the field of the job's first record
  scontrol -o show job "$1" 2>/dev/null | head -1 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}
array_report() {
  local lines
  lines=$(scontrol -o show job "$array_id" 2>/dev/null || true)
  [ -n "$lines" ] || { say "array job $array_id: no longer known to slurmctld"; return; }
  say "array job $array_id tasks: $(grep -o 'JobState=[A-Z_]*' <<<"$lines" | sed 's/JobState=//' | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}')"
  while IFS= read -r l; do
    local st task code
    st=$(tr ' ' '\n' <<<"$l" | sed -n 's/^JobState=//p')
    task=$(tr ' ' '\n' <<<"$l" | sed -n 's/^ArrayTaskId=//p')
    code=$(tr ' ' '\n' <<<"$l" | sed -n 's/^ExitCode=//p')
    case $st in COMPLETED|PENDING|RUNNING) continue ;; esac
    say "  shard $task: $st, exit $code, log $workdir/logs/shard-${array_id}_$task.log"
  done <<<"$lines"
}

start=$SECONDS
last=""
while :; do
  state=$(job_field "$merge_id" JobState)
  if [ -z "$state" ] && command -v sacct >/dev/null 2>&1; then
    state=$(sacct -n -X -P -j "$merge_id" -o State 2>/dev/null | head -1 | awk '{print $1}' || true)
  fi
  [ -n "$state" ] || { say "merge job $merge_id is no longer known to Slurm (and no sacct): look at $workdir/logs"; exit 1; }
  if [ "$state" != "$last" ]; then say "merge job $merge_id: $state ($((SECONDS - start)) s)"; last=$state; fi
  case $state in
    PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|RESIZING|SUSPENDED|STAGE_OUT) ;;
    COMPLETED)
      code=$(job_field "$merge_id" ExitCode)
      say "merge job $merge_id completed (exit ${code:-0:0}) after $((SECONDS - start)) s; results in $workdir/merged"
      exit 0 ;;
    *)
      code=$(job_field "$merge_id" ExitCode)
      reason=$(job_field "$merge_id" Reason)
      log=$workdir/logs/merge-$merge_id.log
      say "merge job $merge_id ended $state (reason ${reason:-?}, exit ${code:-?})$([ -f "$log" ] && echo "; log $log" || echo "; it never ran")"
      array_report
      status=${code%%:*}
      case $status in ''|*[!0-9]*|0) status=1 ;; esac
      exit "$status" ;;
  esac
  if [ "$timeout" -gt 0 ] && [ $((SECONDS - start)) -ge "$timeout" ]; then
    say "timed out after $timeout s: cancelling array job $array_id and merge job $merge_id"
    array_report
    scancel "$merge_id" "$array_id" 2>/dev/null || true
    exit 124
  fi
  sleep "$poll"
done
