#!/usr/bin/env bash
# CRM sync benchmark: drain N call records (default 100000) to the CRM stub, records/s and peak RSS; then
# click-to-call commands issued at the stub to ATD at the modem, median and p99.
# Usage: scripts/bench-sync.sh [records] [commands]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.SyncBench "$@"
