#!/bin/sh
# Runs after the deb is installed. It replaces electron-builder's default after-install script, so it
# does that script's two jobs too: the badge-ide command on PATH (the app runs the CLI when started
# with a command: `badge-ide --help`) and the Chromium sandbox helper's mode.
set -e
app='/opt/Badge IDE'
ln -sf "$app/badge-ide" /usr/bin/badge-ide
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app/chrome-sandbox" || true
else
  chmod 4755 "$app/chrome-sandbox" || true
fi
# The udev rule, so the badge's serial port is usable without joining a group.
install -m 0644 "$app/resources/resources/99-badge-ide.rules" /etc/udev/rules.d/99-badge-ide.rules || true
udevadm control --reload-rules 2>/dev/null || true
udevadm trigger 2>/dev/null || true
