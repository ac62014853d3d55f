#!/usr/bin/env bash
# Group-call pacing benchmark: a seeded simulation (no audio, no modems; research dialer-acd-goip.md §1.7) of
# the VICIdial-style baseline, the seeds' fixed ratio 0.2-1.0, progressive and the box's adaptive pacer for
# 5/10/20/30 agents, answer rates 15 %/30 %, talk 60 s/120 s; prints occupancy, abandoned rate, connects per
# agent-hour and wait per cell, and whether the adaptive mode met its goals.
# Usage: scripts/bench-pacing.sh [SEEDS] [SHIFT_HOURS]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.PacingBench "$@"
