#!/usr/bin/env bash
# Starts a single-node Slurm cluster on this machine, for trying out and testing the Groundwork
# Slurm jobs (deploy/slurm/*.sbatch, submit.sh) without a real cluster.
#
#   deploy/slurm/cluster-up.sh [--dir DIR]
#   . DIR/env.sh          # sets SLURM_CONF for sbatch, sinfo, squeue, ... in this shell
#   deploy/slurm/cluster-down.sh [--dir DIR] [--purge]
#
# Everything lives under DIR (default $GROUNDWORK_SLURM_DIR, else /tmp/groundwork-slurm):
#   etc/slurm.conf           generated for this machine (nothing is written to /etc)
#   munge/                   the cluster's own munge key, socket, pid, log (not /etc/munge)
#   state/ spool/ run/       slurmctld state, slurmd spool, pid files
#   log/slurmctld.log log/slurmd.log
#   env.sh                   `export SLURM_CONF=DIR/etc/slurm.conf`
#
# The node: NodeName is `hostname -s` (or "localhost" when that is empty or not a valid node
# name), NodeAddr=127.0.0.1, and slurmd is started with `-N NAME`, so the name never has to
# resolve or match anything in a container. CPUs = nproc (with the socket/core/thread layout
# of `slurmd -C` when that agrees), RealMemory = 95% of the smaller of MemTotal and this
# cgroup's memory limit, DefMemPerCPU = RealMemory / CPUs (so that a job without --mem does
# not take the whole node under CR_Core_Memory). select/cons_tres with CR_Core_Memory,
# proctrack/linuxproc, task/none, jobacct_gather/none and no accounting storage: nothing needs
# cgroups, systemd or a database, so it runs as root in a container (no cgroup.conf is needed;
# none is written). ReturnToService=2 and MinJobAge=3600 (finished jobs stay visible to
# `scontrol show job` for an hour, which submit.sh --wait reads since there is no sacct).
#
# Idempotent: daemons already running with the same configuration are left alone (a missing
# one is started); a changed configuration (e.g. other ports) restarts slurmctld and slurmd.
# Then it waits (up to $GROUNDWORK_SLURM_WAIT seconds, default 60) until sinfo shows the node
# idle (or mixed/allocated, when jobs already run), and prints where config and logs are.
#
# Environment: GROUNDWORK_SLURM_DIR, GROUNDWORK_SLURM_NODENAME (default hostname -s),
# GROUNDWORK_SLURM_CTLD_PORT (6817), GROUNDWORK_SLURM_SLURMD_PORT (6818),
# GROUNDWORK_SLURM_PARTITION (main), GROUNDWORK_SLURM_WAIT (60).
# Installs slurm-wlm and munge with apt-get when missing (install-deps.sh); exit 77 when that
# is impossible. Run as root for real use; as another user the daemons run as that user and
# only that user's jobs can run.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin
here=$(cd "$(dirname "$0")" && pwd)

say() { echo "cluster-up: $*" >&2; }
die() { echo "cluster-up: ERROR: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; }

dir=${GROUNDWORK_SLURM_DIR:-/tmp/groundwork-slurm}
while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || die "--dir needs a value"; dir=$2; shift 2 ;;
    --dir=*) dir=${1#--dir=}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

status=0
bash "$here/install-deps.sh" || status=$?
[ "$status" -eq 0 ] || exit "$status"

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
touch "$dir/.groundwork-slurm"   # marks the folder as ours, for cluster-down.sh --purge
# munged insists that everyone may traverse to its socket, and that the key's folders are
# writable by nobody else: 0755 for DIR and DIR/munge (a mktemp -d parent is 0700: fix that).
chmod 755 "$dir"
p=$dir
while [ "$p" != / ]; do
  p=$(dirname "$p")
  case $(stat -c %A "$p") in
    *[xt]) ;;
    *) die "munged needs every folder above its socket searchable by all, and $p is $(stat -c %A "$p"): chmod o+x $p, or choose another --dir" ;;
  esac
done
mkdir -p "$dir/etc" "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
chmod 755 "$dir/munge"

conf=$dir/etc/slurm.conf
sock=$dir/munge/munge.socket.2
user=$(id -un)
ctld_port=${GROUNDWORK_SLURM_CTLD_PORT:-6817}
slurmd_port=${GROUNDWORK_SLURM_SLURMD_PORT:-6818}
partition=${GROUNDWORK_SLURM_PARTITION:-main}
wait_s=${GROUNDWORK_SLURM_WAIT:-60}

node=${GROUNDWORK_SLURM_NODENAME:-$(hostname -s 2>/dev/null || true)}
case $node in
  ''|*[!A-Za-z0-9_-]*|[-_]*) say "node name '${node}' (hostname -s or GROUNDWORK_SLURM_NODENAME) is not usable: using localhost"; node=localhost ;;
esac

# --- the machine -------------------------------------------------------------------------
cpus=$(nproc)
layout="CPUs=$cpus"
if hw=$(slurmd -C 2>/dev/null | head -1); then
  field() { sed -n "s/.*[ ]$1=\([0-9]*\).*/\1/p" <<<"$hw"; }
  hw_cpus=$(field CPUs); boards=$(field Boards); spb=$(field SocketsPerBoard)
  cps=$(field CoresPerSocket); tpc=$(field ThreadsPerCore)
  if [ "$hw_cpus" = "$cpus" ] && [ -n "$boards" ] && [ -n "$spb" ] && [ -n "$cps" ] && [ -n "$tpc" ]; then
    layout="CPUs=$cpus Sockets=$((boards * spb)) CoresPerSocket=$cps ThreadsPerCore=$tpc"
  fi
fi

mem_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
mem_mb=$((mem_kb / 1024))
# A container's memory limit, when lower than what /proc/meminfo says (cgroup v2, then v1).
limit=""
cg2=$(sed -n 's/^0:://p' /proc/self/cgroup 2>/dev/null | head -1)
cg1=$(sed -n 's/^[0-9]*:[^:]*memory[^:]*://p' /proc/self/cgroup 2>/dev/null | head -1)
for f in "/sys/fs/cgroup${cg2}/memory.max" /sys/fs/cgroup/memory.max \
         "/sys/fs/cgroup/memory${cg1}/memory.limit_in_bytes" /sys/fs/cgroup/memory/memory.limit_in_bytes; do
  if [ -r "$f" ]; then limit=$(cat "$f" 2>/dev/null || true); break; fi
done
case $limit in
  ''|max|*[!0-9]*) ;;
  *) if [ ${#limit} -lt 16 ] && [ $((limit / 1048576)) -lt "$mem_mb" ]; then
       say "cgroup memory limit $((limit / 1048576)) MB is below MemTotal $mem_mb MB: using it"
       mem_mb=$((limit / 1048576))
     fi ;;
esac
real_mb=$((mem_mb * 95 / 100))
[ "$real_mb" -ge 1 ] || die "cannot read the memory size from /proc/meminfo"
def_mem=$((real_mb / cpus))

# --- slurm.conf --------------------------------------------------------------------------
new=$(mktemp "$dir/etc/slurm.conf.XXXXXX")
cat >"$new" <<EOF
# Generated by groundwork deploy/slurm/cluster-up.sh for a one-node test cluster on $node.
# Regenerated on every cluster-up; edit the script, not this file.
ClusterName=groundwork
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$sock
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$def_mem
ReturnToService=2
MinJobAge=3600
SlurmdTimeout=60
InactiveLimit=0
KillWait=10
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$node $layout RealMemory=$real_mb State=UNKNOWN
PartitionName=$partition Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
changed=1
if [ -f "$conf" ] && cmp -s "$new" "$conf"; then changed=""; rm -f "$new"; else mv "$new" "$conf"; fi
chmod 644 "$conf"
printf 'export SLURM_CONF=%s\n' "$conf" >"$dir/env.sh"
export SLURM_CONF=$conf

# --- processes ---------------------------------------------------------------------------
# alive NAME PIDFILE: the pid file names a live process called NAME (not a reused pid).
alive() {
  local pid
  [ -s "$2" ] || return 1
  pid=$(cat "$2" 2>/dev/null) || return 1
  case $pid in ''|*[!0-9]*) return 1 ;; esac
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]
}
# stop NAME PIDFILE: TERM, wait up to 15 s, then KILL; only that one pid.
stop() {
  alive "$1" "$2" || return 0
  local pid; pid=$(cat "$2")
  say "stopping $1 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do alive "$1" "$2" || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  sleep 0.5
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
munge_ok() { munge -S "$sock" -n </dev/null 2>/dev/null | unmunge -S "$sock" >/dev/null 2>&1; }
tail_log() { [ -f "$1" ] && { echo "---- last lines of $1:" >&2; tail -n "${2:-25}" "$1" >&2; } || true; }

# munge: the cluster's own key and daemon.
key=$dir/munge/munge.key
if [ ! -s "$key" ]; then
  say "creating munge key $key"
  if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$key" --force
  else
    dd if=/dev/urandom of="$key" bs=1 count=1024 2>/dev/null
  fi
fi
chmod 600 "$key"
if alive munged "$dir/munge/munged.pid" && munge_ok; then
  say "munged already running (pid $(cat "$dir/munge/munged.pid"))"
else
  stop munged "$dir/munge/munged.pid"
  rm -f "$sock" "$sock.lock" "$dir/munge/munged.pid"
  say "starting munged (socket $sock)"
  munged --socket="$sock" --key-file="$key" --log-file="$dir/munge/munged.log" \
    --pid-file="$dir/munge/munged.pid" --seed-file="$dir/munge/munged.seed" \
    || { tail_log "$dir/munge/munged.log"; die "munged did not start"; }
  for _ in $(seq 1 20); do munge_ok && break; sleep 0.25; done
  munge_ok || { tail_log "$dir/munge/munged.log"; die "munged does not answer on $sock"; }
fi

if [ -n "$changed" ]; then
  if alive slurmd "$dir/run/slurmd.pid" || alive slurmctld "$dir/run/slurmctld.pid"; then
    say "configuration changed: restarting slurmctld and slurmd"
  fi
  stop slurmd "$dir/run/slurmd.pid"
  stop slurmctld "$dir/run/slurmctld.pid"
fi

if alive slurmctld "$dir/run/slurmctld.pid"; then
  say "slurmctld already running (pid $(cat "$dir/run/slurmctld.pid"))"
else
  port_busy "$ctld_port" && die "port $ctld_port is in use (another slurmctld?); set GROUNDWORK_SLURM_CTLD_PORT"
  say "starting slurmctld"
  slurmctld -f "$conf" || { tail_log "$dir/log/slurmctld.log"; die "slurmctld did not start"; }
fi
ok=""
for _ in $(seq 1 40); do
  if scontrol ping 2>/dev/null | grep -q 'is UP'; then ok=1; break; fi
  alive slurmctld "$dir/run/slurmctld.pid" || break
  sleep 0.5
done
[ -n "$ok" ] || { tail_log "$dir/log/slurmctld.log"; die "slurmctld does not answer (scontrol ping)"; }

if alive slurmd "$dir/run/slurmd.pid"; then
  say "slurmd already running (pid $(cat "$dir/run/slurmd.pid"))"
else
  port_busy "$slurmd_port" && die "port $slurmd_port is in use (another slurmd?); set GROUNDWORK_SLURM_SLURMD_PORT"
  say "starting slurmd -N $node"
  slurmd -f "$conf" -N "$node" || { tail_log "$dir/log/slurmd.log"; die "slurmd did not start"; }
fi

# --- wait for the node -------------------------------------------------------------------
state=""
deadline=$((SECONDS + wait_s))
while [ $SECONDS -lt $deadline ]; do
  state=$(sinfo -h -N -n "$node" -o '%T' 2>/dev/null | head -1 || true)
  case $state in
    idle|mixed|allocated|completing) break ;;
    *drain*|*down*|*fail*)
      # ReturnToService=2 brings a DOWN node back once slurmd registers; give it a moment.
      [ $((deadline - SECONDS)) -lt $((wait_s / 2)) ] && break ;;
  esac
  alive slurmd "$dir/run/slurmd.pid" || { sleep 1; alive slurmd "$dir/run/slurmd.pid" || break; }
  sleep 1
done
case $state in
  idle|mixed|allocated|completing) ;;
  *)
    sinfo -N -l >&2 || true
    sinfo -R >&2 || true
    tail_log "$dir/log/slurmd.log"
    tail_log "$dir/log/slurmctld.log"
    die "node $node is '${state:-not reported}' after ${wait_s}s, not idle" ;;
esac

cat <<EOF
cluster-up: node $node is $state: $layout RealMemory=${real_mb}M, partition $partition (default)
  config:  $conf
  logs:    $dir/log/slurmctld.log $dir/log/slurmd.log $dir/munge/munged.log
  use it:  . $dir/env.sh     (export SLURM_CONF=$conf)
  stop:    $here/cluster-down.sh --dir $dir
EOF
