#!/usr/bin/env bash
# Fails the Maven build with a clear message when Node.js >= 20 (with npm) is not installed.
set -euo pipefail
need=20
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	echo "" >&2
	echo "ERROR: building the Tianshu console needs Node.js ${need} or newer with npm, and none was found on PATH." >&2
	echo "       Install it (Debian: apt-get install nodejs npm, or a Node.js ${need}+ distribution) and build again." >&2
	exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt "$need" ]; then
	echo "" >&2
	echo "ERROR: building the Tianshu console needs Node.js ${need} or newer; found $(node --version) at $(command -v node)." >&2
	exit 1
fi
echo "console: using Node.js $(node --version), npm $(npm --version)"
