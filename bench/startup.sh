#!/usr/bin/env bash
# Cold start to readiness on the embedded PostgreSQL, median of N (default 5) runs.
# "first start": empty data directory (initdb, migrations, built-ins, demo data unless --no-demo);
# "restart": the same data directory again. Readiness = /actuator/health/readiness answers UP.
#   bench/startup.sh [runs] [extra tianshu args...]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
shift || true
EXTRA=("$@")

major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }
JAVA=""
for j in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
	if [ -n "$j" ] && [ -x "$j/bin/java" ] && [ "$(major "$j/bin/java")" -ge 21 ] 2>/dev/null; then JAVA="$j/bin/java"; break; fi
done
[ -n "$JAVA" ] || { echo "needs a JDK 21+" >&2; exit 1; }
JAR=server/target/tianshu.jar
[ -f "$JAR" ] || JAVA_HOME="$(dirname "$(dirname "$JAVA")")" ./mvnw -B -q -DskipTests package

# the same start as ./tianshu: from the AOT cache on JDK 25+ (BENCH_AOT=off measures the plain jar)
CMD=("$JAVA" -jar "$JAR")
if [ "${BENCH_AOT:-on}" != off ] && [ "$(major "$JAVA")" -ge 25 ]; then
	JAVA_HOME="$(dirname "$(dirname "$JAVA")")" TIANSHU_PREPARE_ONLY=1 ./tianshu
	[ -f server/target/app/tianshu.aot ] && CMD=("$JAVA" -XX:AOTCache=server/target/app/tianshu.aot -jar server/target/app/tianshu.jar)
fi
echo "start command: ${CMD[*]}"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# one start: prints milliseconds from exec to readiness, leaves the server stopped
start_once() {
	local data=$1 port
	port=$(free_port)
	local t0; t0=$(date +%s%N)
	"${CMD[@]}" --tianshu.data-dir="$data" --server.port="$port" "${EXTRA[@]}" >"$data.log" 2>&1 &
	local pid=$!
	until curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
		if ! kill -0 "$pid" 2>/dev/null; then echo "server died, see $data.log" >&2; exit 1; fi
		if (( ($(date +%s%N) - t0) / 1000000 > 120000 )); then echo "not ready after 120 s" >&2; kill "$pid"; exit 1; fi
		sleep 0.05
	done
	local t1; t1=$(date +%s%N)
	kill "$pid"; wait "$pid" 2>/dev/null || true
	echo $(( (t1 - t0) / 1000000 ))
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print int((a[NR/2]+a[NR/2+1])/2)}'; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
first=(); again=()
for i in $(seq 1 "$RUNS"); do
	d="$WORK/run$i"
	first+=("$(start_once "$d")")
	again+=("$(start_once "$d")")
	echo "run $i: first start ${first[-1]} ms, restart ${again[-1]} ms"
done
echo "cold start to readiness, median of $RUNS: first start $(printf '%s\n' "${first[@]}" | median) ms, restart $(printf '%s\n' "${again[@]}" | median) ms (target < 15000 ms)"
