#!/usr/bin/env bash
# Appends/s of the audit hash chain with 1 and 8 concurrent writers.
# Usage: bench/audit/run.sh [appends-per-writer]   (from the repository root; builds the server classes)
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl server compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
CP="server/target/classes:$(cat server/target/bench-classpath.txt)"
exec java -cp "$CP" bench/audit/AuditAppendBench.java "$@"
