#!/usr/bin/env bash
# CRM sync benchmark: drain N call records (default 100000) to the CRM stub, records/s and peak RSS; then
# click-to-call commands issued at the stub to ATD at the modem, median and p99.
# Usage: scripts/bench-sync.sh [records] [commands]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
cd "$root"
./mvnw -B -q -DskipTests package >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile=/dev/null -Xmx512m \
  -cp "$root/firmware-app/target/firmware-app.jar:$root/firmware-app/target/lib/*:$root/firmware-app/target/test-classes" \
  io.branchline.box.bench.SyncBench "$@"
