#!/usr/bin/env bash
# Exports at real volume: synthetic cities imported into a platform through POST /api/v1/cities/imports in steps
# (10,000, then 100,000 cities), and after each step GET /api/v1/cities/export streamed as CSV, NDJSON and
# GeoJSON, timed and checked, with cities-service's heap sampled meanwhile; beside it, in the same run, the
# directory read page by page.
#   bash bench/scripts/export.sh [sizes=10000,100000] [runs=3]
# The platform is started as ./run.sh starts it (without the demo story, matchmaking-service stopped) on free
# ports and stopped again. Extra Maven options go in BENCH_MAVEN_ARGS (e.g. -o). Result: bench/target/export.md.
# About 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
# the benchmark loads data as one caller, far beyond any person's quota: the platform it starts has no rate limits
export CITYBRIDGE_RATE_LIMITS_ENABLED=false
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl cities-service,clusters-service,matchmaking-service,webhooks-service,partner-portal,platform-launcher,bench -am \
  package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > bench/target-build.log 2>&1 \
  || { tail -50 bench/target-build.log; exit 1; }
rm -f bench/target-build.log
exec timeout --signal=TERM 60m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.citybridge.bench.quality.ExportBench "$@"
