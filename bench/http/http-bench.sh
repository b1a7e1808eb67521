#!/usr/bin/env bash
# HTTP benchmarks of cities-service, each beside a baseline measured in the same run on the same
# PostgreSQL (loopback only; bounded in time; stops everything it started):
#   reads      GET /api/v1/cities/{id} with wrk at fixed concurrency, beside pgbench -S and a pgbench
#              script running the same two queries as the endpoint; then open-loop reads at half the
#              wrk rate (p99 target <= 20 ms)
#   sustained  300 req/s open-loop for 60 s, mixed reads and writes (target 0 errors, p99 <= 100 ms), then
#              200 and 150 req/s with the same mix and 300 req/s with fewer writes (SUSTAINED_STAGES="rate:mix ..."
#              replaces these stages)
#   writes     POST /api/v1/cities/{id}/interests with wrk (the officer of Luoyang on its own city; the
#              admin on random cities), beside pgbench's TPC-B-like write transaction
# (in this order: the writes leave matchmaking a backlog of events to digest for minutes).
# CITYBRIDGE_SERVICE_JVM_OPTIONS replaces the services' JVM options (see the launcher), to compare.
#
# Usage: bench/http/http-bench.sh [--no-build] [--profile] [--cities N] [--connections C] [--seconds S] [--warm-up S]
#        [reads] [writes] [sustained]
# (default: all three, 10,000 cities, 16 connections, 30 s per measurement, after a warm-up of 120 s at 150 req/s
# with 20 % writes). --profile records cities-service
# with JFR during the wrk runs, and matchmaking-service too during the first sustained stage, and prints where
# their CPU went (bench/target/http-bench/*.jfr). Raw output and a summary go to bench/target/http-bench/. Needs a JDK 17+, wrk (installed from Debian's packages if missing) and
# pgbench (Debian package postgresql-client).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$HTTP_BENCH_ROOT"

BUILD=1
PROFILE=0
CITIES=10000
CONNECTIONS=16
SECONDS_PER_RUN=30
WARM_UP=120
WHAT=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --profile) PROFILE=1 ;;
    --cities) CITIES="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --seconds) SECONDS_PER_RUN="$2"; shift ;;
    --warm-up) WARM_UP="$2"; shift ;;
    reads|writes|sustained) WHAT+=("$1") ;;
    *) echo "Unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#WHAT[@]} -eq 0 ]] && WHAT=(reads sustained writes)
wants() { [[ " ${WHAT[*]} " == *" $1 "* ]]; }

ensure_wrk
command -v pgbench > /dev/null || { echo "pgbench is missing (Debian package postgresql-client)" >&2; exit 1; }
[[ $BUILD -eq 1 ]] && http_bench_build
CP="$(http_bench_classpath)"

OUT="$HTTP_BENCH_ROOT/bench/target/http-bench"
DATA="$OUT/platform"
mkdir -p "$OUT"
RAW="$OUT/raw-$(date -u +%Y%m%dT%H%M%SZ).txt"
SUMMARY="$OUT/summary.md"
: > "$RAW"
log() { echo "$*" | tee -a "$RAW"; }

# The platform, in the background; it stops by itself after 40 minutes at the latest, when this script
# ends (its standard input closes), or on the stop file.
PLATFORM_PID=""
stop_platform() {
  if [[ -n "$PLATFORM_PID" ]] && kill -0 "$PLATFORM_PID" 2> /dev/null; then
    echo "Stopping the platform..."
    touch "$DATA/stop" 2> /dev/null || true
    for _ in $(seq 1 120); do kill -0 "$PLATFORM_PID" 2> /dev/null || break; sleep 1; done
    kill "$PLATFORM_PID" 2> /dev/null || true
    wait "$PLATFORM_PID" 2> /dev/null || true
  fi
}
trap stop_platform EXIT
rm -rf "$DATA"
mkdir -p "$DATA"
SCRIPT_PID=$$
"$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$CP" org.citybridge.bench.http.BenchPlatform "$DATA" "$CITIES" 40 \
  < <(while kill -0 "$SCRIPT_PID" 2> /dev/null; do sleep 1; done) > "$OUT/platform.log" 2>&1 &
PLATFORM_PID=$!
echo "Starting the platform and loading $CITIES cities (log: bench/target/http-bench/platform.log)..."
for _ in $(seq 1 1200); do
  [[ -f "$DATA/bench.env" ]] && break
  kill -0 "$PLATFORM_PID" 2> /dev/null || { tail -20 "$OUT/platform.log"; echo "The platform did not start" >&2; exit 1; }
  sleep 1
done
[[ -f "$DATA/bench.env" ]] || { echo "The platform was not ready after 20 minutes" >&2; exit 1; }
grep -E "ready|FAILED" "$OUT/platform.log" | tee -a "$RAW"
# shellcheck disable=SC1091
source "$DATA/bench.env"
export PGPASSWORD="$PG_SUPERUSER_PASSWORD" # made for the bench's installation
PSQL=(psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1)
IDS="$DATA/city-ids.txt"
HOST="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM"
{
  echo "# HTTP benchmark run $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $HOST, $("$JAVA" -version 2>&1 | head -1), $(pgbench --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)."
  echo "Command: \`bench/http/http-bench.sh ${WHAT[*]}\` ($CITY_COUNT cities, $CONNECTIONS connections, $SECONDS_PER_RUN s per measurement)."
  echo "Service JVM options: ${CITYBRIDGE_SERVICE_JVM_OPTIONS:-launcher defaults}. Warm-up before measuring: $WARM_UP s at 150 req/s, 20 % writes."
  echo
} > "$SUMMARY"

quiet() {
  "$JAVA" -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$CP" org.citybridge.bench.http.AwaitQuiet \
    "$KAFKA_BOOTSTRAP" 180 "$KAFKA_DATA" | tee -a "$RAW"
}

# CPU per process half-way through a measurement, into the raw output (what limits the figure).
snapshot() {
  (sleep "$1"; { echo "-- top, $2:"; top -b -c -n1 -w 250 -o %CPU | sed -n '7,16p' \
    | sed -E 's#-cp [^ ]+#-cp ...#; s#(quarkus-app|keycloak|kafka|postgres)[^ ]*#\1#g' | cut -c1-200; } >> "$RAW") &
}

# JFR for the next $1 seconds of cities-service (and of the services named after $2), summarised into the raw
# output afterwards (--profile).
JFR_FILES=()
profile_start() {
  [[ $PROFILE -eq 1 ]] || return 0
  local seconds="$1" name="$2" service url port pid
  shift 2
  JFR_FILES=()
  for service in cities "$@"; do
    url="${service^^}_URL"
    port="${!url##*:}"
    pid=$(ss -ltnpH "sport = :$port" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    JFR_FILES+=("$OUT/$name-$service.jfr")
    rm -f "$OUT/$name-$service.jfr"
    jcmd "$pid" JFR.start name=bench settings=profile duration="${seconds}s" filename="$OUT/$name-$service.jfr" > /dev/null
  done
}
profile_report() {
  [[ $PROFILE -eq 1 ]] || return 0
  local file
  for file in "${JFR_FILES[@]}"; do
    for _ in $(seq 1 30); do [[ -s "$file" ]] && break; sleep 1; done
    sleep 2
    { echo "-- JFR: $file"; "$JAVA" -cp "$CP" org.citybridge.bench.http.JfrTop "$file" 30; } >> "$RAW" 2>&1
  done
}

openload() {
  "$JAVA" -Xmx512m -XX:+UseParallelGC -cp "$CP" org.citybridge.bench.http.OpenLoad url="$CITIES_URL" ids="$IDS" \
    tokenEndpoint="$TOKEN_ENDPOINT" officerCity="$LUOYANG_ID" "$@" 2>&1 | tee -a "$RAW" | grep '^RESULT' | tail -1
}

# failed requests of an open-loop run, those of its untimed lead-in included
errors() {
  echo $(( $(field "$1" errors) + $(field "$1" lead_in_errors) ))
}

token() {
  curl -s -d grant_type=password -d client_id=citybridge-demo-cli -d "username=$1" -d "password=$2" "$TOKEN_ENDPOINT" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}

# The services are measured warm, as they run in production: C2 compiles the hot paths of every request
# kind during the first minutes, and would otherwise do so inside the measured minutes. The warm-up's writes
# are digested before anything is measured.
WRITES20=get=70,list=10,post-officer=10,post-admin=10
if (( WARM_UP > 0 )); then
  log "== warm-up: 150 req/s for $WARM_UP s, 20 % writes (not counted)"
  openload rate=150 seconds="$WARM_UP" mix=$WRITES20 label=warm-up workers=200 > /dev/null
  quiet
fi

if wants reads || wants writes; then
  # pgbench's own tables in a database of their own on the same server (scale 1: 100,000 accounts,
  # cached like the 10,000 cities), and the city ids numbered for the custom script.
  "${PSQL[@]}" -d postgres -c "drop database if exists pgbench" -c "create database pgbench"
  pgbench -q -i -s 1 -h 127.0.0.1 -p "$PG_PORT" -U postgres pgbench >> "$RAW" 2>&1
  "${PSQL[@]}" -d cities -c "drop schema if exists bench cascade" -c "create schema bench" \
    -c "create table bench.city_ids as select row_number() over (order by id)::int as n, id from city" \
    -c "alter table bench.city_ids add primary key (n)" -c "analyze"
fi
PGB=(pgbench -n -M prepared -c "$CONNECTIONS" -j 2 -T "$SECONDS_PER_RUN" -h 127.0.0.1 -p "$PG_PORT" -U postgres)

if wants reads; then
  log "== reads: warm-up (wrk, 15 s, not counted)"
  wrk -t2 -c"$CONNECTIONS" -d15s -s bench/http/get-city.lua "$CITIES_URL" -- "$IDS" >> "$RAW" 2>&1
  log "== reads: wrk GET /api/v1/cities/{id}"
  snapshot $(( SECONDS_PER_RUN / 2 )) "wrk reads"
  profile_start $(( SECONDS_PER_RUN - 5 )) reads
  W=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/http/get-city.lua "$CITIES_URL" -- "$IDS" 2>&1)
  echo "$W" >> "$RAW"
  profile_report
  log "== reads: pgbench -S"
  P=$("${PGB[@]}" -S pgbench 2>&1); echo "$P" >> "$RAW"
  log "== reads: pgbench, the endpoint's two queries"
  PC=$("${PGB[@]}" -D ncities="$CITY_COUNT" -f bench/http/pgbench-get-city.sql cities 2>&1); echo "$PC" >> "$RAW"
  RPS=$(wrk_rps "$W"); P50=$(wrk_ms "$W" 50); P99=$(wrk_ms "$W" 99)
  TPS=$(pgbench_tps "$P"); TPSC=$(pgbench_tps "$PC")
  HALF=$(( RPS / 2 ))
  log "== reads: open-loop at half the wrk rate ($HALF req/s, $SECONDS_PER_RUN s)"
  snapshot $(( SECONDS_PER_RUN / 2 )) "open-loop reads"
  R=$(openload rate="$HALF" seconds="$SECONDS_PER_RUN" mix=get=100 label=reads-half-rate workers=64)
  {
    echo "## Reads: GET /api/v1/cities/{id}, $CONNECTIONS connections"
    echo
    echo "| measurement | throughput (req/s or tx/s) | p50 (ms) | p99 (ms) | errors | ratio to wrk reads |"
    echo "|---|---|---|---|---|---|"
    echo "| wrk, GET /api/v1/cities/{id} (closed loop) | $RPS | $P50 | $P99 | $(( $(wrk_non2xx "$W") + $(wrk_errors "$W") )) | 1 |"
    echo "| pgbench -S -M prepared (baseline) | $TPS | avg $(pgbench_latency "$P") | | | wrk/pgbench = $(ratio "$RPS" "$TPS") |"
    echo "| pgbench, the endpoint's 2 queries (closer baseline) | $TPSC | avg $(pgbench_latency "$PC") | | | wrk/pgbench = $(ratio "$RPS" "$TPSC") |"
    echo "| open loop at half the wrk rate ($HALF req/s) | $(field "$R" achieved) | $(field "$R" p50) | $(field "$R" p99) | $(errors "$R") | p99.9 $(field "$R" p999) ms, max $(field "$R" max) ms |"
    echo
  } >> "$SUMMARY"
fi

if wants sustained; then
  {
    echo "## Sustained load, open loop, 60 s per stage (each on a quiet platform: the writes of the stage before digested)"
    echo
    echo "20 % writes = 70% GET city, 10% list by country, 10% POST interest by officer.luoyang (one city: one row lock),"
    echo "10% by the admin (random cities); 5 % writes = 80% GET, 15% list, 2% officer, 3% admin."
    echo "service p99 = from sending to the answer; the others count from the due time (no coordinated omission)."
    echo
    echo "| stage | requests | errors | achieved (req/s) | p50 (ms) | p90 (ms) | p99 (ms) | max (ms) | service p99 (ms) | p99 GET / list / POST officer / POST admin (ms) |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
  } >> "$SUMMARY"
  # the issue's check first (300 req/s, 20 % writes), then lower rates to find where p99 <= 100 ms holds, then
  # the same 300 req/s with fewer writes
  for STAGE in ${SUSTAINED_STAGES:-300:$WRITES20 200:$WRITES20 150:$WRITES20 300:get=80,list=15,post-officer=2,post-admin=3}; do
    RATE=${STAGE%%:*}
    MIX=${STAGE#*:}
    quiet
    log "== sustained: $RATE req/s for 60 s, mix $MIX"
    snapshot 30 "sustained $RATE req/s"
    [[ -z "${PROFILED:-}" ]] && profile_start 50 sustained matchmaking
    S=$(openload rate="$RATE" seconds=60 mix="$MIX" label="sustained-$RATE" workers=200)
    [[ -z "${PROFILED:-}" ]] && { profile_report; PROFILED=1; }
    echo "| $RATE req/s, $MIX | $(field "$S" sent) | $(errors "$S") | $(field "$S" achieved) | $(field "$S" p50) | $(field "$S" p90) | $(field "$S" p99) | $(field "$S" max) | $(field "$S" service_p99) | $(field "$S" get_p99) / $(field "$S" list_p99) / $(field "$S" post_officer_p99) / $(field "$S" post_admin_p99) |" >> "$SUMMARY"
  done
  echo >> "$SUMMARY"
fi

if wants writes; then
  quiet
  OFFICER=$(token officer.luoyang officer-demo)
  ADMIN=$(token admin admin-demo)
  log "== writes: warm-up (wrk, 10 s, not counted)"
  wrk -t2 -c"$CONNECTIONS" -d10s -s bench/http/post-interest.lua "$CITIES_URL" -- "$ADMIN" "$IDS" >> "$RAW" 2>&1
  quiet
  log "== writes: wrk POST interests, admin on random cities"
  snapshot $(( SECONDS_PER_RUN / 2 )) "wrk writes (admin)"
  profile_start $(( SECONDS_PER_RUN - 5 )) writes
  WA=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/http/post-interest.lua "$CITIES_URL" -- "$ADMIN" "$IDS" 2>&1)
  echo "$WA" >> "$RAW"
  profile_report
  quiet
  log "== writes: wrk POST interests, officer.luoyang on Luoyang"
  WO=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s bench/http/post-interest.lua "$CITIES_URL" -- "$OFFICER" "$LUOYANG_ID" 2>&1)
  echo "$WO" >> "$RAW"
  quiet
  log "== writes: pgbench TPC-B-like"
  PW=$("${PGB[@]}" pgbench 2>&1); echo "$PW" >> "$RAW"
  TPSW=$(pgbench_tps "$PW")
  {
    echo "## Writes: POST /api/v1/cities/{id}/interests, $CONNECTIONS connections"
    echo
    echo "| measurement | throughput (req/s or tx/s) | p50 (ms) | p99 (ms) | non-2xx + socket errors | ratio to pgbench TPC-B |"
    echo "|---|---|---|---|---|---|"
    echo "| wrk, platform-admin on random cities | $(wrk_rps "$WA") | $(wrk_ms "$WA" 50) | $(wrk_ms "$WA" 99) | $(( $(wrk_non2xx "$WA") + $(wrk_errors "$WA") )) | $(ratio "$(wrk_rps "$WA")" "$TPSW") |"
    echo "| wrk, officer.luoyang on its own city (one row lock) | $(wrk_rps "$WO") | $(wrk_ms "$WO" 50) | $(wrk_ms "$WO" 99) | $(( $(wrk_non2xx "$WO") + $(wrk_errors "$WO") )) | $(ratio "$(wrk_rps "$WO")" "$TPSW") |"
    echo "| pgbench TPC-B-like, -M prepared (baseline) | $TPSW | avg $(pgbench_latency "$PW") | | | 1 |"
    echo
  } >> "$SUMMARY"
fi

echo
cat "$SUMMARY"
echo "Raw output: ${RAW#"$HTTP_BENCH_ROOT"/}"
