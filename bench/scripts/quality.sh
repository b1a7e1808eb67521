#!/usr/bin/env bash
# Matchmaking quality on real twinning links: recall@10 and MRR@10 of CityBridge (as served, and with
# weights fitted on the known history) beside simple link predictors, on one split of a twinning file.
#   bash bench/scripts/quality.sh [data=PATH] [seed=N] [held-out=0.1] [api=true]
# The default file is the shared real twinning data beside the repository (../shared/data/twin-cities-dev.csv).
# api=true runs the same protocol through the public API of a platform it starts (as ./run.sh does, on
# free ports, without the demo story) and stops, beside the engine in-process: about 15 minutes.
# Extra Maven options go in BENCH_MAVEN_ARGS (e.g. -o). Result: bench/target/quality.md (quality-api.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
# the benchmark loads data as one caller, far beyond any person's quota: the platform it starts has no rate limits
export CITYBRIDGE_RATE_LIMITS_ENABLED=false
modules=bench
case " $* " in *" api=true "*) modules=cities-service,clusters-service,matchmaking-service,webhooks-service,partner-portal,platform-launcher,bench ;; esac
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl "$modules" -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > bench/target-build.log 2>&1 \
  || { tail -50 bench/target-build.log; exit 1; }
rm -f bench/target-build.log
exec timeout --signal=TERM 60m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx6g -XX:+UseParallelGC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.citybridge.bench.quality.QualityBench "$@"
