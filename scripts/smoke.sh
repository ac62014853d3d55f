#!/usr/bin/env bash
# The README's first command, for real: starts `scripts/branchline run --simulate` on a spare port, waits
# for both simulated lines through `scripts/branchline lines`, checks the API, and stops the box.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
port="${1:-18180}"
data="$(mktemp -d)"
log="$data/box.log"
"$root/scripts/branchline" --version   # builds the box first, if it needs building
"$root/scripts/branchline" run --simulate --port "$port" --data-dir "$data" >"$log" 2>&1 &
box=$!
trap 'kill "$box" 2>/dev/null || true; wait "$box" 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  if out="$("$root/scripts/branchline" lines --port "$port" 2>/dev/null)" \
     && grep -q '^sim-1 *up' <<<"$out" && grep -q '^sim-2 *PIN needed' <<<"$out"; then
    echo "$out"
    curl -fsS "http://127.0.0.1:$port/api/health"; echo
    echo "smoke: passed"
    exit 0
  fi
  kill -0 "$box" 2>/dev/null || { echo "smoke: the box exited"; cat "$log"; exit 1; }
  sleep 0.5
done
echo "smoke: the simulated lines did not come up within 60 s"; cat "$log"; exit 1
