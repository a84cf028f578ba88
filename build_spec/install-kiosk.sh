#!/usr/bin/env bash
# Install a built kiosk (dist/kiosk from PyInstaller) on a Debian station PC, as root:
#   bash build_spec/install-kiosk.sh dist/kiosk
set -euo pipefail
built=${1:?usage: install-kiosk.sh BUILT_FOLDER}
apt-get install -y cage libpulse0  # libpulse0: QtMultimedia (the camera) links against it
id kiosk >/dev/null 2>&1 || useradd --system --create-home --groups video,input,render,dialout,lp kiosk
install -d -m 0700 -o kiosk -g kiosk /var/lib/station-kiosk  # the riders' data: the kiosk user's alone
rm -rf /opt/station-kiosk && cp -a "$built" /opt/station-kiosk
install -m 0644 "$(dirname "$0")"/systemd/station-kiosk.service /etc/systemd/system/
install -m 0644 "$(dirname "$0")"/systemd/station-kiosk-sync.service /etc/systemd/system/
systemctl daemon-reload
systemctl enable --now station-kiosk.service station-kiosk-sync.service
echo "Installed. Enrol with: sudo -u kiosk KIOSK_DATA_DIR=/var/lib/station-kiosk /opt/station-kiosk/kiosk enrol --hub URL --code CODE"
