#!/bin/sh
# Installs Debian's Chromium and ChromeDriver for the page tests when they are missing (and only then): the browser
# always comes from the distribution's packages, never from a test tool's own download. Run by the gateway module's
# build before its tests (exec-maven-plugin, phase process-test-classes); skipped with -DskipTests.
set -eu
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    exit 0
fi
echo "install-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing: installing Debian's chromium and chromium-driver"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
    SUDO="sudo -n"
else
    echo "install-chromium: not root and no password-less sudo: run 'apt-get install chromium chromium-driver' as root" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver
