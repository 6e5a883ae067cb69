#!/usr/bin/env bash
# Runs Kafka's own command-line tools from the project's Maven dependencies (no Kafka install needed), by default
# against the local broker of src/local/run.sh (127.0.0.1:${KAFKA_PORT:-9092}).
#
# Usage: src/local/kafka.sh <tool> [options of that tool]      (`<tool> --help` lists the tool's options)
#   topics            TopicCommand          topics --list | topics --describe --topic events
#   console-consumer  ConsoleConsumer       console-consumer --topic events --from-beginning --property print.key=true
#   console-producer  ConsoleProducer       console-producer --topic events  (one record per line, Ctrl-D ends)
#   consumer-groups   ConsumerGroupCommand  consumer-groups --list
#   get-offsets       GetOffsetShell        get-offsets --topic events
#   configs           ConfigCommand         configs --describe --entity-type topics --entity-name events
#   producer-perf     ProducerPerformance   producer-perf --topic events --num-records 10000 --record-size 100 --throughput -1
#   consumer-perf     ConsumerPerformance   consumer-perf --topic events --messages 10000
#
# --bootstrap-server 127.0.0.1:${KAFKA_PORT:-9092} is added unless you pass --bootstrap-server (or
# --bootstrap-controller) yourself. producer-perf (Kafka 4.1) has no --bootstrap-server option: the address goes in as
# --producer-props bootstrap.servers=..., unless bootstrap.servers is already in --producer-props or --producer.config;
# a --bootstrap-server you pass to producer-perf is turned into that too.
# Needs target/kafka.classpath, which `./mvnw -DskipTests package` writes (src/local/run.sh builds it too).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
classpath_file="$root/target/kafka.classpath"
default_server="127.0.0.1:${KAFKA_PORT:-9092}"

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}"
}

die() {
    echo "kafka.sh: $*" >&2
    exit 1
}

if [[ $# -eq 0 ]]; then
    usage >&2
    exit 2
fi

tool="$1"
shift
case "$tool" in
    topics) main=org.apache.kafka.tools.TopicCommand ;;
    console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
    consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    get-offsets) main=org.apache.kafka.tools.GetOffsetShell ;;
    configs) main=kafka.admin.ConfigCommand ;;
    producer-perf) main=org.apache.kafka.tools.ProducerPerformance ;;
    consumer-perf) main=org.apache.kafka.tools.ConsumerPerformance ;;
    -h | --help | help)
        usage
        exit 0
        ;;
    *)
        echo "kafka.sh: unknown tool '$tool'" >&2
        usage >&2
        exit 2
        ;;
esac

if [[ ! -s "$classpath_file" ]]; then
    die "$classpath_file is missing: run ./mvnw -DskipTests package first (in $root)"
fi
# The classpath is the project's test scope. Quarkus' bootstrap runner on it would swallow every log line of a plain
# Kafka JVM (it queues them for a Quarkus that never starts), so it is left out and jboss-logmanager reads our config.
classpath="$(cat "$classpath_file")"
tools_jar="$(tr ':' '\n' <<<"$classpath" | grep '/kafka-tools-[^/]*\.jar$' | head -n 1 || true)"
if [[ -z "$tools_jar" || ! -f "$tools_jar" ]]; then
    die "Kafka's tools jar (kafka-tools) named in $classpath_file is not there: run ./mvnw -DskipTests package again"
fi

# The caller's options, plus the broker address when the caller did not give one.
args=()
if [[ "$tool" == producer-perf ]]; then
    server=""
    has_props=false
    server_in_props=false
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --bootstrap-server)
                [[ $# -ge 2 ]] || die "--bootstrap-server needs a value"
                server="$2"
                shift 2
                continue
                ;;
            --bootstrap-server=*)
                server="${1#*=}"
                shift
                continue
                ;;
            --producer-props=*)
                # Written as two words, so the address can go right after the option.
                set -- --producer-props "${1#*=}" "${@:2}"
                continue
                ;;
            --producer-props) has_props=true ;;
            bootstrap.servers=*) server_in_props=true ;;
            --producer.config)
                if [[ $# -ge 2 && -f "$2" ]] && grep -Eq '^[[:space:]]*bootstrap\.servers[[:space:]]*[=:]' "$2"; then
                    server_in_props=true
                fi
                ;;
        esac
        args+=("$1")
        shift
    done
    if [[ -n "$server" || "$server_in_props" == false ]]; then
        server="bootstrap.servers=${server:-$default_server}"
        if [[ "$has_props" == true ]]; then
            # --producer-props takes every value up to the next option: put the address right after it.
            with_server=()
            for arg in "${args[@]}"; do
                with_server+=("$arg")
                if [[ "$arg" == --producer-props ]]; then
                    with_server+=("$server")
                fi
            done
            args=("${with_server[@]}")
        else
            args+=(--producer-props "$server")
        fi
    fi
else
    given=false
    for arg in "$@"; do
        case "$arg" in
            --bootstrap-server | --bootstrap-server=* | --bootstrap-controller | --bootstrap-controller=*) given=true ;;
        esac
    done
    if [[ $# -gt 0 ]]; then
        args=("$@")
    fi
    if [[ "$given" == false ]]; then
        args+=(--bootstrap-server "$default_server")
    fi
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
exec "$java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    "-Dlogging.configuration=file:$here/tools-logging.properties" \
    -Xms64m -Xmx256m -XX:+UseSerialGC \
    -cp "$classpath" "$main" ${args[@]+"${args[@]}"}
