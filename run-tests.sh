#!/usr/bin/env bash
# Runs every ulvm test: unit tests, CLI tests, end-to-end suites against real LVM2, FUSE and loop devices.
# On a fresh machine it first installs what the tests need (apt-get; run as root or with sudo).
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
"$HERE/scripts/install-deps.sh"
cd "$HERE"
exec mvn -B -ntp verify "$@"
