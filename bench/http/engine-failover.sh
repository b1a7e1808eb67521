#!/usr/bin/env bash
# Matchmaking without its engine after a SIGKILL, at scale: a platform with the demo story and N more
# cities (one interest each), the engine's instance killed twice, once alone and started again (the
# baseline), once beside a standby that takes over. See org.citybridge.bench.http.EngineFailover.
#
# Usage: bench/http/engine-failover.sh [--no-build] [--cities N]   (default 10000)
# Output: bench/target/engine-failover/ (platform data and logs) and the FAILOVER lines on standard output.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HTTP_BENCH_ROOT"

BUILD=1
CITIES=10000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --cities) CITIES="$2"; shift ;;
    *) echo "Unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ $BUILD -eq 1 ]] && http_bench_build
CP="$(http_bench_classpath)"
timeout 3600 "$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$CP" org.citybridge.bench.http.EngineFailover \
  data="$HTTP_BENCH_ROOT/bench/target/engine-failover" cities="$CITIES"
