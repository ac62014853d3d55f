#!/usr/bin/env bash
# GoIP receive benchmark: the time from an emulated GoIP port's RECEIVE datagram to the box's acknowledgement
# (the text kept in the outbox) and to the CRM stub storing the sms event; one at a time, then a burst.
# Usage: scripts/bench-goip.sh [messages, default 500]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.GoipReceiveBench "$@"
