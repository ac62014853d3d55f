#!/usr/bin/env bash
# The Debian package, installed for real (run by scripts/test as root; needs root and Debian's mirror):
#   1. builds it twice from clean and checks the two are the same bytes (reproducible);
#   2. makes a fresh Debian 12 root with debootstrap and installs the package there with apt;
#   3. checks the user, its groups, the files' owners and modes;
#   4. starts the box from the package (its own runtime, as the box's user) in simulate mode, and asks it over
#      HTTP and through the packaged CLI;
#   5. apt remove keeps the data and the configuration; apt purge takes away all the package added.
# Usage: scripts/test-deb.sh [WORK_DIR]   (default /tmp/branchline-deb-test; removed at the end)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="${1:-/tmp/branchline-deb-test}"
[ "$(id -u)" = 0 ] || { echo "test-deb: needs root (debootstrap, chroot)" >&2; exit 4; }
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
export DEBIAN_FRONTEND=noninteractive
command -v debootstrap >/dev/null 2>&1 || { apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }

say() { printf 'test-deb: %s\n' "$*"; }
fail() { printf 'test-deb: FAILED: %s\n' "$*" >&2; exit 1; }

chroot_dir="$work/root"
cleanup() {
  [ -n "${box_pid:-}" ] && kill "$box_pid" 2>/dev/null || true
  for m in proc dev/pts dev sys; do umount -l "$chroot_dir/$m" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
rm -rf "$work"
mkdir -p "$work"

# 1. Two clean builds, one result.
cd "$root"
deb="systemd/target/branchline_$(./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null)_amd64.deb"
started=$(date +%s)
./mvnw -B -q -Pdeb -DskipTests clean package >"$work/build1.log" 2>&1 || { tail -30 "$work/build1.log"; fail "package build"; }
first=$(sha256sum "$deb" | cut -d' ' -f1)
cp "$deb" "$work/branchline.deb"
./mvnw -B -q -Pdeb -DskipTests clean package >"$work/build2.log" 2>&1 || { tail -30 "$work/build2.log"; fail "second build"; }
second=$(sha256sum "$deb" | cut -d' ' -f1)
[ "$first" = "$second" ] || fail "two builds of one commit differ: $first vs $second"
say "reproducible: two clean builds give $first ($(du -h "$deb" | cut -f1), $(( $(date +%s) - started )) s for both)"

# 2. A fresh Debian 12 and the package installed there as an installer would.
started=$(date +%s)
debootstrap --variant=minbase bookworm "$chroot_dir" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log"; fail "debootstrap"; }
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
mount -t proc proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"
mount --bind /dev/pts "$chroot_dir/dev/pts"
mount -t sysfs sys "$chroot_dir/sys"
in_root() { chroot "$chroot_dir" "$@"; }
[ ! -e "$chroot_dir/usr/bin/java" ] || fail "the fresh root already has a java"
cp "$work/branchline.deb" "$chroot_dir/tmp/branchline.deb"
in_root apt-get update -qq >/dev/null
in_root apt-get install -y -qq /tmp/branchline.deb >"$work/install.log" 2>&1 || { tail -30 "$work/install.log"; fail "apt install"; }
say "installed on a fresh Debian 12 root in $(( $(date +%s) - started )) s (debootstrap and apt)"

# 3. Who the box runs as, and what it may read.
groups=$(in_root id -nG branchline)
for g in branchline dialout audio gpio; do
  [[ " $groups " == *" $g "* ]] || fail "the branchline user is not in $g (it is in: $groups)"
done
[ "$(in_root stat -c '%U:%G %a' /etc/branchline/branchline.yaml)" = "root:branchline 640" ] || fail "config owner/mode: $(in_root stat -c '%U:%G %a' /etc/branchline/branchline.yaml)"
[ "$(in_root stat -c '%U:%G %a' /var/lib/branchline)" = "branchline:branchline 750" ] || fail "data folder owner/mode"
[ -f "$chroot_dir/lib/systemd/system/branchline.service" ] || fail "no unit"
[ -f "$chroot_dir/lib/udev/rules.d/99-branchline-modems.rules" ] || fail "no udev rule"
grep -q '^/etc/branchline/branchline.yaml$' "$chroot_dir/var/lib/dpkg/info/branchline.conffiles" || fail "the configuration is not a conffile"
[ -L "$chroot_dir/etc/systemd/system/multi-user.target.wants/branchline.service" ] || fail "not enabled at install"
say "user branchline in: $groups; configuration root:branchline 0640; data folder 0750"
archive=$(ls "$chroot_dir"/var/cache/branchline/box-*.jsa 2>/dev/null | head -n 1)
[ -n "$archive" ] || { tail -30 "$work/install.log"; fail "the package's warm-up made no class-data archive for the box"; }
archive_sum=$(sha256sum "$archive" | cut -d' ' -f1)
say "the warm-up made the box's class-data archive at install ($(du -h "$archive" | cut -f1))"

# 4. The box from the package, in simulate mode, as its own user.
port=18090
cat >"$chroot_dir/tmp/sim.yaml" <<EOF
http:
  port: $port
  observe-port: $((port + 1))
EOF
chmod 644 "$chroot_dir/tmp/sim.yaml"
chroot --userspec=branchline:branchline --groups=dialout,audio,gpio "$chroot_dir" \
  env HOME=/var/lib/branchline CACHE_DIRECTORY=/var/cache/branchline /opt/branchline/bin/branchline run --simulate --config /tmp/sim.yaml \
  --data-dir /var/lib/branchline/simulate >"$work/box.log" 2>&1 &
box_pid=$!
started=$(date +%s%N)
for _ in $(seq 1 240); do
  curl -fsS -m 2 "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 "$box_pid" 2>/dev/null || { tail -80 "$work/box.log"; fail "the box stopped"; }
  sleep 0.25
done
curl -fsS -m 2 "http://127.0.0.1:$port/api/health" | grep -q '"simulate":true' || { tail -30 "$work/box.log"; fail "no answer from the box"; }
say "the packaged box answers after $(( ($(date +%s%N) - started) / 1000000 )) ms"
pgrep -f "/opt/branchline/runtime/bin/java" >/dev/null || fail "the box does not run on the package's runtime"
curl -fsS -m 5 "http://127.0.0.1:$((port + 1))/health" | grep -q '"status":"UP"' || fail "/health is not UP"
lines=$(chroot --userspec=branchline:branchline "$chroot_dir" env HOME=/var/lib/branchline /usr/bin/branchline lines \
  --port "$port" --data-dir /var/lib/branchline/simulate 2>&1) || { echo "$lines"; fail "branchline lines"; }
[[ "$lines" == *"sim-1"* ]] || { echo "$lines"; fail "the CLI does not list the lines"; }
ls "$chroot_dir"/var/lib/branchline/.cache/branchline/cli-*.jsa >/dev/null 2>&1 || fail "the CLI made no class-data archive (a runtime without its base archive?)"
say "the packaged CLI lists $(($(echo "$lines" | wc -l) - 1)) lines; /health is UP; the CLI's class-data archive is there"
kill "$box_pid"
wait "$box_pid" 2>/dev/null || true
box_pid=""
# Started as the service is (its CacheDirectory), the box mapped the warm-up's archive: a JVM that could not
# would have recorded and rewritten it as it stopped (SIGTERM, as systemctl stop).
[ "$(sha256sum "$archive" | cut -d' ' -f1)" = "$archive_sum" ] || fail "the box did not map the warm-up's archive (it was rewritten)"

# 5. remove keeps, purge takes away.
in_root apt-get remove -y -qq branchline >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "apt remove"; }
[ ! -e "$chroot_dir/opt/branchline/lib/firmware-app.jar" ] || fail "remove left the program"
[ -f "$chroot_dir/etc/branchline/branchline.yaml" ] || fail "remove took the configuration"
[ -f "$chroot_dir/var/lib/branchline/simulate/branchline.db" ] || fail "remove took the data"
in_root apt-get purge -y -qq branchline >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "apt purge"; }
[ ! -e "$chroot_dir/etc/branchline" ] || fail "purge left /etc/branchline"
[ ! -e "$chroot_dir/var/lib/branchline" ] || fail "purge left /var/lib/branchline"
[ ! -e "$chroot_dir/var/cache/branchline" ] || fail "purge left /var/cache/branchline"
[ ! -e "$chroot_dir/etc/systemd/system/multi-user.target.wants/branchline.service" ] || fail "purge left the unit enabled"
[ ! -e "$chroot_dir/opt/branchline" ] || fail "purge left /opt/branchline: $(find "$chroot_dir/opt/branchline" | head)"
! in_root getent passwd branchline >/dev/null || fail "purge left the user"
say "remove kept the configuration and the data; purge took away the folders and the user"
say "passed"
