#!/usr/bin/env bash
# CMDB benchmark: 100,000 CIs and 300,000 relations imported over the HTTP API into a fresh
# server, then p50/p99 of CI search, impact (depth 4) and point-in-time views.
#   bench/cmdb/run.sh [samples]        (from anywhere; builds the jar when missing)
# The generated files and the data directory live in a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLES=${1:-300}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
[ -x "$JAVA" ] || JAVA=java
JAR=server/target/tianshu.jar
[ -f "$JAR" ] || JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -B -q package -pl server -DskipTests
WORK=$(mktemp -d)
trap 'kill "${PID:-0}" 2>/dev/null || true; wait "${PID:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$JAVA" bench/cmdb/Generate.java "$WORK/files"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$JAVA" ${BENCH_JVM_OPTS:-} -jar "$JAR" --no-demo --server.port="$PORT" --tianshu.data-dir="$WORK/data" >"$WORK/server.log" 2>&1 &
PID=$!
until curl -fsS "http://127.0.0.1:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
	kill -0 "$PID" 2>/dev/null || { echo "server died:"; tail -50 "$WORK/server.log"; exit 1; }
	sleep 0.5
done
echo "server ready on port $PORT ($(nproc) cores)"
"$JAVA" bench/cmdb/Bench.java "http://127.0.0.1:$PORT" "$WORK/data" "$WORK/files" "$SAMPLES" || { tail -80 "$WORK/server.log"; exit 1; }
