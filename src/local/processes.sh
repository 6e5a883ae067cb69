# Sourced by run.sh and bench.sh (which define say): stopping the processes they started, by PID.

# Stops a process this script started: SIGTERM, up to <seconds> to exit, then SIGKILL.
stop_process() { # <pid> <name> <seconds>
    local pid="$1" name="$2" seconds="$3" i
    if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
        return 0
    fi
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < seconds * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name did not stop within ${seconds}s: kill -9 $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    say "$name stopped after $(awk -v i="$i" 'BEGIN {printf "%.1f", i / 10}') s"
}
