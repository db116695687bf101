#!/usr/bin/env bash
# Runs the console journeys (node --test + playwright-core) and the event-center tests with real
# senders against the real jar. Never downloads a browser: without Chromium the journeys are skipped, loudly.
set -euo pipefail
cd "$(dirname "$0")"
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
bash ../console/scripts/check-node.sh
bash ../console/scripts/npm-ci.sh "$PWD"
tests=(lib/*.test.mjs senders/*.test.mjs)
if [ -x "$CHROMIUM" ]; then
	tests+=(journeys/*.test.mjs)
else
	echo ""
	echo "################################################################################"
	echo "##  SKIPPED: console end-to-end journeys — no Chromium at $CHROMIUM"
	echo "##  install it (apt-get install chromium fonts-noto-cjk) to run them."
	echo "################################################################################"
	echo ""
fi
exec node --test --test-concurrency=1 --test-reporter=spec "${tests[@]}"
