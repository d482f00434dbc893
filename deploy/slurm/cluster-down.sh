#!/usr/bin/env bash
# Stops the one-node test cluster that cluster-up.sh started and cleans up after it.
#
#   deploy/slurm/cluster-down.sh [--dir DIR] [--purge]
#
# DIR as for cluster-up.sh (default $GROUNDWORK_SLURM_DIR, else /tmp/groundwork-slurm).
# Cancels the cluster's jobs, stops slurmd, slurmctld and munged (`scontrol shutdown`, then
# TERM and at last KILL to the pids in DIR's pid files, each checked to be the daemon it
# should be: nothing is killed by name), and removes the state, spool, pid files and the munge
# socket, so that the next cluster-up starts from job id 1. The configuration, the munge key
# and the logs stay for reading; --purge removes DIR altogether (only a folder that
# cluster-up.sh made, i.e. one holding its .groundwork-slurm marker).
# Exit 0 when nothing of the cluster runs any more (also when nothing ran).
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin

say() { echo "cluster-down: $*" >&2; }
die() { echo "cluster-down: ERROR: $*" >&2; exit 1; }

dir=${GROUNDWORK_SLURM_DIR:-/tmp/groundwork-slurm}
purge=""
while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir=$2; shift 2 ;;
    --dir=*) dir=${1#--dir=}; shift ;;
    --purge) purge=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if [ ! -d "$dir" ]; then say "$dir does not exist: nothing to stop"; exit 0; fi
dir=$(cd "$dir" && pwd)
[ -e "$dir/.groundwork-slurm" ] || die "$dir was not made by cluster-up.sh (no .groundwork-slurm in it)"
conf=$dir/etc/slurm.conf
sock=$dir/munge/munge.socket.2
export SLURM_CONF=$conf

alive() {
  local pid
  [ -s "$2" ] || return 1
  pid=$(cat "$2" 2>/dev/null) || return 1
  case $pid in ''|*[!0-9]*) return 1 ;; esac
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]
}
wait_gone() {  # NAME PIDFILE SECONDS
  for _ in $(seq 1 $(($3 * 2))); do alive "$1" "$2" || return 0; sleep 0.5; done
  return 1
}
stop() {  # NAME PIDFILE
  alive "$1" "$2" || return 0
  local pid; pid=$(cat "$2")
  say "stopping $1 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  wait_gone "$1" "$2" 15 && return 0
  say "$1 (pid $pid) ignored TERM: KILL"
  kill -9 "$pid" 2>/dev/null || true
  wait_gone "$1" "$2" 5 || say "$1 (pid $pid) is still there"
}

ctld=$dir/run/slurmctld.pid
slurmd_pid=$dir/run/slurmd.pid
if alive slurmctld "$ctld" && [ -f "$conf" ]; then
  jobs=$(squeue -h -o '%A' 2>/dev/null | sort -u | tr '\n' ' ' || true)
  if [ -n "${jobs// /}" ]; then
    say "cancelling jobs: $jobs"
    # shellcheck disable=SC2086
    scancel $jobs 2>/dev/null || true
    for _ in $(seq 1 30); do
      [ -z "$(squeue -h -o '%A' 2>/dev/null || true)" ] && break
      sleep 0.5
    done
  fi
  say "scontrol shutdown"
  scontrol shutdown >/dev/null 2>&1 || true
  wait_gone slurmd "$slurmd_pid" 15 || true
  wait_gone slurmctld "$ctld" 15 || true
fi
stop slurmd "$slurmd_pid"
stop slurmctld "$ctld"

if alive munged "$dir/munge/munged.pid"; then
  say "stopping munged (pid $(cat "$dir/munge/munged.pid"))"
  munged --socket="$sock" --stop >/dev/null 2>&1 || true
  wait_gone munged "$dir/munge/munged.pid" 10 || stop munged "$dir/munge/munged.pid"
fi

left=""
alive slurmd "$slurmd_pid" && left+=" slurmd"
alive slurmctld "$ctld" && left+=" slurmctld"
alive munged "$dir/munge/munged.pid" && left+=" munged"
[ -z "$left" ] || die "still running:$left (see $dir/log)"

rm -rf "$dir/state" "$dir/spool" "$dir/run"
rm -f "$sock" "$sock.lock" "$dir/munge/munged.pid"
if [ -n "$purge" ]; then
  rm -rf "$dir"
  say "stopped; removed $dir"
else
  say "stopped; config, munge key and logs kept in $dir (--purge removes them)"
fi
