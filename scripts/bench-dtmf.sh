#!/usr/bin/env bash
# The in-band DTMF detector: hit rate over random valid keys (levels, twist, offsets, noise, µ-law), false
# keys per hour of real speech (codec2-examples), and CPU per 20 ms frame. Usage: scripts/bench-dtmf.sh [KEYS]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
[ -d /usr/share/codec2/wav ] || { echo "bench-dtmf.sh: needs codec2-examples (apt-get install codec2-examples)" >&2; exit 4; }
cd "$root"
./mvnw -B -q -pl hw-drivers -am test-compile >&2
cp="$root/hw-drivers/target/bench.classpath"
./mvnw -B -q -pl hw-drivers dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >&2
exec "$JAVA_HOME/bin/java" -Dlogback.configurationFile=/dev/null \
  -cp "$root/hw-drivers/target/classes:$root/hw-drivers/target/test-classes:$(cat "$cp")" \
  io.branchline.hw.audio.DtmfBench "$@"
