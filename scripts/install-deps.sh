#!/usr/bin/env bash
# Installs what the tests need and a fresh machine may lack: redis-server.
# On Debian or Ubuntu it uses apt-get (as root, or through sudo); otherwise,
# or without the rights, it says exactly what to run and fails.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
	exit 0
fi
echo "redis-server is missing; installing it from the distribution's packages" >&2
if command -v apt-get >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo="sudo -n"
		else
			echo "cannot install redis-server without root. Run:" >&2
			echo "  sudo apt-get update && sudo apt-get install -y redis-server" >&2
			exit 1
		fi
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq
	$sudo apt-get install -y -qq --no-install-recommends redis-server >/dev/null
	# The package may start a system service; the tests start their own.
	command -v redis-server >/dev/null 2>&1 || { echo "redis-server still missing after apt-get install" >&2; exit 1; }
	exit 0
fi
echo "redis-server is required by the tests. Install it with your package manager" >&2
echo "(Debian/Ubuntu: apt-get install redis-server; Alpine: apk add redis; macOS: brew install redis)." >&2
exit 1
