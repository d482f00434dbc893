#!/usr/bin/env bash
# Installs what the local Slurm test cluster needs when it is missing: Debian's `slurm-wlm`
# (slurmctld, slurmd, sbatch, sinfo, ...) and `munge` (munged, mungekey).
#
#   deploy/slurm/install-deps.sh
#
# Exit 0: everything is there (already, or installed now). Exit 77: missing and cannot be
# installed here (no apt-get, not root and no sudo, or apt-get failed, e.g. offline); the
# reason is printed loudly on stderr. Callers (cluster-up.sh, Tests/slurm/check-slurm.sh)
# pass 77 on, which CI counts as "skipped", not as a failure.
#
# apt-get runs with a temporary /usr/sbin/policy-rc.d (only if there is none already) so that
# the packages' maintainer scripts do not try to start munge/slurmd/slurmctld as services: in a
# container without systemd that fails or leaves a stray system munged behind. The daemons of
# the test cluster are started by cluster-up.sh, with their own files, instead.
set -euo pipefail
PATH=$PATH:/usr/sbin:/sbin

skip() {
  echo "install-deps: SKIPPED: $*" >&2
  echo "install-deps: (the Slurm test cluster needs Debian's slurm-wlm and munge)" >&2
  exit 77
}

needed=(slurmctld slurmd slurmstepd sbatch sinfo squeue scontrol scancel munged munge unmunge)
missing=()
for c in "${needed[@]}"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
if [ ${#missing[@]} -eq 0 ] && [ -z "${GROUNDWORK_SLURM_FORCE_INSTALL:-}" ]; then
  exit 0
fi
[ ${#missing[@]} -eq 0 ] || echo "install-deps: missing: ${missing[*]}" >&2

command -v apt-get >/dev/null 2>&1 || skip "${missing[*]} missing and no apt-get to install slurm-wlm munge"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
    || skip "${missing[*]} missing; installing slurm-wlm munge needs root or password-less sudo"
  sudo="sudo -n"
fi

policy=/usr/sbin/policy-rc.d
made_policy=""
cleanup() { if [ -n "$made_policy" ]; then $sudo rm -f "$policy"; fi; }
trap cleanup EXIT
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# temporary, from groundwork deploy/slurm/install-deps.sh\nexit 101\n' \
    | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy" && made_policy=1
fi

echo "install-deps: apt-get update && apt-get install -y slurm-wlm munge" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get -o DPkg::Lock::Timeout=900 update -qq >&2 || skip "apt-get update failed (offline? no package mirror?)"
$sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq slurm-wlm munge >&2 || skip "apt-get install -y slurm-wlm munge failed"

missing=()
for c in "${needed[@]}"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
[ ${#missing[@]} -eq 0 ] || skip "still missing after installing slurm-wlm munge: ${missing[*]}"
echo "install-deps: slurm-wlm and munge installed" >&2
