#!/usr/bin/env bash
# Real data at real volume: the cities and partnerships of a twinning file imported into a platform through
# the public API's imports (POST /api/v1/cities/imports, then /api/v1/partnerships/imports), timed until every
# event is consumed and every city ranked; beside it, in the same run, partnerships recorded one POST at a
# time, and a live interest stated during the import, timed until its proposal shows.
#   bash bench/scripts/real-import.sh [data=PATH] [baseline-seconds=20] [cities=N partnerships=M [seed=S]] [warmup=W [restart=true]] [dry-run=true] [restart-after=true]
# With baseline-seconds=0 every partnership goes through the import, so that two runs compare as they stand.
# With cities and partnerships the file's world is first grown to that size by synthetic copies of its cities
# and links (same countries and degrees; see TwinningData.grownTo), for the volume the file does not reach.
# With warmup=W the platform first imports W other cities (another interest) and W partnerships among them,
# untimed, so that the timed import meets warm services, as a platform in service would.
# With restart=true as well, every service is restarted after the warm-up: warm stores, cold service JVMs.
# With dry-run=true the cities file is first checked with dryRun=true (nothing written), timed on its own.
# With restart-after=true matchmaking is restarted at the end: the open proposals before and after, compared.
# The default file is the shared real twinning data beside the repository (../shared/data/twin-cities-dev.csv).
# The platform is started as ./run.sh starts it (without the demo story) on free ports and stopped again.
# Extra Maven options go in BENCH_MAVEN_ARGS (e.g. -o). Result: bench/target/real-import.md. About 5 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
# the benchmark loads data as one caller, far beyond any person's quota: the platform it starts has no rate limits
export CITYBRIDGE_RATE_LIMITS_ENABLED=false
./mvnw -B -q ${BENCH_MAVEN_ARGS:-} -Pbench -pl cities-service,clusters-service,matchmaking-service,webhooks-service,partner-portal,platform-launcher,bench -am \
  package -DskipTests dependency:build-classpath -Dmdep.outputFile=target/classpath.txt > bench/target-build.log 2>&1 \
  || { tail -50 bench/target-build.log; exit 1; }
rm -f bench/target-build.log
exec timeout --signal=TERM 60m "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx2g \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" org.citybridge.bench.quality.ImportBench "$@"
