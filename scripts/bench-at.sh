#!/usr/bin/env bash
# AT engine benchmark over real ptys (socat): round-trip latency against the bare-echo floor, and URC loss
# under 1,000 URCs/s. Prints medians and p99. Usage: scripts/bench-at.sh [round trips] [URC seconds]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
command -v socat >/dev/null || { echo "bench-at.sh: needs socat (apt-get install socat)" >&2; exit 4; }
cd "$root"
./mvnw -B -q -pl hw-drivers -am test-compile >&2
cp="$root/hw-drivers/target/bench.classpath"
./mvnw -B -q -pl hw-drivers dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >&2
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dlogback.configurationFile=/dev/null \
  -cp "$root/hw-drivers/target/classes:$root/hw-drivers/target/test-classes:$(cat "$cp")" \
  io.branchline.hw.bench.AtBench "$@"
