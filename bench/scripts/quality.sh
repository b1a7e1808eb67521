#!/usr/bin/env bash
# Matchmaking quality on real twinning links: recall@10 and MRR@10 of CityBridge (as served, and with
# weights fitted on the known history) beside simple link predictors, on one split of a twinning file.
#   bash bench/scripts/quality.sh [data=PATH] [seed=N] [held-out=0.1]
# The default file is the shared real twinning data beside the repository (../shared/data/twin-cities-dev.csv).
# Extra Maven options go in BENCH_MAVEN_ARGS (e.g. -o). Result: bench/target/quality.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl bench -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > bench/target-build.log 2>&1 \
  || { tail -50 bench/target-build.log; exit 1; }
rm -f bench/target-build.log
exec timeout --signal=TERM 60m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx6g -XX:+UseParallelGC \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.citybridge.bench.quality.QualityBench "$@"
