#!/bin/sh
# Installs the udev rule so the badge's serial port is usable without joining a group.
set -e
install -m 0644 /opt/Badge\ IDE/resources/resources/99-badge-ide.rules /etc/udev/rules.d/99-badge-ide.rules || true
udevadm control --reload-rules 2>/dev/null || true
udevadm trigger 2>/dev/null || true
