#!/usr/bin/env bash
# SMS sending benchmark: N one-part messages (default 1000) through one emulated modem over a socat pty, by
# the box (SQLite-backed, status reports on), by the line alone, and by Debian's gammu in batch mode on the
# same emulator; messages per second and the box/gammu ratio. Needs socat and gammu (apt-get install).
# Usage: scripts/bench-sms.sh [messages]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.SmsBench "$@"
