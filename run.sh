#!/usr/bin/env bash
# Runs the whole CityBridge platform on this machine: builds what is needed, then starts PostgreSQL,
# Kafka, Keycloak and the three services, and loads the demo story. Ctrl-C stops everything.
# Needs only a JDK 17+. Data and logs stay in ./.citybridge between runs.
# Options are passed to the launcher: --fresh-realm (re-import the Keycloak realm), --no-seed,
# --replicas N (N instances of each service behind a round-robin entry point on its usual port),
# --import FILE... (files of cities or partnerships, CSV or NDJSON, imported once the platform is up).
set -euo pipefail
# files named on the command line are found from where the command was typed
export CITYBRIDGE_CALLER_DIR="$PWD"
cd "$(dirname "$0")"
echo "Building the platform (the first build downloads its dependencies and takes a few minutes)..."
./mvnw -B -q -ntp package -DskipTests
# the JDK Maven built with: the services' class data archives only work on the JVM that recorded them
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "platform-launcher/target/platform-launcher.jar:platform-launcher/target/lib/*" \
  org.citybridge.launcher.PlatformLauncher "$@"
