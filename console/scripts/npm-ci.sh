#!/usr/bin/env bash
# npm ci in the given folder (default: the console), skipped when node_modules is already
# installed from the current package-lock.json.
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
	echo "$(basename "$PWD"): node_modules up to date with package-lock.json, skipping npm ci"
	exit 0
fi
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
