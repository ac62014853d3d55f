#!/usr/bin/env bash
# Recorded-calls benchmark: N calls (default 8) recorded at once for S seconds (default 60) against emulated
# modems on real ptys; prints dropped/late frames (goal: 0) and the box's media CPU per channel (goal: under
# 1% of one core). Needs socat. Usage: scripts/bench-recording.sh [N] [S]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.RecordedCallsBench "$@"
