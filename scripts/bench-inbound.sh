#!/usr/bin/env bash
# Inbound benchmark: 20 agents with a desk-phone SIM each, callers ringing them at 2 a second for S seconds
# (default 300); prints the median and p99 from RING at the emulated modem to the box ringing the agent
# (the screen pop), and the CPU time per call. The DTMF detector's figures: scripts/bench-dtmf.sh.
# Usage: scripts/bench-inbound.sh [SECONDS] [CALLS_PER_SECOND] [AGENTS]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.InboundBench "$@"
