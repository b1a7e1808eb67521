#!/usr/bin/env bash
# Event to proposal latency: interest POST to cities-service until matchmaking's ProposalCreated is read
# from matchmaking-events, and until webhooks-service delivers the InterestExpressed to a subscribed
# receiver, at a fixed rate, beside the broker's own produce->consume latency at the same rate on the
# same broker. Starts the whole platform (as ./run.sh does) on free loopback ports from a
# private copy of the built services, and stops it again; about 7 minutes. The measured interests follow a
# warm-up of the same kind at the same rate (not counted), so the services' JIT has compiled their path.
#
#   bash bench/scripts/events-latency.sh [rate per second, default 50] [seconds, default 60] [warm-up seconds, default 60]
#
# On a shared machine run it under the build lock, so nothing else disturbs the measurement:
#   flock /tmp/citybridge-maven.lock bash bench/scripts/events-latency.sh
# Extra Maven options (e.g. -o) go in BENCH_MAVEN_ARGS. Result: bench/events/target/events-latency.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
# the benchmark loads data as one caller, far beyond any person's quota: the platform it starts has no rate limits
export CITYBRIDGE_RATE_LIMITS_ENABLED=false
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl cities-service,clusters-service,matchmaking-service,webhooks-service,partner-portal,bench/events -am \
  package -DskipTests > bench/events/build.log 2>&1 || { tail -50 bench/events/build.log; exit 1; }
rm -f bench/events/build.log
exec timeout --signal=TERM 20m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx1g -XX:+UseParallelGC \
  -cp "bench/events/target/classes:$(cat bench/events/target/classpath.txt)" \
  org.citybridge.bench.events.EventLatencyBench "$@"
