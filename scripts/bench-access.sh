#!/usr/bin/env bash
# What the API's door costs: an argon2id password hash, a login, and a page of call records with an
# unmasked and a masked token side by side (medians, and their ratio). Usage: scripts/bench-access.sh [ROUNDS]
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib/firmware-main.sh"
run_firmware_main io.branchline.box.bench.AccessBench "$@"
