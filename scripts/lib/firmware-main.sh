# Sourced by the firmware-app benchmark scripts: builds the box (tests compiled, not run) and runs one
# main class from its test classes. Usage: run_firmware_main CLASS [ARGS...]
run_firmware_main() {
  local root
  root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
  . "$root/scripts/lib/find-java.sh"
  branchline_find_java || exit 4
  (cd "$root" && ./mvnw -B -q -DskipTests package >&2)
  local main="$1"
  shift
  # The box's own logging (LogFormat), warnings only: an empty logback file would fall back to Logback's
  # default, every jOOQ statement at DEBUG on the console, which slowed the figures it was meant to hide.
  BRANCHLINE_LOG_LEVEL="${BRANCHLINE_LOG_LEVEL:-WARN}" exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
    -cp "$root/firmware-app/target/firmware-app.jar:$root/firmware-app/target/lib/*:$root/firmware-app/target/test-classes" \
    "$main" "$@"
}
