#!/usr/bin/env bash
# The reference posing as the engine, to test the check scripts themselves:
#   Tests/reference/check.sh Tests/reference/as-engine.sh 30 v12
#   Tests/reference/check-sweep.sh Tests/reference/as-engine.sh 20
# `as-engine.sh run|sweep|solve ARGS...` runs reference.py / sweep.py (--quiet is dropped).
here=$(cd "$(dirname "$0")" && pwd)
cmd=${1:?usage: as-engine.sh run|sweep|solve ARGS...}; shift
args=(); for a in "$@"; do [ "$a" = --quiet ] || args+=("$a"); done
export PYTHONDONTWRITEBYTECODE=1
case $cmd in
  run) exec python3 "$here/reference.py" "${args[@]}" ;;
  sweep|solve) exec python3 "$here/sweep.py" "$cmd" "${args[@]}" ;;
  *) echo "as-engine.sh: unknown command $cmd" >&2; exit 2 ;;
esac
