#!/usr/bin/env bash
# What the box costs a small machine, side by side for JVM settings in one run: for each setting, RUNS times:
# the simulate mode with 8 modem lines (--simulate-desks 1) and 2 GoIP ports started fresh; time from process start to READY=1 (the
# sd_notify message systemd waits for, caught by a socat listener); resident memory (VmRSS) with 4 calls up
# (3 agents talking, one caller ringing the hotline, the admin signed in to the page); CPU while idle (10 s, % of one core); a CLI command
# (`lines`) end to end; then the same again on the same data folder (a restart: no migration). Prints each
# setting's medians, first start and restart. Goals (issue "The installer's day"): RSS <= 160 MB,
# ready <= 3 s, idle CPU < 1 %, CLI <= 0.5 s.
# Usage: scripts/bench-footprint.sh [RUNS]    (default 3; about 40 s per run and setting)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
runs="${1:-3}"
jar="$root/firmware-app/target/firmware-app.jar"
(cd "$root" && ./mvnw -B -q -o -DskipTests package >/dev/null 2>&1 || ./mvnw -B -q -DskipTests package >/dev/null)
work="$(mktemp -d /tmp/branchline-footprint.XXXXXX)"
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$work"' EXIT
printf 'http:\n  observe-port: 0\n' >"$work/bench.yaml"   # health and metrics on any free port

# The launcher's flags with the unit's heap (what a box runs today), and the settings tried against them.
launcher="--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError"
declare -A settings
settings[a-today]="$launcher -Xmx256m"
settings[b-lean]="$(. "$root/scripts/lib/jvm-options.sh"; printf '%s' "$BRANCHLINE_JVM_LEAN")"
# b-lean also keeps a class-data archive per role (the box, the CLI), as the launcher does: the box's made by the
# launcher's warm-up (as the package does after installing), the CLI's by its first command.
cds() { case "$1" in b-lean) echo "-XX:SharedArchiveFile=$work/cds-$2.jsa -XX:+AutoCreateSharedArchive" ;; esac; }

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }
rss_mb() { awk '/VmRSS/ {printf "%.0f\n", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

one_run() { # $1 setting name, $2 flags, $3 run number (its data folder: a second run on it is a restart)
  local flags="$2" data="$work/data-$1-${3%%-*}" sock="$work/notify-$1-$3" port out
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  socat -u "UNIX-RECV:$sock" "OPEN:$work/heard-$1-$3,creat,append" & local listener=$!
  for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.02; done
  local t0; t0=$(date +%s%N)
  # shellcheck disable=SC2086
  NOTIFY_SOCKET="$sock" "$JAVA_HOME/bin/java" $flags $(cds "$1" run) -jar "$jar" run --simulate --simulate-desks 1 --data-dir "$data" \
    --port "$port" --config "$work/bench.yaml" >"$work/box-$1-$3.log" 2>&1 & local box=$!
  for _ in $(seq 600); do grep -q READY=1 "$work/heard-$1-$3" 2>/dev/null && break; sleep 0.01; done
  local ready=$(( ($(date +%s%N) - t0) / 1000000 ))
  local name="$1"
  cli() { "$JAVA_HOME/bin/java" $flags $(cds "$name" cli) -jar "$jar" "$@" --port "$port" --data-dir "$data"; }
  local ids=()
  for a in 1001 1002 2001; do
    out=$(cli call --agent "$a" --number "139000${a}6" 2>&1) || { echo "$out" >&2; exit 1; }
    ids+=("$(sed -nE 's/^call ([0-9a-f-]{36}):.*/\1/p' <<<"$out")")
  done
  cli ring --line hotline --from 13912345678 >/dev/null 2>&1
  # The office admin signs in to the page (an argon2 hash: 7 MiB of work area while it runs).
  local demo; demo=$(sed -nE 's/.*sign in as demo with the one-time password ([A-Za-z0-9]+).*/\1/p' "$work/box-$1-$3.log")
  local signed; signed=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"demo\",\"password\":\"$demo\"}" "http://127.0.0.1:$port/api/session")
  [ "$signed" = 200 ] || echo "bench-footprint: the sign-in answered $signed, not 200" >&2
  sleep 6
  local rss; rss=$(rss_mb "$box")
  for id in "${ids[@]}"; do cli hangup --call "$id" >/dev/null 2>&1 || true; done
  cli ring --line hotline --hang-up >/dev/null 2>&1 || true
  sleep 5
  local c0 c1; c0=$(cpu_ticks "$box"); sleep 10; c1=$(cpu_ticks "$box")
  local idle; idle=$(awk -v d=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", d / hz / 10 * 100}')
  local times=()
  for _ in 1 2 3 4 5; do
    local s; s=$(date +%s%N); cli lines >/dev/null; times+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  local cliMs; cliMs=$(printf '%s\n' "${times[@]}" | median)
  kill "$box" "$listener" 2>/dev/null; wait "$box" 2>/dev/null || true
  echo "$ready $rss $idle $cliMs"
}

echo "footprint: simulate mode, 8 modem lines and 2 GoIP ports, 4 calls up; $runs runs per setting (medians); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
printf '%-10s | %9s | %13s | %12s | %9s\n' setting "ready ms" "RSS MB 4 calls" "idle CPU %" "CLI ms"
for name in $(printf '%s\n' "${!settings[@]}" | sort); do
  rm -f "$work"/cds-*.jsa
  if [ "$name" = b-lean ]; then
    CACHE_DIRECTORY="$work/cache" "$root/scripts/branchline" warm-up >&2
    mv "$work"/cache/box-*.jsa "$work/cds-run.jsa"
  fi
  first=(); again=()
  for r in $(seq "$runs"); do
    first+=("$(one_run "$name" "${settings[$name]}" "$r")")          # a fresh data folder: the schema is migrated
    again+=("$(one_run "$name" "${settings[$name]}" "$r-restart")")  # the same folder again: a box's every other start
  done
  col() { local -n rows=$1; printf '%s\n' "${rows[@]}" | awk -v c="$2" '{print $c}' | median; }
  printf '%-10s | %9s | %13s | %12s | %9s\n' "$name" "$(col first 1)" "$(col first 2)" "$(col first 3)" "$(col first 4)"
  printf '%-10s | %9s | %13s | %12s | %9s\n' "  restart" "$(col again 1)" "$(col again 2)" "$(col again 3)" "$(col again 4)"
done
echo "settings:"
for name in $(printf '%s\n' "${!settings[@]}" | sort); do echo "  $name: ${settings[$name]}"; done
