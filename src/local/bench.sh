#!/usr/bin/env bash
# Benchmarks producer-gateway against Kafka's own producer on one machine, without Docker: a real single-node broker
# (KRaft, from the project's Maven dependencies), Kafka's ProducerPerformance as the limit, then the packaged service
# under HTTP load (a plain-JDK load generator, src/bench/java), then the limit again once the service has stopped (the
# shapes are compared with the mean of the limit's two runs: on a shared machine it moves by itself between runs, its
# CPU per record by up to a quarter; both rows are in the table). Every figure counts only records found in Kafka
# afterwards (the sum of the topic's end offsets); acknowledged events missing from Kafka are reported as LOST. The
# avro-batch shape also starts a real schema registry (Apicurio Registry, unpacked by the build, on Java 21+). Under
# the table: how long the service took from its launch to /q/health/ready answering 200 (polled every 20 ms). When wrk
# is on the PATH, it sends sync-single's request too, as a cross-check of the Java load generator (see --wrk).
#
# Usage: src/local/bench.sh [options]
#   --build                 always build first (`./mvnw -B -ntp -q -DskipTests package`, which also compiles
#                           src/bench/java into target/bench/classes); by default the build runs only when
#                           target/quarkus-app, target/kafka.classpath or the benchmark's classes are missing, or older
#                           than pom.xml / src/main / src/bench/java, or (avro-batch) the registry is not unpacked
#   --no-build              never build: use what target/ already holds
#   --smoke                 a quick run for CI: --warmup 1 --duration 2 --service-warmup 0 (about 3 s per shape, and
#                           3 s of wrk when it is on the PATH: about a minute; with --explore: 1 s + 2 s per point),
#                           and avro-batch joins the default shapes, so that CI starts the registry too. Checks the
#                           machinery, not the figures.
#                           A JVM just started answers a few hundred requests/s at first, so with --rate the service
#                           is warmed up 5 s, and --explore (a fresh JVM per point) defaults to --target-rate 2000
#   --service-warmup <s>    a fresh JVM needs a while before its JIT has compiled the hot paths (throughput still
#                           climbs after 15 s): before the first shape, the service is warmed up this long in all,
#                           shared between the shapes, closed loop even with --rate: the JIT is done soonest at full
#                           load (default 15; with --smoke 0, or 5 with --rate)
#   --warmup <s>            warm-up per shape, sent to a separate topic and not measured (default 5)
#   --duration <s>          measured time per shape (default 20)
#   --connections <n>       concurrent HTTP/1.1 keep-alive connections (default 64)
#   --record-size <bytes>   the size of every record value, for the service and for ProducerPerformance (default 1024)
#   --batch <n>             events per request in the batch shapes (default 100; 20 with --explore, see --target-rate)
#   --shapes <list>         comma-separated, from sync-single, sync-batch, async-single, async-batch, stream,
#                           v2-single, v2-batch, avro-batch (default sync-single,sync-batch,async-single,stream,
#                           v2-single; with --smoke avro-batch too). sync-* and async-*: our v1 API (POST
#                           /v1/topics/<t>/events, {"value":"<letters>"} or an array of --batch of them; async with
#                           Prefer: respond-async, answered 202). v2-single, v2-batch: sync REST Proxy v2 requests
#                           (POST /topics/<t>, application/vnd.kafka.json.v2+json) of
#                           {"records":[{"value":"<letters>"}]}, 1 record or --batch; the service stores a JSON value
#                           as its JSON text, quotes included, in v2 as in v1, so the letters are --record-size - 2
#                           long in all of them and every value in Kafka is --record-size bytes (the verification
#                           reads the first record of sync-single and of the v2 shapes back to check); a 200 whose
#                           offsets lack a record or carry an error_code counts as an error. stream: one NDJSON
#                           stream per connection (Transfer-Encoding: chunked), lines written
#                           as fast as the service's window (gateway.stream.window) takes them (with --rate: the
#                           stream's share of the rate, within that window), latency per event; on at most 8
#                           connections, the service's default gateway.auth.max-streams-per-principal (the bench is one
#                           principal). avro-batch: sync REST Proxy v2 requests (POST /topics/<t>,
#                           application/vnd.kafka.avro.v2+json) of --batch Avro JSON records (a string id, a long, a
#                           double, a string payload), each stored as --record-size bytes in Confluent's wire format,
#                           sent with value_schema_id (the schema is registered once before, by a request with
#                           value_schema); one record is read back and checked (magic byte 0, the schema id, the size,
#                           its Avro). It runs a schema registry: Apicurio Registry from
#                           target/apicurio-registry-<version> (the build unpacks it) on Java 21+, and the service with
#                           -Dgateway.schema-registry.url. Not a default shape: it would add 25 s and a registry's
#                           start to every run (--smoke takes it: 3 s per shape)
#   --rate <events/s>       an open loop instead of a closed one: each shape is sent at most this many events per
#                           second in all, the connections' requests (stream: chunks of 4 lines) evenly interleaved,
#                           its warm-up too; the limit's ProducerPerformance gets --throughput <events/s>. A request
#                           due while its connection still waits for an answer goes out late, and its latency counts
#                           from when it was due: a service that cannot keep up shows it in p99 instead of hiding it
#                           (coordinated omission). A shape that reaches less than 95% of the rate (records verified in
#                           Kafka) is marked "below --rate". Default 0: closed loop, each connection sends its next
#                           request as soon as the answer came (the most the service does at that concurrency). Not
#                           with --wrk (wrk has no rate: with --rate the cross-check is skipped) nor --explore (see
#                           --target-rate)
#   --no-limit              skip the ProducerPerformance limit (both of its runs)
#   --wrk                   require the wrk cross-check (fail when wrk is not on the PATH: apt-get install wrk). By
#                           default it runs whenever wrk is on the PATH and sync-single is among the shapes (else one
#                           line says why it was skipped): wrk sends sync-single's request to a topic of its own, same
#                           connections, warm-up and duration, latency percentiles from wrk (row "(wrk)"). Not with
#                           --rate nor --explore
#   --no-wrk                skip the wrk cross-check
#   --service-opts '<opts>' JVM options for the service (default '-Xmx256m -XX:+UseParallelGC': what the container image
#                           gives the pod of k8s/, whose memory limit is 512Mi)
#   --keep-data             keep the broker's data (target/bench/run-<timestamp>/kafka) after the run
#   --app <dir>             run another packaged Quarkus application (its quarkus-app directory) in the service's
#                           place, with the same options and checks: the stack's floor, src/bench/floor (build it with
#                           ./mvnw -B -ntp -q -f src/bench/floor/pom.xml package; docs/performance.md). sync-single
#                           only (and its wrk row); the service's own build is still needed for the benchmark's classes
#                           and Kafka's classpath
#   --explore               instead: sweep the producer's batch.size and linger.ms (the service is restarted with
#                           -Dmp.messaging.outgoing.events-out.batch.size=... and ...linger.ms=... for each point), each
#                           point sent at --target-rate, and write target/bench/explore.csv, explore.svg (throughput
#                           against p99, the target rate and the recommended setting marked) and explore.json; the
#                           service's time to ready is each point's (explore.json) and their median (the text, and
#                           service_ready_ms in explore.json)
#   --batch-sizes <list>    for --explore (default 16384,65536,262144,1048576)
#   --linger-ms <list>      for --explore (default 0,5,20,50)
#   --explore-shape <s>     for --explore: one of the shapes but stream (default sync-batch)
#   --explore-warmup <s>    for --explore: warm-up per point, after the restart of the service (default 10: a fresh
#                           JVM is far from its steady throughput for several seconds); the broker, which runs on, is
#                           warmed up once before the first point, by ProducerPerformance for about as long
#   --explore-duration <s>  for --explore: measured time per point (default 5; 16 points take about 5 minutes)
#   --target-rate <events/s> for --explore: every point is sent this many events per second, open loop as with --rate
#                           (default 10000, 2000 with --smoke; 0: closed loop). With the defaults (sync-batch, --batch
#                           20) that is 500 requests/s over the 64 connections: well below what this 2-core machine
#                           sustains (36k events/s closed loop in batches of 100, 14k one by one), so a point's p99
#                           shows its batch.size and linger.ms rather than a saturated machine, from 2,500 latencies
#                           per 5 s point. And the connections keep room to catch up after a stall: with linger.ms 50
#                           a sync request takes up to about 62 ms (the whole linger once the connections wait in step
#                           for the same batches), so 500 requests/s keep about 31 of them busy (Little's law); batches
#                           of 10 would need all 64 (1,000/s x 62 ms), and 1 event per request 620
#   --p99-target-ms <ms>    for --explore: the p99 drawn as the target on the chart, and the text says whether the
#                           recommended setting is within it (default 50). Recommended: among the points that reached
#                           95% of --target-rate without errors, the lowest p99 (ties: the smaller batch.size, then the
#                           smaller linger.ms). With --target-rate 0: the highest throughput whose p99 is within this
#   -h, --help              this text
# Environment: JAVA_HOME (else `java` on the PATH); REGISTRY_JAVA_HOME, the JDK 21+ for the schema registry (else
# JAVA_HOME when it is 21+, else the newest 21+ in /usr/lib/jvm).
#
# Results: the table on stdout and in target/bench/run-<timestamp>/table.txt, the JSON in
# target/bench/results-<timestamp>.json and target/bench/latest.json (with service_ready_ms, the service's launch to
# ready); logs of the broker, the service and every step in
# target/bench/run-<timestamp>/. Ports are free loopback ports; the broker, the registry and the service are stopped on
# exit (also on Ctrl-C and errors). Exit status: 0 when the run completed, 3 when acknowledged events are missing from
# Kafka (LOST), 1 on any other failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../.."
root="$(pwd)"

say() { echo "bench.sh: $*"; }
die() {
    echo "bench.sh: $*" >&2
    exit 1
}
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$here/bench.sh"; }

build=auto
smoke=false
warmup=""
duration=""
service_warmup=""
connections=64
record_size=1024
batch=""
shapes=""
limit=true
use_wrk=auto # --wrk: required; --no-wrk: off
service_opts="-Xmx256m -XX:+UseParallelGC"
keep_data=false
app_dir=""
explore=false
batch_sizes="16384,65536,262144,1048576"
linger_values="0,5,20,50"
explore_shape="sync-batch"
explore_warmup=""
explore_duration=""
p99_target=50
rate=""
target_rate=""
command_line="src/local/bench.sh${*:+ $*}"

need() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) build=true ;;
        --no-build) build=false ;;
        --smoke) smoke=true ;;
        --warmup) need "$@"; warmup="$2"; shift ;;
        --service-warmup) need "$@"; service_warmup="$2"; shift ;;
        --duration) need "$@"; duration="$2"; shift ;;
        --connections) need "$@"; connections="$2"; shift ;;
        --record-size) need "$@"; record_size="$2"; shift ;;
        --batch) need "$@"; batch="$2"; shift ;;
        --rate) need "$@"; rate="$2"; shift ;;
        --target-rate) need "$@"; target_rate="$2"; shift ;;
        --shapes) need "$@"; shapes="$2"; shift ;;
        --no-limit) limit=false ;;
        --wrk) use_wrk=required ;;
        --no-wrk) use_wrk=off ;;
        --service-opts) need "$@"; service_opts="$2"; shift ;;
        --keep-data) keep_data=true ;;
        --app) need "$@"; app_dir="$2"; shift ;;
        --explore) explore=true ;;
        --batch-sizes) need "$@"; batch_sizes="$2"; shift ;;
        --linger-ms) need "$@"; linger_values="$2"; shift ;;
        --explore-shape) need "$@"; explore_shape="$2"; shift ;;
        --explore-warmup) need "$@"; explore_warmup="$2"; shift ;;
        --explore-duration) need "$@"; explore_duration="$2"; shift ;;
        --p99-target-ms) need "$@"; p99_target="$2"; shift ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown option '$1' (see src/local/bench.sh --help)" ;;
    esac
    shift
done
# The load's rate (0: closed loop): --rate for a run, --target-rate for the explorer. The explorer's requests are
# smaller by default, so that its target rate gives enough requests for a steady p99 (see --target-rate).
if [[ "$explore" == true ]]; then
    [[ -z "$rate" ]] || die "--rate is for a normal run: --explore sends every point at --target-rate"
    load_rate="${target_rate:-$([[ "$smoke" == true ]] && echo 2000 || echo 10000)}"
    batch="${batch:-20}"
else
    [[ -z "$target_rate" ]] || die "--target-rate is for --explore: a normal run takes --rate"
    load_rate="${rate:-0}"
    batch="${batch:-100}"
fi
number='^[0-9]+([.][0-9]+)?$'
[[ "$load_rate" =~ $number ]] || die "'$load_rate' is not a number of events per second (--rate / --target-rate)"
paced="$(awk -v r="$load_rate" 'BEGIN {print (r > 0 ? "true" : "false")}')"
# avro-batch needs a registry (about 5 s to start, while the broker starts) and 25 s of its own in a normal run: out of
# the default shapes. A smoke run takes it (its 3 s; the registry starts alongside the broker and the limit), so that CI
# keeps the registry path working. v2-single is a default shape: REST Proxy v2 beside v1, one event per request.
# (An if, not `$([[ ... ]] && echo ...)`: that assignment's status would be 1 without --smoke, and set -e would end the
# script there without a word.)
default_shapes="sync-single,sync-batch,async-single,stream,v2-single"
if [[ "$smoke" == true ]]; then default_shapes+=",avro-batch"; fi
shapes="${shapes:-$default_shapes}"
if [[ -n "$app_dir" ]]; then
    [[ "$explore" == false ]] || die "--app is for a normal run, not --explore"
    [[ "$shapes" == sync-single ]] || die "--app runs sync-single only (the floor's one request): add --shapes sync-single"
    [[ -f "$app_dir/quarkus-run.jar" ]] || die "--app $app_dir has no quarkus-run.jar (a Quarkus application's" \
        "quarkus-app directory; the floor: ./mvnw -B -ntp -q -f src/bench/floor/pom.xml package)"
    app_dir="$(cd "$app_dir" && pwd)"
fi
service_name="producer-gateway"
[[ -z "$app_dir" ]] || service_name="${app_dir#"$root"/} (--app, in the service's place)"
if [[ "$smoke" == true ]]; then
    warmup="${warmup:-1}"
    duration="${duration:-2}"
    service_warmup="${service_warmup:-$([[ "$paced" == true ]] && echo 5 || echo 0)}"
    explore_warmup="${explore_warmup:-1}"
    explore_duration="${explore_duration:-2}"
fi
warmup="${warmup:-5}"
duration="${duration:-20}"
service_warmup="${service_warmup:-15}"
explore_warmup="${explore_warmup:-10}"
explore_duration="${explore_duration:-5}"
for value in "$warmup" "$duration" "$service_warmup" "$explore_warmup" "$explore_duration" "$p99_target"; do
    [[ "$value" =~ $number ]] || die "'$value' is not a number of seconds/milliseconds"
done
for value in "$connections" "$record_size" "$batch"; do
    [[ "$value" =~ ^[1-9][0-9]*$ ]] || die "'$value' is not a positive whole number"
done
((record_size >= 2)) || die "--record-size must be at least 2 (the value is sent as a JSON string)"
IFS=',' read -r -a shape_list <<<"$shapes"
for shape in "${shape_list[@]}"; do
    case "$shape" in
        sync-single | sync-batch | async-single | async-batch | stream | v2-single | v2-batch | avro-batch) ;;
        *) die "unknown shape '$shape' (sync-single, sync-batch, async-single, async-batch, stream, v2-single," \
            "v2-batch, avro-batch)" ;;
    esac
done
case "$explore_shape" in
    sync-single | sync-batch | async-single | async-batch | v2-single | v2-batch | avro-batch) ;;
    *) die "unknown --explore-shape '$explore_shape' (sync-single, sync-batch, async-single, async-batch," \
        "v2-single, v2-batch, avro-batch)" ;;
esac
IFS=',' read -r -a batch_size_list <<<"$batch_sizes"
IFS=',' read -r -a linger_list <<<"$linger_values"
for value in "${batch_size_list[@]}" "${linger_list[@]}"; do
    [[ "$value" =~ ^[0-9]+$ ]] || die "'$value' is not a whole number (--batch-sizes / --linger-ms)"
done
# A batch request must fit the service's body limit (quarkus.http.limits.max-body-size, 1M by default).
if [[ "$explore" == true ]]; then used_shapes=("$explore_shape"); else used_shapes=("${shape_list[@]}"); fi
# The wrk cross-check checks the Java load generator's sync-single figure: by default whenever wrk is there to do it.
run_wrk=false
wrk_skipped=""
if [[ "$explore" == true ]]; then
    [[ "$use_wrk" != required ]] || die "--wrk is for a normal run: --explore has no wrk cross-check"
elif [[ "$use_wrk" == required ]]; then
    command -v wrk >/dev/null || die "--wrk needs wrk on the PATH (apt-get install wrk)"
    [[ "$paced" == false ]] || die "--wrk cannot be paced (wrk has no rate): leave out --wrk or --rate"
    run_wrk=true
elif [[ "$use_wrk" == auto ]]; then
    if [[ "$paced" == true ]]; then
        wrk_skipped="wrk has no rate, and this run has --rate"
    elif [[ ",$shapes," != *,sync-single,* ]]; then
        wrk_skipped="sync-single, which it checks, is not among the shapes (--wrk runs it anyway)"
    elif ! command -v wrk >/dev/null; then
        wrk_skipped="wrk is not on the PATH (apt-get install wrk; --wrk makes that an error)"
    else
        run_wrk=true
    fi
fi
[[ -z "$wrk_skipped" ]] || say "wrk cross-check skipped: $wrk_skipped"
avro=false
for shape in "${used_shapes[@]}"; do
    # An avro record's JSON in the request: its payload letters plus about 70 bytes of names, id and numbers.
    if [[ "$shape" == avro-batch ]]; then avro=true; fi
    per_event=$([[ "$shape" == avro-batch ]] && echo 70 || echo 13)
    if [[ "$shape" == *batch ]] && ((batch * (record_size + per_event) + 40 > 1048576)); then
        die "--batch $batch of --record-size $record_size does not fit in one request of 1 MiB (the service's" \
            "quarkus.http.limits.max-body-size): lower --batch"
    fi
done
# The header (magic byte, schema id), an id, a long and a double take 26 bytes of an avro value (LoadGenerator).
if [[ "$avro" == true ]] && ((record_size < 32)); then
    die "--record-size must be at least 32 for avro-batch (the wire format's header, an id, a long and a double)"
fi

java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null || die "java not found (set JAVA_HOME or put a JDK 17+ on the PATH)"
clk_tck="$(getconf CLK_TCK 2>/dev/null || echo 100)"

# The feature version of a JDK's home (its release file), 0 when it is none.
jdk_version() { # <java home>
    local version=""
    if [[ -x "$1/bin/java" && -f "$1/release" ]]; then
        version="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
    fi
    echo "${version:-0}"
}
# The registry needs Java 21+ (its classes are 65.0), while the service and the tools stay on the project's 17.
registry_jdk=""
if [[ "$avro" == true ]]; then
    if [[ -n "${REGISTRY_JAVA_HOME:-}" ]]; then
        (($(jdk_version "$REGISTRY_JAVA_HOME") >= 21)) \
            || die "REGISTRY_JAVA_HOME=$REGISTRY_JAVA_HOME is not a JDK 21 or later (the schema registry needs one)"
        registry_jdk="$REGISTRY_JAVA_HOME"
    elif [[ -n "${JAVA_HOME:-}" ]] && (($(jdk_version "$JAVA_HOME") >= 21)); then
        registry_jdk="$JAVA_HOME"
    else
        best=0
        for home in /usr/lib/jvm/*; do
            version="$(jdk_version "$home")"
            if ((version >= 21 && version > best)); then
                best="$version"
                registry_jdk="$home"
            fi
        done
    fi
    [[ -n "$registry_jdk" ]] || die "avro-batch needs a JDK 21 or later for the schema registry (Apicurio Registry" \
        "$registry_version): set REGISTRY_JAVA_HOME to one (JAVA_HOME is not 21+, and /usr/lib/jvm has none)"
fi

bench_dir="$root/target/bench"
stamp="$(date -u +%Y%m%d-%H%M%S)"
run_dir="$bench_dir/run-$stamp"
kafka_dir="$run_dir/kafka"
classes="$bench_dir/classes"
classpath_file="$root/target/kafka.classpath"

# ---- processes this script starts, and stopping them ----
broker_pid=""
registry_pid=""
service_pid=""
child_pid="" # the step running now (load generator, ProducerPerformance, admin helper)
used_ports=()

# In this shell, without a process: the service's start is timed by polling this every few milliseconds.
port_open() { { : 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; }

# Waits <seconds> without a process of its own (sleep would start one per poll): read times out on a pipe that this
# shell holds both ends of, so no data and no end ever come.
exec {idle_fd}<> <(:)
idle() { read -rt "$1" -u "$idle_fd" || true; } # <seconds>

# Sets the variable <name> to a free loopback port below the kernel's ephemeral range (32768+), so that other
# programs' port-0 sockets do not take it between this check and the bind.
free_port() { # <name>
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 12000))
        [[ " ${used_ports[*]-} " == *" $port "* ]] && continue
        if ! port_open "$port"; then
            used_ports+=("$port")
            printf -v "$1" '%s' "$port"
            return 0
        fi
    done
    die "no free port found in 20000-31999"
}

# shellcheck source=src/local/processes.sh
source "$here/processes.sh"

cleanup() {
    local status=$?
    trap '' INT TERM HUP # a second Ctrl-C must not leave the broker behind: stopping is bounded anyway
    trap - EXIT
    stop_process "$child_pid" "the running step" 5
    stop_process "$service_pid" producer-gateway 25
    stop_process "$broker_pid" "the Kafka broker" 30
    stop_process "$registry_pid" "the schema registry" 20
    local port busy=""
    for port in ${used_ports[@]+"${used_ports[@]}"}; do
        if port_open "$port"; then busy+=" $port"; fi
    done
    [[ -z "$busy" ]] || say "warning: port(s)$busy still in use after stopping everything"
    if [[ -d "$run_dir" ]]; then
        rm -rf "$run_dir/quarkus-app"
        if [[ "$keep_data" == false ]]; then
            rm -rf "$kafka_dir/data"
        fi
    fi
    if ((status != 0 && status != 3)) && [[ -d "$run_dir" ]]; then
        say "failed (status $status); logs in ${run_dir#"$root"/}"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs a step (an external command, so that its pid is the program's own) in the background with its output in
# <log>, and waits for it, so that a signal stops the script (and the step) at once.
run_step() { # <log> <command...>
    local log="$1"
    shift
    "$@" >"$log" 2>&1 &
    child_pid=$!
    local status=0
    wait "$child_pid" || status=$?
    child_pid=""
    return "$status"
}

now_ms() { date +%s%3N; }

# utime + stime of a process, in clock ticks (-1 when it is gone).
process_ticks() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || {
        echo -1
        return
    }
    stat="${stat##*) }"
    # shellcheck disable=SC2086
    set -- $stat
    echo $((${12} + ${13}))
}

# The machine's busy and total CPU ticks, from /proc/stat.
machine_ticks() {
    local label user nice system idle iowait irq softirq steal rest
    read -r label user nice system idle iowait irq softirq steal rest </proc/stat
    local total=$((user + nice + system + idle + iowait + irq + softirq + steal))
    echo "$((total - idle - iowait)) $total"
}

# The user+system seconds of the children this shell has waited for, from a saved `times` output (second line): taken
# before and after a step, the difference is that step's CPU (ProducerPerformance, wrk).
children_seconds() { sed -n '2p' "$1" | awk '{s = 0; for (i = 1; i <= 2; i++) {split($i, a, /[ms]/); s += a[1] * 60 + a[2]}; print s}'; }

# ---- build, classpath, the benchmark's own classes ----
app_built="$root/target/quarkus-app/quarkus-run.jar"
# The registry the tests use, which the build unpacks (the pom's schema-registry execution, in generate-test-resources:
# `package` runs it, -DskipTests does not skip it).
registry_version="$(sed -n 's|.*<apicurio-registry.version>\(.*\)</apicurio-registry.version>.*|\1|p' "$root/pom.xml")"
registry_home="$root/target/apicurio-registry-$registry_version"
if [[ "$build" == auto ]]; then
    build=false
    if [[ ! -f "$app_built" || ! -s "$classpath_file" ]]; then
        build=true
    elif [[ "$avro" == true && ! -f "$registry_home/quarkus-run.jar" ]]; then
        build=true
    elif [[ ! -f "$classes/io/producergateway/bench/LoadGenerator.class" ]] \
        || [[ -n "$(find "$root/pom.xml" "$root/src/main" "$root/src/bench/java" -newer "$app_built" -print -quit 2>/dev/null)" ]]; then
        build=true
    fi
fi
if [[ "$build" == true ]]; then
    say "building the service and Kafka's classpath (./mvnw -B -ntp -q -DskipTests package)..."
    ./mvnw -B -ntp -q -DskipTests package || die "the build failed (see above)"
fi
[[ -f "$app_built" ]] \
    || die "target/quarkus-app/quarkus-run.jar is missing: run without --no-build (or ./mvnw -DskipTests package)"
[[ -s "$classpath_file" ]] || die "$classpath_file is missing: run without --no-build (or ./mvnw -DskipTests package)"
if [[ "$avro" == true ]]; then
    [[ -n "$registry_version" ]] || die "pom.xml names no apicurio-registry.version: the schema registry is unknown"
    [[ -f "$registry_home/quarkus-run.jar" ]] || die "avro-batch needs the schema registry, but" \
        "${registry_home#"$root"/}/quarkus-run.jar is missing: run without --no-build (or ./mvnw -DskipTests package)"
fi
kafka_classpath="$(cat "$classpath_file")"
kafka_version="$(tr ':' '\n' <<<"$kafka_classpath" | sed -n 's|.*/kafka-clients-\([^/]*\)\.jar$|\1|p' | head -n 1)"

mkdir -p "$run_dir" "$kafka_dir"
[[ -f "$classes/io/producergateway/bench/LoadGenerator.class" ]] \
    || die "${classes#"$root"/} is missing: the build compiles src/bench/java there (run without --no-build)"

# The service runs from a copy of the packaged application, so that a build running meanwhile (./mvnw package in
# the same tree) cannot swap its jars under it.
cp -a "${app_dir:-$root/target/quarkus-app}" "$run_dir/quarkus-app"
app_jar="$run_dir/quarkus-app/quarkus-run.jar"

tools_java=("$java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager
    "-Dlogging.configuration=file:$here/tools-logging.properties" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m)
kafka_tool=("${tools_java[@]}" -cp "$classes:$kafka_classpath" io.producergateway.bench.BenchKafka)

# ---- the run's description ----
# "OpenJDK 17.0.15+6-Debian-1deb12u1"
java_version="$("$java" -version 2>&1 | sed -n '2{s/^[[:space:]]*//;s/ Runtime Environment (build \(.*\))$/ \1/;p;}')"
mem_gib="$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo 2>/dev/null || echo "?")"
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "command=$command_line"
    echo "nproc=$(nproc)"
    echo "mem_gib=$mem_gib"
    echo "java=$java_version"
    echo "kernel=$(uname -sr)"
    echo "kafka_version=$kafka_version"
    echo "record_size=$record_size"
    echo "connections=$connections"
    echo "batch=$batch"
    echo "rate=$load_rate"
    if [[ "$explore" == true ]]; then
        echo "warmup=$explore_warmup"
        echo "duration=$explore_duration"
        echo "explore_shape=$explore_shape"
    else
        echo "warmup=$warmup"
        echo "service_warmup=$service_warmup"
        echo "duration=$duration"
        echo "shapes=$shapes$([[ "$run_wrk" == true ]] && echo ,wrk)"
    fi
    echo "service_opts=$service_opts"
    if [[ "$avro" == true ]]; then
        echo "schema_registry=Apicurio Registry $registry_version, Java $(jdk_version "$registry_jdk") ($registry_jdk)"
    fi
} >"$run_dir/run.properties"

# Does GET <path> on a loopback port answer 200? (curl when there is one; else plain HTTP/1.0 over bash's /dev/tcp)
http_ok() { # <port> <path>
    if command -v curl >/dev/null; then
        curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1$2" 2>/dev/null
    else
        (
            exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
            printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
            read -r -t 2 status_line <&3 || exit 1
            [[ "$status_line" == HTTP/1.?" 200"* ]]
        ) 2>/dev/null
    fi
}

# ---- the schema registry (avro-batch only) ----
# Started before the broker, so that its start (about 5 s) overlaps the broker's; awaited before anything is measured,
# but for --smoke, whose figures are not judged: then before the service starts, so that it overlaps the limit too.
# In memory: it holds one schema, for this run only. Run from its folder, which must stay while it runs (Quarkus loads
# its jars lazily); the build does not touch it once unpacked.
registry_url=""
if [[ "$avro" == true ]]; then
    free_port registry_port
    free_port registry_management_port
    registry_java=("$registry_jdk/bin/java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
        -Dquarkus.http.host=127.0.0.1 "-Dquarkus.http.port=$registry_port" -Dquarkus.management.host=127.0.0.1
        "-Dquarkus.management.port=$registry_management_port" -Dapicurio.datasource.url=jdbc:h2:mem:registry
        -Dquarkus.http.access-log.enabled=false -jar quarkus-run.jar)
    (cd "$registry_home" && exec "${registry_java[@]}") >"$run_dir/registry.log" 2>&1 &
    registry_pid=$!
    registry_started="$(now_ms)"
    registry_url="http://127.0.0.1:$registry_port/apis/ccompat/v7"
fi
registry_ready=false
await_registry() {
    [[ -n "$registry_pid" && "$registry_ready" == false ]] || return 0
    until http_ok "$registry_management_port" /health/ready; do
        kill -0 "$registry_pid" 2>/dev/null || {
            registry_pid=""
            tail -n 20 "$run_dir/registry.log" >&2
            die "the schema registry exited while starting (log: ${run_dir#"$root"/}/registry.log)"
        }
        (($(now_ms) - registry_started < 90000)) || die "the schema registry was not ready within 90 s" \
            "(log: ${run_dir#"$root"/}/registry.log)"
        sleep 0.2
    done
    registry_ready=true
    say "Apicurio Registry $registry_version is up on $registry_url (pid $registry_pid, Java" \
        "$(jdk_version "$registry_jdk")) after $(($(now_ms) - registry_started)) ms"
}

# ---- Kafka ----
free_port kafka_port
free_port controller_port
bootstrap="127.0.0.1:$kafka_port"
properties="$kafka_dir/broker.properties"
sed -e "/^#/!s|@PORT@|$kafka_port|g" -e "/^#/!s|@CONTROLLER_PORT@|$controller_port|g" \
    -e "/^#/!s|@LOG_DIR@|$kafka_dir/data|g" "$root/src/test/resources/kafka/broker.properties" >"$properties"
broker_java=("$java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager
    "-Dlogging.configuration=file:$here/broker-logging.properties" -Xmx256m -XX:+UseSerialGC -cp "$kafka_classpath")
cluster_id="pg$(od -An -N10 -tx1 /dev/urandom | tr -d ' \n')"
run_step "$run_dir/format.log" "${broker_java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$properties" || {
    cat "$run_dir/format.log" >&2
    die "formatting Kafka's storage failed"
}
"${broker_java[@]}" kafka.Kafka "$properties" >"$run_dir/broker.log" 2>&1 &
broker_pid=$!
started=$SECONDS
until port_open "$kafka_port"; do
    kill -0 "$broker_pid" 2>/dev/null || {
        broker_pid=""
        tail -n 20 "$run_dir/broker.log" >&2
        die "the Kafka broker exited while starting (log: ${run_dir#"$root"/}/broker.log)"
    }
    ((SECONDS - started < 60)) || die "the Kafka broker did not open port $kafka_port within 60 s"
    sleep 0.1
done
say "Kafka $kafka_version is up on $bootstrap (pid $broker_pid, data in ${kafka_dir#"$root"/})"

topics=("producer-gateway-dead-letters:1")
if [[ "$explore" == true ]]; then
    topics+=(explore-warmup)
    for ((i = 1; i <= ${#batch_size_list[@]} * ${#linger_list[@]}; i++)); do topics+=("explore-$i"); done
else
    [[ "$limit" == false ]] || topics+=(bench-limit bench-limit-warmup bench-limit-after)
    for shape in "${shape_list[@]}"; do topics+=("bench-$shape" "bench-$shape-warmup"); done
    [[ "$run_wrk" == false ]] || topics+=(bench-wrk bench-wrk-warmup)
fi
run_step "$run_dir/topics.log" "${kafka_tool[@]}" create-topics --bootstrap "$bootstrap" --partitions 6 "${topics[@]}" || {
    cat "$run_dir/topics.log" >&2
    die "creating the topics failed"
}
[[ "$smoke" == true ]] || await_registry

# ---- the service ----
# Production settings include authentication (gateway.auth.enabled=true): a key of this run, granted every topic,
# handed over in the environment (not on a command line).
export BENCH_API_KEY="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

http_port=""
# How often start_service asks whether the service is ready, and so how exact ready_ms is.
ready_poll_ms=20
printf -v ready_poll_s '%d.%03d' $((ready_poll_ms / 1000)) $((ready_poll_ms % 1000))
ready_ms=""
# Starts the service and waits until /q/health/ready answers 200; ready_ms is how long that took from its launch.
start_service() { # [extra -D options...]
    await_registry
    free_port http_port
    local log="$run_dir/service.log"
    echo "==== $(date -u +%T) starting: $* (port $http_port)" >>"$log"
    # shellcheck disable=SC2086
    GATEWAY_AUTH_API_KEYS="bench:$BENCH_API_KEY" GATEWAY_AUTH_GRANTS="bench=.*" \
        "$java" $service_opts "$@" ${registry_url:+"-Dgateway.schema-registry.url=$registry_url"} \
        "-Dkafka.bootstrap.servers=$bootstrap" "-Dquarkus.http.port=$http_port" \
        -Dquarkus.http.host=127.0.0.1 -jar "$app_jar" >>"$log" 2>&1 &
    service_pid=$!
    local began started=$SECONDS
    began="$(now_ms)"
    # curl only once the port is open: until then each poll costs this shell no process, so it hardly slows the start.
    until port_open "$http_port" && http_ok "$http_port" /q/health/ready; do
        if ! kill -0 "$service_pid" 2>/dev/null; then
            service_pid=""
            tail -n 30 "$log" >&2
            die "producer-gateway exited while starting (log: ${log#"$root"/})"
        fi
        ((SECONDS - started < 60)) || die "producer-gateway was not ready within 60 s (log: ${log#"$root"/})"
        idle "$ready_poll_s"
    done
    ready_ms=$(($(now_ms) - began))
    say "$service_name is ready on 127.0.0.1:$http_port (pid $service_pid) after $ready_ms ms${*:+ with $*}"
}

stop_service() {
    stop_process "$service_pid" producer-gateway 25
    service_pid=""
}

generator_shape() { # bench shape -> LoadGenerator --shape
    case "$1" in
        sync-single) echo single ;;
        sync-batch) echo batch ;;
        async-single) echo async ;;
        *) echo "$1" ;; # async-batch, stream, v2-single, v2-batch, avro-batch
    esac
}

# The connections of a shape: --connections, but at most 8 streams, the service's default
# gateway.auth.max-streams-per-principal (the bench holds one API key); more would be answered 429 over and over.
# 8 streams also keep their windows (8 x gateway.stream.window, 1000) within gateway.delivery.max-in-flight (10000).
shape_connections() { # <bench shape>
    if [[ "$1" == stream ]] && ((connections > 8)); then echo 8; else echo "$connections"; fi
}

# Sync answers, and a stream's answer lines, come only after Kafka's acknowledgement: what Kafka holds does not
# change any more, so those are counted at the end (one JVM); async ones at once, as their records may still be on
# their way.
verify_when() { # <bench shape>
    case "$1" in
        sync-* | stream | v2-* | avro-batch) echo later ;;
        *) echo now ;;
    esac
}

rate_text() { if [[ "$paced" == true ]]; then echo "$load_rate events/s"; else echo "closed loop"; fi; }

# Runs the load generator on one shape, then counts what Kafka holds (unless <verify> is later: then the caller
# verifies, see verify_later). Writes <prefix>.properties and <prefix>-verify.properties in the run directory.
verify_later=()
# <topic>=<schema id>,...: the avro topics whose first record the verification reads back (BenchKafka --wire-check).
wire_checks=""
# <topic>,...: the topics whose first record's value must be a JSON string of --record-size bytes (--size-check):
# sync-single's and the v2 shapes', so that v1 and v2 are seen to store the same bytes.
size_checks=""
wire_options() {
    [[ -z "$wire_checks" ]] || echo --wire-check "$wire_checks"
    [[ -z "$size_checks" ]] || echo --size-check "$size_checks"
    [[ -z "$wire_checks$size_checks" ]] || echo --record-size "$record_size"
}
measure() { # <prefix> <shape> <topic> <warm-up topic> <warm-up s> <duration s> [now|later]
    local prefix="$1" shape="$2" topic="$3" warm_topic="$4" warm="$5" dur="$6" when="${7:-now}"
    local out="$run_dir/$prefix.properties"
    "$java" -Xms128m -Xmx1g -XX:+UseParallelGC -Dclk.tck="$clk_tck" -cp "$classes" io.producergateway.bench.LoadGenerator \
        --port "$http_port" --topic "$topic" --warmup-topic "$warm_topic" --shape "$(generator_shape "$shape")" \
        --batch "$batch" --record-size "$record_size" --connections "$(shape_connections "$shape")" --warmup "$warm" \
        --duration "$dur" --rate "$load_rate" --service-pid "$service_pid" --broker-pid "$broker_pid" \
        --out "$out" >"$run_dir/$prefix.log" 2>&1 &
    child_pid=$!
    # A snapshot of top in the middle of the measured window (the CPU split is also measured from /proc).
    local snapshot_at=$(($(now_ms) + $(awk -v w="$warm" -v d="$dur" 'BEGIN {printf "%d", (w + d / 2) * 1000}')))
    while kill -0 "$child_pid" 2>/dev/null && (($(now_ms) < snapshot_at)); do sleep 0.2; done
    if kill -0 "$child_pid" 2>/dev/null && command -v top >/dev/null; then
        {
            echo "# $(date -u +%T) $prefix: service pid $service_pid, broker pid $broker_pid, load generator pid $child_pid"
            # The second frame: its %CPU covers the 0.5 s between the frames.
            top -b -n 2 -d 0.5 -w 200 | awk '/^top -/ {frame++} frame == 2' | head -n 20
        } >"$run_dir/top-$prefix.txt" 2>&1 || true
    fi
    local status=0
    wait "$child_pid" || status=$?
    child_pid=""
    if ((status != 0)) || [[ ! -s "$out" ]]; then
        cat "$run_dir/$prefix.log" >&2
        die "the load generator failed on $shape (log: ${run_dir#"$root"/}/$prefix.log)"
    fi
    cat "$run_dir/$prefix.log"
    local acked
    acked="$(sed -n 's/^events_acked=//p' "$out")"
    if [[ "$shape" == avro-batch ]]; then
        wire_checks+="${wire_checks:+,}$topic=$(sed -n 's/^value_schema_id=//p' "$out")"
    elif [[ "$shape" == sync-single || "$shape" == v2-* ]]; then
        size_checks+="${size_checks:+,}$topic"
    fi
    if [[ "$when" == later ]]; then
        # The answers came only after Kafka's acknowledgement (verify_when): what Kafka holds does not change any more.
        verify_later+=("$topic=$acked=$run_dir/$prefix-verify.properties")
        kill -0 "$service_pid" 2>/dev/null || die "producer-gateway died during $shape (log: ${run_dir#"$root"/}/service.log)"
        return 0
    fi
    # shellcheck disable=SC2046 # wire_options: whole words without spaces
    run_step "$run_dir/$prefix-verify.log" "${kafka_tool[@]}" await --bootstrap "$bootstrap" --topic "$topic" \
        --expected "$acked" --timeout-s 60 --settle-ms 3000 --pid "$service_pid" \
        --out "$run_dir/$prefix-verify.properties" $(wire_options) || {
        cat "$run_dir/$prefix-verify.log" >&2
        die "reading the end offsets of $topic failed"
    }
    cat "$run_dir/$prefix-verify.log"
    kill -0 "$service_pid" 2>/dev/null || die "producer-gateway died during $shape (log: ${run_dir#"$root"/}/service.log)"
}

# Counts what Kafka holds for every measurement left for later (one JVM for all): sync answers come only after
# Kafka's acknowledgement, so those counts cannot drop afterwards.
verify_deferred() { # <log>
    ((${#verify_later[@]} > 0)) || return 0
    # shellcheck disable=SC2046 # wire_options: whole words without spaces
    run_step "$1" "${kafka_tool[@]}" await-all --bootstrap "$bootstrap" --timeout-s 30 --settle-ms 1000 \
        $(wire_options) "${verify_later[@]}" || {
        cat "$1" >&2
        die "reading the end offsets of the topics failed"
    }
    cat "$1"
    verify_later=()
}

lost=false
check_lost() { # <verify file> <load file>
    local verified acked
    verified="$(sed -n 's/^verified=//p' "$1")"
    acked="$(sed -n 's/^events_acked=//p' "$2")"
    if ((acked > verified)); then lost=true; fi
}

# Kafka's own producer: the limit, and the broker's warm-up before the explorer.
perf_java=("$java" -Djava.util.logging.manager=org.jboss.logmanager.LogManager
    "-Dlogging.configuration=file:$here/tools-logging.properties" -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20
    -cp "$kafka_classpath" org.apache.kafka.tools.ProducerPerformance)
perf_props=(acks=all enable.idempotence=true "bootstrap.servers=$bootstrap" linger.ms=0 batch.size=16384)

# ---- explore: batch.size x linger.ms ----
if [[ "$explore" == true ]]; then
    points=$((${#batch_size_list[@]} * ${#linger_list[@]}))
    say "exploring $points settings (${explore_shape}$([[ "$explore_shape" == *batch ]] && echo " of $batch")," \
        "${record_size}-byte records, $connections connections, $(rate_text), ${explore_warmup} s warm-up +" \
        "${explore_duration} s each)"
    # Every point starts a fresh service, but the broker runs on: its JIT would warm up during the first point alone,
    # which would pay for it (in an older run the first point, the default setting, was by far the slowest). So Kafka's
    # own producer writes to the warm-up topic first, for about as long as a point's warm-up.
    warm_records="$(awk -v w="$explore_warmup" 'BEGIN {n = int(w * 20000); print (n < 10000 ? 10000 : n)}')"
    say "warming the broker up: ProducerPerformance, $warm_records records of $record_size bytes (topic explore-warmup)"
    run_step "$run_dir/explore-broker-warmup.txt" "${perf_java[@]}" --topic explore-warmup --num-records "$warm_records" \
        --record-size "$record_size" --throughput -1 --producer-props "${perf_props[@]}" || {
        cat "$run_dir/explore-broker-warmup.txt" >&2
        die "ProducerPerformance failed while warming the broker up"
    }
    i=0
    for size in "${batch_size_list[@]}"; do
        for linger in "${linger_list[@]}"; do
            i=$((i + 1))
            say "[$i/$points] batch.size=$size linger.ms=$linger"
            start_service "-Dmp.messaging.outgoing.events-out.batch.size=$size" \
                "-Dmp.messaging.outgoing.events-out.linger.ms=$linger"
            printf 'batch_size=%s\nlinger_ms=%s\nservice_ready_ms=%s\n' "$size" "$linger" "$ready_ms" \
                >"$run_dir/point-$(printf %02d "$i")-setting.properties"
            # Sync shapes are verified all at once at the end (one JVM instead of one per point).
            measure "point-$(printf %02d "$i")" "$explore_shape" "explore-$i" explore-warmup "$explore_warmup" \
                "$explore_duration" "$(verify_when "$explore_shape")"
            stop_service
        done
    done
    verify_deferred "$run_dir/explore-verify.log"
    for ((j = 1; j <= points; j++)); do
        check_lost "$run_dir/point-$(printf %02d "$j")-verify.properties" "$run_dir/point-$(printf %02d "$j").properties"
    done
    "$java" -cp "$classes" io.producergateway.bench.BenchReport explore --dir "$run_dir" --p99-target-ms "$p99_target" \
        --csv "$bench_dir/explore.csv" --svg "$bench_dir/explore.svg" --json "$bench_dir/explore.json" \
        --json "$run_dir/explore.json"
    cp "$bench_dir/explore.csv" "$bench_dir/explore.svg" "$run_dir/"
    echo
    say "wrote ${bench_dir#"$root"/}/explore.csv, ${bench_dir#"$root"/}/explore.svg and ${bench_dir#"$root"/}/explore.json" \
        "(logs in ${run_dir#"$root"/})"
    if [[ "$lost" == true ]]; then
        say "LOST: the service acknowledged events that Kafka does not hold (see the table)"
        exit 3
    fi
    exit 0
fi

# One measured run of Kafka's own producer (the limit), as <name>-perf.txt and <name>-cpu.properties, verified with
# the sync shapes at the end. Run before the service starts and again after it stopped: the limit moves by itself on
# a shared machine (its CPU per record by a quarter between runs), and the report compares with the mean of both.
measure_limit() { # <name> <topic>
    local name="$1" topic="$2" began ended busy_start total_start busy_end total_end broker_start broker_end perf_cpu
    times >"$run_dir/times-before.txt"
    read -r busy_start total_start < <(machine_ticks)
    broker_start="$(process_ticks "$broker_pid")"
    began="$(now_ms)"
    run_step "$run_dir/$name-perf.txt" "${perf_java[@]}" --topic "$topic" --num-records "$records" \
        --record-size "$record_size" --throughput "$perf_throughput" --producer-props "${perf_props[@]}" || {
        cat "$run_dir/$name-perf.txt" >&2
        die "ProducerPerformance failed"
    }
    ended="$(now_ms)"
    broker_end="$(process_ticks "$broker_pid")"
    read -r busy_end total_end < <(machine_ticks)
    times >"$run_dir/times-after.txt"
    tail -n 1 "$run_dir/$name-perf.txt"
    perf_cpu="$(awk -v a="$(children_seconds "$run_dir/times-before.txt")" -v b="$(children_seconds "$run_dir/times-after.txt")" \
        'BEGIN {printf "%.3f", b - a}')"
    {
        echo "record_size=$record_size"
        echo "clk_tck=$clk_tck"
        echo "wall_s=$(awk -v a="$began" -v b="$ended" 'BEGIN {printf "%.3f", (b - a) / 1000}')"
        echo "perf_cpu_s=$perf_cpu"
        echo "broker_ticks_start=$broker_start"
        echo "broker_ticks_end=$broker_end"
        echo "machine_busy_ticks_start=$busy_start"
        echo "machine_busy_ticks_end=$busy_end"
        echo "machine_total_ticks_start=$total_start"
        echo "machine_total_ticks_end=$total_end"
    } >"$run_dir/$name-cpu.properties"
    # ProducerPerformance ends once every record is acknowledged: counted with the sync shapes at the end.
    verify_later+=("$topic=$records=$run_dir/$name-verify.properties")
}

# ---- the limit: Kafka's own producer, same broker, same record size ----
if [[ "$limit" == true ]]; then
    # Warm-up (and calibration): ProducerPerformance has a record count, not a duration, so this run's rate sizes the
    # measured run to last about --duration. With --rate both are throttled to it: the warm-up then lasts about
    # --warmup, and its rate is the rate asked, or less when even Kafka's producer cannot reach it.
    if [[ "$paced" == true ]]; then
        perf_throughput="$load_rate"
        record_floor=1000
        warm_records="$(awk -v w="$warmup" -v r="$load_rate" 'BEGIN {n = int(w * r); print (n < 1000 ? 1000 : n)}')"
    else
        perf_throughput=-1
        record_floor=20000
        warm_records="$(awk -v w="$warmup" 'BEGIN {n = int(w * 50000); print (n < 20000 ? 20000 : n)}')"
    fi
    say "limit: ProducerPerformance warm-up, $warm_records records of $record_size bytes ($(rate_text))"
    run_step "$run_dir/limit-warmup-perf.txt" "${perf_java[@]}" --topic bench-limit-warmup --num-records "$warm_records" \
        --record-size "$record_size" --throughput "$perf_throughput" --producer-props "${perf_props[@]}" || {
        cat "$run_dir/limit-warmup-perf.txt" >&2
        die "ProducerPerformance failed"
    }
    warm_rate="$(grep -Eo '^[0-9]+ records sent, [0-9.]+ records/sec' "$run_dir/limit-warmup-perf.txt" | tail -n 1 \
        | awk '{print $4}')"
    [[ -n "$warm_rate" ]] || die "no result from ProducerPerformance (see ${run_dir#"$root"/}/limit-warmup-perf.txt)"
    records="$(awk -v r="$warm_rate" -v d="$duration" -v f="$record_floor" 'BEGIN {n = int(r * d); print (n < f ? f : n)}')"
    say "limit: ProducerPerformance, $records records of $record_size bytes (about $duration s at the warm-up's" \
        "$warm_rate records/s; $(rate_text)), now and again once the service has stopped"
    measure_limit limit bench-limit
fi

# ---- the service, shape by shape ----
start_service
printf 'service_ready_ms=%s\nservice_ready_poll_ms=%s\n' "$ready_ms" "$ready_poll_ms" >>"$run_dir/run.properties"
if [[ "$service_warmup" != 0 ]]; then
    each="$(awk -v w="$service_warmup" -v n="${#shape_list[@]}" 'BEGIN {printf "%.1f", w / n}')"
    say "warming the service's JVM up: ${each} s of each shape (topics bench-<shape>-warmup, not measured)"
    # Closed loop even with --rate: the JIT compiles the hot paths soonest at full load; each shape's own warm-up
    # (measure) is then paced like its measurement.
    for shape in "${shape_list[@]}"; do
        run_step "$run_dir/service-warmup-$shape.log" "$java" -Xms128m -Xmx1g -XX:+UseParallelGC -cp "$classes" \
            io.producergateway.bench.LoadGenerator --port "$http_port" --topic "bench-$shape-warmup" \
            --warmup-topic "bench-$shape-warmup" --shape "$(generator_shape "$shape")" --batch "$batch" \
            --record-size "$record_size" --connections "$(shape_connections "$shape")" --warmup "$each" --duration 0 || {
            cat "$run_dir/service-warmup-$shape.log" >&2
            die "the load generator failed while warming up on $shape"
        }
        sed -n 's/.*second by second (warm-up first): /  events\/s while warming up on '"$shape"': /p' \
            "$run_dir/service-warmup-$shape.log"
    done
fi
for shape in "${shape_list[@]}"; do
    say "$shape: $(shape_connections "$shape") connections, $(rate_text), ${warmup} s warm-up (topic bench-$shape-warmup)," \
        "${duration} s measured (topic bench-$shape)"
    measure "shape-$shape" "$shape" "bench-$shape" "bench-$shape-warmup" "$warmup" "$duration" "$(verify_when "$shape")"
done

# ---- the cross-check: wrk on the sync-single shape (run_wrk: see --wrk) ----
# wrk's duration in seconds, or a latency like 1.23ms / 456.00us / 1.02s in milliseconds.
wrk_ms() { awk -v v="$1" 'BEGIN {n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.3f", n}'; }
if [[ "$run_wrk" == true ]]; then
    say "wrk cross-check: sync-single, $connections connections, ${warmup} s warm-up, ${duration} s measured (topic bench-wrk)"
    value="$(awk -v n=$((record_size - 2)) 'BEGIN {srand(42); for (i = 0; i < n; i++) printf "%c", 97 + int(rand() * 26)}')"
    for topic in bench-wrk-warmup bench-wrk; do
        printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["X-API-Key"] = "%s"\nwrk.body = \x27{"value":"%s"}\x27\n' \
            "$BENCH_API_KEY" "$value" >"$run_dir/wrk-$topic.lua"
    done
    wrk_url="http://127.0.0.1:$http_port/v1/topics"
    run_step "$run_dir/wrk-warmup.txt" wrk -t 2 -c "$connections" -d "$(awk -v w="$warmup" 'BEGIN {printf "%d", (w < 1 ? 1 : w)}')s" \
        -s "$run_dir/wrk-bench-wrk-warmup.lua" "$wrk_url/bench-wrk-warmup/events" || die "wrk failed (see ${run_dir#"$root"/}/wrk-warmup.txt)"
    times >"$run_dir/times-before.txt"
    read -r busy_start total_start < <(machine_ticks)
    service_start="$(process_ticks "$service_pid")"
    broker_start="$(process_ticks "$broker_pid")"
    began="$(now_ms)"
    run_step "$run_dir/wrk.txt" wrk -t 2 -c "$connections" -d "$(awk -v d="$duration" 'BEGIN {printf "%d", (d < 1 ? 1 : d)}')s" \
        --latency -s "$run_dir/wrk-bench-wrk.lua" "$wrk_url/bench-wrk/events" || die "wrk failed (see ${run_dir#"$root"/}/wrk.txt)"
    ended="$(now_ms)"
    service_end="$(process_ticks "$service_pid")"
    broker_end="$(process_ticks "$broker_pid")"
    read -r busy_end total_end < <(machine_ticks)
    times >"$run_dir/times-after.txt"
    cat "$run_dir/wrk.txt"
    requests="$(awk '/requests in/ {print $1}' "$run_dir/wrk.txt")"
    wrk_seconds="$(awk '/requests in/ {sub(",", "", $4); print $4}' "$run_dir/wrk.txt")"
    non2xx="$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$run_dir/wrk.txt")"
    socket_errors="$(awk '/Socket errors/ {n = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) n += $i; print n}' "$run_dir/wrk.txt")"
    non2xx="${non2xx:-0}"
    socket_errors="${socket_errors:-0}"
    wrk_cpu="$(awk -v a="$(children_seconds "$run_dir/times-before.txt")" -v b="$(children_seconds "$run_dir/times-after.txt")" \
        'BEGIN {printf "%d", (b - a) * '"$clk_tck"'}')"
    percentile() { wrk_ms "$(awk -v p="$1" '$1 == p {print $2}' "$run_dir/wrk.txt")"; }
    {
        echo "shape=wrk"
        echo "topic=bench-wrk"
        echo "record_size=$record_size"
        echo "connections=$connections"
        echo "requests=$requests"
        echo "requests_ok=$((requests - non2xx))"
        echo "events_acked=$((requests - non2xx))"
        echo "errors=$((non2xx + socket_errors))"
        echo "io_errors=$socket_errors"
        echo "error_statuses=$([[ "$non2xx" == 0 ]] || echo "non-2xx:$non2xx")"
        echo "first_error="
        echo "start_epoch_ms=$began"
        echo "end_epoch_ms=$ended"
        echo "elapsed_ns=$(awk -v s="$(wrk_ms "$wrk_seconds")" 'BEGIN {printf "%.0f", s * 1e6}')"
        echo "p50_ms=$(percentile 50%)"
        echo "p99_ms=$(percentile 99%)"
        echo "p999_ms="
        echo "clk_tck=$clk_tck"
        echo "service_ticks_start=$service_start"
        echo "service_ticks_end=$service_end"
        echo "broker_ticks_start=$broker_start"
        echo "broker_ticks_end=$broker_end"
        echo "self_ticks_start=0"
        echo "self_ticks_end=$wrk_cpu"
        echo "machine_busy_ticks_start=$busy_start"
        echo "machine_busy_ticks_end=$busy_end"
        echo "machine_total_ticks_start=$total_start"
        echo "machine_total_ticks_end=$total_end"
        echo "service_rss_max_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$service_pid/status")"
        echo "service_hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$service_pid/status")"
    } >"$run_dir/shape-wrk.properties"
    verify_later+=("bench-wrk=$((requests - non2xx))=$run_dir/shape-wrk-verify.properties")
fi
stop_service
if [[ "$limit" == true ]]; then
    say "limit again, the service stopped: ProducerPerformance, $records records of $record_size bytes"
    measure_limit limit-after bench-limit-after
fi
verify_deferred "$run_dir/verify.log"
for shape in "${shape_list[@]}" $([[ "$run_wrk" == true ]] && echo wrk); do
    check_lost "$run_dir/shape-$shape-verify.properties" "$run_dir/shape-$shape.properties"
done
if [[ "$limit" == true ]]; then
    for name in limit limit-after; do
        (($(sed -n 's/^verified=//p' "$run_dir/$name-verify.properties") < records)) && lost=true
    done
fi

echo
"$java" -cp "$classes" io.producergateway.bench.BenchReport results --dir "$run_dir" \
    --json "$bench_dir/results-$stamp.json" --json "$bench_dir/latest.json"
say "wrote ${bench_dir#"$root"/}/results-$stamp.json and ${bench_dir#"$root"/}/latest.json; table in" \
    "${run_dir#"$root"/}/table.txt, logs in ${run_dir#"$root"/}"
if [[ "$lost" == true ]]; then
    say "LOST: the service acknowledged events that Kafka does not hold (see the table)"
    exit 3
fi
