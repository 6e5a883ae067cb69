#!/usr/bin/env bash
# Runs producer-gateway locally against a real single-node Kafka broker (KRaft) started from the project's Maven
# dependencies: no Docker, no Kafka install.
#
# Usage: src/local/run.sh [--no-build]
#   --no-build  skip `./mvnw -B -ntp -q -DskipTests package` and use what target/ already holds
# Environment: KAFKA_PORT (default 9092), KAFKA_CONTROLLER_PORT (default 9093), QUARKUS_HTTP_PORT (default 8080).
#
# The broker keeps its data in target/local-kafka across runs (delete that directory, or ./mvnw clean, to start
# empty) and logs to target/local-kafka/broker.log. The topics events (3 partitions) and
# producer-gateway-dead-letters (1 partition) are created when missing. The service runs in the foreground;
# Ctrl-C (or SIGTERM) stops it and the broker, and so does the service exiting on its own.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
root="$(pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
http_port="${QUARKUS_HTTP_PORT:-8080}"
kafka_dir="$root/target/local-kafka"
broker_log="$kafka_dir/broker.log"
app_jar="$root/target/quarkus-app/quarkus-run.jar"
classpath_file="$root/target/kafka.classpath"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
start_timeout=60 # seconds, for the broker's port and for the service to be ready

say() { echo "run.sh: $*"; }
die() {
    echo "run.sh: $*" >&2
    exit 1
}

build=true
for arg in "$@"; do
    case "$arg" in
        --no-build) build=false ;;
        -h | --help)
            sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$here/run.sh"
            exit 0
            ;;
        *) die "unknown option '$arg' (usage: src/local/run.sh [--no-build])" ;;
    esac
done
for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$http_port"; do
    [[ "$port" =~ ^[0-9]+$ ]] || die "'$port' is not a port number"
done

# Is something listening on 127.0.0.1:$1?
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_ports_free() {
    if port_open "$KAFKA_PORT"; then
        local hint="" old_pid=""
        if [[ -f "$kafka_dir/broker.pid" ]]; then
            old_pid="$(cat "$kafka_dir/broker.pid")"
            if [[ "$old_pid" =~ ^[0-9]+$ ]] && kill -0 "$old_pid" 2>/dev/null \
                && ps -ww -o args= -p "$old_pid" 2>/dev/null | grep -qF "kafka.Kafka $kafka_dir/broker.properties"; then
                hint=" It looks like the broker of an earlier run.sh (pid $old_pid) that was not stopped: kill $old_pid"
            fi
        fi
        die "port $KAFKA_PORT is already in use, so no broker is started (another Kafka? choose another port with" \
            "KAFKA_PORT=...).$hint"
    fi
    if port_open "$KAFKA_CONTROLLER_PORT"; then
        die "port $KAFKA_CONTROLLER_PORT (Kafka controller) is already in use: choose another with KAFKA_CONTROLLER_PORT=..."
    fi
    if port_open "$http_port"; then
        die "port $http_port (the service) is already in use: is producer-gateway already running? Choose another" \
            "port with QUARKUS_HTTP_PORT=..."
    fi
}

check_ports_free

if [[ "$build" == true ]]; then
    say "building the service and Kafka's classpath (./mvnw -B -ntp -q -DskipTests package), this takes a minute or two..."
    ./mvnw -B -ntp -q -DskipTests package || die "the build failed (see above)"
    check_ports_free # the build took a while
fi
[[ -f "$app_jar" ]] || die "$app_jar is missing: run ./mvnw -DskipTests package (or run.sh without --no-build)"
[[ -s "$classpath_file" ]] || die "$classpath_file is missing: run ./mvnw -DskipTests package (or run.sh without --no-build)"

# Kafka's broker and tools come from the project's test classpath (the build leaves Quarkus' bootstrap runner out of
# it); jboss-logmanager on it reads src/local/*-logging.properties.
kafka_classpath="$(cat "$classpath_file")"
# Used as a plain command (not a function), so that `... &` gives the JVM's own pid.
kafka_java=("$java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Xms64m -Xmx256m -XX:+UseSerialGC
    -cp "$kafka_classpath")

broker_pid=""
broker_started=false
service_pid=""

# shellcheck source=src/local/processes.sh
source "$here/processes.sh"

cleanup() {
    local status=$?
    trap '' INT TERM HUP # a second Ctrl-C must not leave the broker behind: stopping is bounded anyway
    trap - EXIT
    stop_process "$service_pid" producer-gateway 20
    if [[ "$broker_started" == true ]]; then
        stop_process "$broker_pid" "the Kafka broker" 30
        rm -f "$kafka_dir/broker.pid"
        if port_open "$KAFKA_PORT"; then
            say "warning: port $KAFKA_PORT is still in use after stopping the broker (pid $broker_pid)"
        fi
        say "stopped; Kafka's data stays in ${kafka_dir#"$root"/} for the next run"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# ---- Kafka ----
mkdir -p "$kafka_dir"
properties="$kafka_dir/broker.properties"
sed -e "/^#/!s|@PORT@|$KAFKA_PORT|g" -e "/^#/!s|@CONTROLLER_PORT@|$KAFKA_CONTROLLER_PORT|g" \
    -e "/^#/!s|@LOG_DIR@|$kafka_dir/data|g" "$root/src/test/resources/kafka/broker.properties" >"$properties"

if [[ ! -f "$kafka_dir/data/meta.properties" ]]; then
    # A cluster id must not start with '-' (the storage tool would read it as an option).
    cluster_id="pg$(od -An -N10 -tx1 /dev/urandom | tr -d ' \n')"
    say "formatting Kafka's storage in ${kafka_dir#"$root"/}/data (first run, cluster id $cluster_id)"
    "${kafka_java[@]}" "-Dlogging.configuration=file:$here/tools-logging.properties" \
        kafka.tools.StorageTool format -t "$cluster_id" -c "$properties" >"$kafka_dir/format.log" 2>&1 || {
        cat "$kafka_dir/format.log" >&2
        die "formatting Kafka's storage failed (output above, also in $kafka_dir/format.log)"
    }
else
    say "reusing Kafka's data in ${kafka_dir#"$root"/}/data"
fi

say "starting Kafka on 127.0.0.1:$KAFKA_PORT (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), log: ${broker_log#"$root"/}"
"${kafka_java[@]}" "-Dlogging.configuration=file:$here/broker-logging.properties" kafka.Kafka "$properties" \
    >"$broker_log" 2>&1 &
broker_pid=$!
broker_started=true
echo "$broker_pid" >"$kafka_dir/broker.pid"

started_at=$SECONDS
until port_open "$KAFKA_PORT"; do
    if ! kill -0 "$broker_pid" 2>/dev/null; then
        broker_pid=""
        tail -n 30 "$broker_log" >&2 || true
        die "the Kafka broker exited while starting (last lines of $broker_log above)"
    fi
    if ((SECONDS - started_at >= start_timeout)); then
        tail -n 30 "$broker_log" >&2 || true
        die "the Kafka broker did not open port $KAFKA_PORT within ${start_timeout}s (last lines of $broker_log above)"
    fi
    sleep 0.2
done
say "Kafka is up (pid $broker_pid, port open after $((SECONDS - started_at))s)"

create_topic() { # <name> <partitions>
    local attempt
    for attempt in 1 2 3; do
        if KAFKA_PORT="$KAFKA_PORT" "$here/kafka.sh" topics --create --if-not-exists --topic "$1" \
            --partitions "$2" --replication-factor 1; then
            return 0
        fi
        say "creating topic $1 failed (attempt $attempt of 3)"
        sleep 2
    done
    die "could not create topic $1 (broker log: $broker_log)"
}
create_topic events 3
create_topic producer-gateway-dead-letters 1
say "topics: events (3 partitions), producer-gateway-dead-letters (1 partition)"

# ---- the service ----
export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
# A local run on 127.0.0.1 needs no API keys; set GATEWAY_AUTH_ENABLED=true and GATEWAY_AUTH_API_KEYS to try them.
export GATEWAY_AUTH_ENABLED="${GATEWAY_AUTH_ENABLED:-false}"
say "starting producer-gateway on port $http_port (KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP_SERVERS)"
"$java" -jar "$app_jar" &
service_pid=$!

ready() {
    if command -v curl >/dev/null 2>&1; then
        curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$http_port/q/health/ready" 2>/dev/null
    else
        port_open "$http_port"
    fi
}
started_at=$SECONDS
until ready; do
    kill -0 "$service_pid" 2>/dev/null || break
    if ((SECONDS - started_at >= start_timeout)); then
        say "producer-gateway is not ready after ${start_timeout}s (http://localhost:$http_port/q/health/ready); it keeps running"
        break
    fi
    sleep 0.2
done
if kill -0 "$service_pid" 2>/dev/null && ready; then
    port_env=""
    [[ "$KAFKA_PORT" == 9092 ]] || port_env="KAFKA_PORT=$KAFKA_PORT "
    cat <<EOF

run.sh: producer-gateway is ready on http://localhost:$http_port (Kafka at 127.0.0.1:$KAFKA_PORT). From the repository root:
  send an event:  curl -s -H 'Content-Type: application/json' -d '{"key":"k1","value":{"hello":"world"}}' localhost:$http_port/v1/topics/events/events
  read it back:   ${port_env}src/local/kafka.sh console-consumer --topic events --from-beginning --property print.key=true
  Ctrl-C stops the service and the broker.

EOF
fi

# Wait for the service to end, and notice a broker that dies under it.
while kill -0 "$service_pid" 2>/dev/null; do
    if ! kill -0 "$broker_pid" 2>/dev/null; then
        broker_pid=""
        say "the Kafka broker exited unexpectedly (see $broker_log); stopping producer-gateway"
        exit 1
    fi
    sleep 1
done
status=0
wait "$service_pid" || status=$?
service_pid=""
say "producer-gateway exited (status $status); stopping the Kafka broker"
exit "$status"
