#!/usr/bin/env bash
# Click-to-call benchmark: N calls (default 1000) through the API of a simulated box; prints the median and
# p99 from HTTP request to ATD at the modem, and the CPU time per call. Usage: scripts/bench-calls.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
cd "$root"
./mvnw -B -q -DskipTests package >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile=/dev/null \
  -cp "$root/firmware-app/target/firmware-app.jar:$root/firmware-app/target/lib/*:$root/firmware-app/target/test-classes" \
  io.branchline.box.bench.ClickToCallBench "$@"
