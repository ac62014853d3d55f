# Sourced by scripts/branchline, scripts/test and .ci/run: sets JAVA_HOME to a JDK/JRE 25 or newer (the box compiles for 25: the
# foreign-function API it speaks to systemd with is final from 22).
# Order: $JAVA_HOME, then /usr/lib/jvm/* (newest first), then java on the PATH.

branchline_java_major() {
  "$1" -version 2>&1 | head -n 1 | sed -E 's/^[^"]*"([0-9]+)(\.[^"]*)?".*$/\1/; s/^[^"]*"1\.([0-9]+).*$/\1/'
}

branchline_find_java() {
  local want=25 candidates=() c major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  for c in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
    candidates+=("${c%/}/bin/java")
  done
  command -v java >/dev/null 2>&1 && candidates+=("$(readlink -f "$(command -v java)")")
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    major=$(branchline_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] 2>/dev/null; then
      JAVA_HOME="$(cd "$(dirname "$c")/.." && pwd)"
      export JAVA_HOME
      return 0
    fi
  done
  cat >&2 <<'MSG'
branchline: Java 25 or newer is needed, and none was found (looked at $JAVA_HOME, /usr/lib/jvm/*, PATH).
Install one, then run this again:
  Debian 13 (trixie):   sudo apt-get install -y openjdk-25-jdk-headless
  Debian 12 (bookworm): add the Adoptium repository (https://adoptium.net/installation/linux/), then
                        sudo apt-get install -y temurin-25-jdk
Or point JAVA_HOME at a JDK 25 you already have. (The .deb package brings its own runtime.)
MSG
  return 1
}
