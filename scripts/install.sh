#!/usr/bin/env bash
# Installs Branchline from this checkout on the box: sudo scripts/install.sh
#   /opt/branchline/{bin,lib}            the launcher and the jars
#   /etc/branchline/branchline.yaml      the configuration (kept if present)
#   /etc/systemd/system/branchline.service, /etc/udev/rules.d/99-branchline-modems.rules
# Then: sudo systemctl enable --now branchline
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (sudo)" >&2; exit 2; }
. "$root/scripts/lib/find-java.sh"
branchline_find_java || exit 4
(cd "$root" && ./mvnw -B -q -DskipTests package)
id branchline >/dev/null 2>&1 || useradd --system --home /var/lib/branchline --shell /usr/sbin/nologin branchline
usermod -aG dialout branchline
install -d /opt/branchline/bin /opt/branchline/lib/lib /etc/branchline
install -m 0755 "$root/scripts/branchline" /opt/branchline/bin/branchline
install -d /opt/branchline/bin/lib
install -m 0644 "$root/scripts/lib/find-java.sh" /opt/branchline/bin/lib/find-java.sh
install -m 0644 "$root/scripts/lib/jvm-options.sh" /opt/branchline/bin/lib/jvm-options.sh
install -m 0644 "$root/firmware-app/target/firmware-app.jar" /opt/branchline/lib/firmware-app.jar
rm -f /opt/branchline/lib/lib/*.jar
install -m 0644 "$root"/firmware-app/target/lib/*.jar /opt/branchline/lib/lib/
install -m 0644 "$root/README.md" /opt/branchline/README.md
[ -f /etc/branchline/branchline.yaml ] || install -m 0640 -g branchline "$root/docs/branchline.example.yaml" /etc/branchline/branchline.yaml
install -m 0644 "$root/systemd/branchline.service" /etc/systemd/system/branchline.service
install -m 0644 "$root/systemd/99-branchline-modems.rules" /etc/udev/rules.d/99-branchline-modems.rules
if command -v udevadm >/dev/null 2>&1; then udevadm control --reload || true; udevadm trigger || true; fi
if command -v systemctl >/dev/null 2>&1; then systemctl daemon-reload || true; fi
# The box's class-data archive, as the package makes it (see README): not fatal, the box can record its own.
install -d -o branchline -g branchline -m 0755 /var/cache/branchline
runuser -u branchline -- env CACHE_DIRECTORY=/var/cache/branchline /opt/branchline/bin/branchline warm-up || true
echo "installed. Next: /opt/branchline/bin/branchline doctor, edit /etc/branchline/branchline.yaml, then"
echo "  sudo systemctl enable --now branchline && /opt/branchline/bin/branchline lines"
