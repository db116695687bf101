#!/usr/bin/env bash
# Runs the console journeys (node --test + playwright-core) against the real jar, in Debian's
# Chromium. Never downloads a browser: without Chromium the journeys are skipped, loudly.
set -euo pipefail
cd "$(dirname "$0")"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
	echo ""
	echo "################################################################################"
	echo "##  SKIPPED: console end-to-end journeys — no Chromium at $CHROMIUM"
	echo "##  install it (apt-get install chromium fonts-noto-cjk) to run them."
	echo "################################################################################"
	echo ""
	exit 0
fi
bash ../console/scripts/check-node.sh
bash ../console/scripts/npm-ci.sh "$PWD"
exec node --test --test-concurrency=1 --test-reporter=spec lib/*.test.mjs journeys/*.test.mjs
