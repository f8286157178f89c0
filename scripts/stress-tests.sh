#!/usr/bin/env bash
# Runs the whole test suite several times in a row while another process keeps one core busy, to show the tests do
# not depend on how fast the machine is. Usage: scripts/stress-tests.sh [runs=3] [test command="npm test"]
# Each run's log is kept in .tmp/stress/run-<n>.log; the script exits non-zero if any run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
shift || true
command=${*:-npm test}
mkdir -p .tmp/stress

# The load: a busy loop on the last core (taskset when available), like `stress --cpu 1`.
cores=$(nproc)
busy=(node -e 'for (;;) Math.sqrt(Math.random())')
if command -v taskset >/dev/null 2>&1 && [ "$cores" -gt 1 ]; then busy=(taskset -c "$((cores - 1))" "${busy[@]}"); fi
"${busy[@]}" &
load=$!
trap 'kill $load 2>/dev/null' EXIT

failed=0
for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  if $command > ".tmp/stress/run-$run.log" 2>&1; then result=green; else result=RED; failed=1; fi
  summary=$(grep -E '^Tests:' ".tmp/stress/run-$run.log" | tail -n 1)
  echo "run $run/$runs under load: $result in $(( $(date +%s) - started )) s — $summary"
done
exit $failed
