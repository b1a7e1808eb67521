# Shared by the HTTP benchmark scripts (sourced, not run).

# The repository root, whatever the caller's working directory.
HTTP_BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Builds the services and the bench module and writes the bench class path (bench/target/classpath.txt).
# Extra Maven options come from MAVEN_ARGS (e.g. MAVEN_ARGS=-o to stay offline).
# The JDK Maven builds with: the services' class data archives only work on the JVM that recorded them.
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

http_bench_build() {
  echo "Building the services and the bench module..."
  (cd "$HTTP_BENCH_ROOT" && ./mvnw -B -q -ntp -Pbench \
    -pl bench,cities-service,clusters-service,matchmaking-service,webhooks-service,partner-portal -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
}

# The class path of org.citybridge.bench.http (the launcher and its libraries).
http_bench_classpath() {
  local cp_file="$HTTP_BENCH_ROOT/bench/target/classpath.txt"
  if [[ ! -f "$cp_file" ]]; then
    echo "No $cp_file: run without --no-build first" >&2
    return 1
  fi
  echo "$HTTP_BENCH_ROOT/bench/target/classes:$(cat "$cp_file")"
}

# Median of numbers given as arguments.
median() {
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

# Value of key=value in a RESULT/FOOTPRINT line.
field() {
  local line="$1" key="$2"
  sed -n "s/.* $key=\([^ ]*\).*/\1/p" <<< " $line"
}

# wrk's latency line "  50%    1.23ms" → milliseconds.
wrk_ms() {
  local out="$1" pct="$2"
  awk -v p="$pct%" '$1 == p { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
    if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; printf "%.2f", v }' <<< "$out"
}

wrk_rps() {
  awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<< "$1"
}

wrk_non2xx() {
  local n
  n=$(awk '/Non-2xx or 3xx responses:/ { print $5 }' <<< "$1")
  echo "${n:-0}"
}

wrk_errors() {
  local n
  n=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<< "$1")
  echo "${n:-0}"
}

pgbench_tps() {
  awk '/^tps = / { printf "%.0f", $3 }' <<< "$1"
}

pgbench_latency() {
  awk '/^latency average = / { printf "%.2f", $4 }' <<< "$1"
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# Installs wrk (Debian package) if missing.
ensure_wrk() {
  if ! command -v wrk > /dev/null; then
    echo "Installing wrk (Debian package)..."
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null 2>&1; then
      apt-get update -qq > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk > /dev/null
    fi
  fi
}
