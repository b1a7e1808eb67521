#!/usr/bin/env bash
# Ingest: time for matchmaking-service (fresh database, new consumer group) to drain a preloaded backlog of
# interest events (and the CityRegistered events of their cities) on city-events, beside Kafka's
# ConsumerPerformance on the same topic. Starts its own PostgreSQL and Kafka on free loopback ports and
# stops them again; bounded by [max drain minutes].
#
#   bash bench/scripts/events-ingest.sh [interest events, default 100000] [seed, default 20220222] [max drain minutes, default 30]
#
# On a shared machine run it under the build lock, so nothing else disturbs the measurement:
#   flock /tmp/citybridge-maven.lock bash bench/scripts/events-ingest.sh
# BENCH_SERVICE_JVM replaces the service's JVM options (default: those of the launcher); extra Maven
# options (e.g. -o) go in BENCH_MAVEN_ARGS. Result: bench/events/target/events-ingest.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl matchmaking-service,bench/events -am \
  package -DskipTests > bench/events/build.log 2>&1 || { tail -50 bench/events/build.log; exit 1; }
rm -f bench/events/build.log
jvm=()
if [ -n "${BENCH_SERVICE_JVM:-}" ]; then jvm=("-Dbench.service.jvm=${BENCH_SERVICE_JVM}"); fi
exec timeout --signal=TERM 45m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -XX:+UseParallelGC "${jvm[@]}" \
  -cp "bench/events/target/classes:$(cat bench/events/target/classpath.txt)" \
  org.citybridge.bench.events.IngestBench "$@"
