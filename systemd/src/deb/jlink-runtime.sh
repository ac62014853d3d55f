#!/bin/sh
# The package's own Java runtime: jlink of the JDK Maven runs on ($1) links modules $3 of the target JDK ($2)
# into $4. Trimmed: no debug symbols, man pages or headers; English and Chinese locale data only.
# Same JDK: a JDK without jmods (Temurin 24+) links from its own run-time image. Another JDK (an arm64 one for
# a Pi, same version): its jmods are linked, so it must have them.
set -eu
host=$1 target=$2 modules=$3 out=$4
rm -rf "$out"
mkdir -p "$(dirname "$out")"
modpath=""
if [ "$(cd "$target" && pwd -P)" != "$(cd "$host" && pwd -P)" ]; then
  [ -d "$target/jmods" ] || { echo "jlink-runtime: $target has no jmods to link for another machine" >&2; exit 1; }
  modpath="--module-path $target/jmods"
fi
# shellcheck disable=SC2086
"$host/bin/jlink" $modpath --add-modules "$modules" --include-locales=en,zh --strip-debug --no-man-pages \
  --no-header-files --compress=zip-6 --generate-cds-archive --output "$out" >/dev/null
# The base class-data archive for compact object headers too (the launcher runs with them; without it the JVM
# maps no archive at all, and the launcher's per-role archives cannot be made). Only a runtime this machine runs.
if [ -z "$modpath" ]; then
  "$out/bin/java" -XX:+UseCompactObjectHeaders -Xshare:dump -XX:SharedArchiveFile="$out/lib/server/classes_coh.jsa" \
    >/dev/null
fi
