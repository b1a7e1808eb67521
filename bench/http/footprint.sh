#!/usr/bin/env bash
# Footprint of each service: time from starting the JVM until /q/health/ready answers 200, and resident
# memory (VmRSS from /proc) after 20 s idle. Each service jar is started alone on a free loopback port
# against running PostgreSQL, Kafka and Keycloak, with the launcher's JVM options: run 1 on an empty
# database (Flyway creates the schema), runs 2 and 3 on the migrated one. Targets: <= 3 s, <= 250 MB.
#
# Usage: bench/http/footprint.sh [--no-build] [--against-fast-jar] [--runs N] [--idle S] [--variant LABEL "-Xmx128m|-XX:+UseSerialGC|env:NAME=v"]...
# Without --variant: the launcher's JVM options. Each --variant (repeatable) is measured in turn against
# the same infrastructure, with the options separated by | (env:NAME=value sets an environment variable
# of the service; app:FOLDER runs each service from <module>/target/FOLDER/quarkus-run.jar, a copy of
# another build's quarkus-app; launcher stands for the launcher's default JVM options). Output and a summary go
# to bench/target/footprint/. Stops everything it started.
#
# The figures in RESULTS.md compare with the packaging before the class data archive (fast-jar), in one command:
#   bench/http/footprint.sh --against-fast-jar --runs 3 --idle 10
# It first packages the services as fast-jar into <module>/target/quarkus-app-fast-jar, then builds as usual
# and measures the variants fast-jar and archive (the launcher's options on each packaging), in that order.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HTTP_BENCH_ROOT"

BUILD=1
RUNS=3
VARIANTS=()
IDLE=20
AGAINST_FAST_JAR=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --against-fast-jar) AGAINST_FAST_JAR=1 ;;
    --runs) RUNS="$2"; shift ;;
    --idle) IDLE="$2"; shift ;;
    --variant) VARIANTS+=("variant.$2=$3"); shift 2 ;;
    *) echo "Unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
if [[ $AGAINST_FAST_JAR -eq 1 ]]; then
  echo "Packaging the services as fast-jar (no class data archive) for the baseline..."
  ./mvnw -B -q -ntp -pl cities-service,clusters-service,matchmaking-service -am package -DskipTests \
    -Dquarkus.package.jar.aot.enabled=false
  for s in cities-service clusters-service matchmaking-service; do
    rm -rf "$s/target/quarkus-app-fast-jar"
    cp -a "$s/target/quarkus-app" "$s/target/quarkus-app-fast-jar"
  done
  BUILD=1 # the services' own packaging again, with its archive
  VARIANTS=("variant.fast-jar=launcher|app:quarkus-app-fast-jar" "variant.archive=launcher" "${VARIANTS[@]}")
fi
[[ $BUILD -eq 1 ]] && http_bench_build
CP="$(http_bench_classpath)"
OUT="$HTTP_BENCH_ROOT/bench/target/footprint"
mkdir -p "$OUT"
RAW="$OUT/raw-$(date -u +%Y%m%dT%H%M%SZ).txt"

# timeout: the run stops by itself; the Java side stops what it started on exit
timeout 900 "$JAVA" -Xmx256m -XX:+UseSerialGC -cp "$CP" org.citybridge.bench.http.Footprint data="$OUT/data" \
  runs="$RUNS" idleSeconds="$IDLE" "${VARIANTS[@]}" 2>&1 | tee "$RAW"

SUMMARY="$OUT/summary-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "## Footprint, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, idle ${IDLE} s"
  echo
  echo "| JVM options | service | ready, empty database (s) | ready, migrated database (s, median) | Quarkus \"started in\" (s, median of restarts) | idle RSS (MB, median) | peak RSS (MB) |"
  echo "|---|---|---|---|---|---|---|"
  for label in $(sed -n 's/^FOOTPRINT label=\([^ ]*\) .*/\1/p' "$RAW" | awk '!seen[$0]++'); do
    for service in cities-service clusters-service matchmaking-service; do
      lines=$(grep "^FOOTPRINT label=$label service=$service " "$RAW" || true)
      [[ -z "$lines" ]] && continue
      first=$(grep " run=1 " <<< "$lines" | head -1)
      rest=$(grep -v " run=1 " <<< "$lines" || true)
      readies=(); starts=(); rss=(); hwm=()
      while read -r l; do
        [[ -z "$l" ]] && continue
        readies+=("$(field "$l" ready_s)"); starts+=("$(field "$l" quarkus_started_s)")
      done <<< "$rest"
      while read -r l; do
        rss+=("$(field "$l" rss_mb)"); hwm+=("$(field "$l" hwm_mb)")
      done <<< "$lines"
      echo "| $label | $service | $(field "$first" ready_s) | $( [[ ${#readies[@]} -gt 0 ]] && median "${readies[@]}" || echo n/a) | $( [[ ${#starts[@]} -gt 0 ]] && median "${starts[@]}" || echo n/a) | $(median "${rss[@]}") | $(printf '%s\n' "${hwm[@]}" | sort -g | tail -1) |"
    done
  done
  echo
} | tee "$SUMMARY"
echo "Raw output: ${RAW#"$HTTP_BENCH_ROOT"/}"
