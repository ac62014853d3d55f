#!/usr/bin/env bash
# Click-to-call benchmark: N calls (default 1000) through the API of a simulated box; prints the median and
# p99 from HTTP request to ATD at the modem, and the CPU time per call. Usage: scripts/bench-calls.sh [N]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.ClickToCallBench "$@"
