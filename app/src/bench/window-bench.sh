#!/usr/bin/env bash
# Window benchmark of the app image (README, Performance). Prints startup times, idle CPU and RSS, and the conditions.
#
#   app/src/bench/window-bench.sh [--listeners N] [--launches K] [--warmup S] [--windows W] [--window S]
#                                 [--display :NN] [--jvm-option OPT]... [--drop-caches] [--netns]
#
# - needs the app image (mvn -B -Pdist package -DskipTests) and Xvfb + xdotool;
# - starts Xvfb on --display (default :99) unless $DISPLAY is set, and a helper process that holds N listeners on
#   127.0.0.1 (dev.portwatch.core.bench.ListenerHolder, default 5000; one holder per 10,000);
# - startup: launches the app image K times (default 5) and prints, per launch, the time from exec to the window
#   being mapped (xdotool) and to the first scan shown in the table (the app's own probe); the first launch is "cold"
#   for the JVM and the app (page cache warm unless --drop-caches, which drops the whole machine's cache: root only);
# - idle: launches once more, waits --warmup seconds (default 120), then samples utime+stime of /proc/PID/stat over
#   W windows of S seconds (default 3 x 60) and VmRSS of /proc/PID/status every 10 s; prints CPU as % of one core,
#   RSS per window and the growth from the first to the last sample (run --windows 10 for "over 10 minutes");
# - --jvm-option adds a JVM option to the launcher (through JAVA_TOOL_OPTIONS), e.g. --jvm-option -Dprism.order=es2;
# - --netns runs it all (Xvfb, the holder, the app) in a new network namespace with only loopback (root only): no
#   other program's sockets come and go in the tables, which shows the app's own cost when nothing changes;
# - every process it starts is stopped by its pid at the end, also on Ctrl+C; settings go to a temporary directory.
set -euo pipefail

listeners=5000 launches=5 warmup=120 windows=3 window=60 display=":99" drop_caches=no netns=no
jvm_options=()
if [ "${1:-}" != --in-netns ]; then
    for arg in "$@"; do [ "$arg" = --netns ] && netns=yes; done
    if [ "$netns" = yes ]; then
        exec unshare -n -- bash -c 'ip link set lo up && exec "$0" --in-netns "$@"' "$0" "$@"
    fi
else
    shift
    netns=yes
fi
while [ $# -gt 0 ]; do
    case "$1" in
        --listeners) listeners=$2; shift 2 ;;
        --launches) launches=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --windows) windows=$2; shift 2 ;;
        --window) window=$2; shift 2 ;;
        --display) display=$2; shift 2 ;;
        --jvm-option) jvm_options+=("$2"); shift 2 ;;
        --drop-caches) drop_caches=yes; shift ;;
        --netns) shift ;;
        *) echo "window-bench: unknown argument $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/../../.." && pwd)
image="$root/app/target/dist/portwatch"
launcher="$image/bin/portwatch"
[ -x "$launcher" ] || { echo "window-bench: no app image at $image; run mvn -B -Pdist package -DskipTests" >&2; exit 2; }
for tool in xdotool Xvfb; do
    command -v "$tool" >/dev/null || { echo "window-bench: needs $tool (apt-get install -y xvfb xdotool)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/portwatch-window-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${DISPLAY:-}" ]; then
    Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
    pids+=($!)
    export DISPLAY=$display
    for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
fi

# The listeners belong to other processes, as in real use; they exit when their stdin (this fifo) closes. Each
# listener is a descriptor: above 10,000 they are spread over several holders, so no holder needs an open-files
# limit above 10,000 plus its JVM's own.
mkfifo "$work/holder.in"
holders=$(( (listeners + 9999) / 10000 )); [ "$holders" -ge 1 ] || holders=1
holder_pids=()
for h in $(seq "$holders"); do
    share=$(( listeners / holders + (h <= listeners % holders ? 1 : 0) ))
    "$image/lib/runtime/bin/java" -Djava.net.preferIPv4Stack=true -cp "$image/lib/app/portwatch.jar" \
        dev.portwatch.core.bench.ListenerHolder "$share" <"$work/holder.in" >"$work/holder-$h.out" 2>&1 &
    pids+=($!)
    holder_pids+=($!)
done
exec 7>"$work/holder.in"
for h in $(seq "$holders"); do
    for _ in $(seq 3000); do grep -q "READY\|FAILED" "$work/holder-$h.out" 2>/dev/null && break; sleep 0.1; done
    grep -q READY "$work/holder-$h.out" || { echo "window-bench: holder: $(cat "$work/holder-$h.out")" >&2; exit 1; }
done

now_ms() { date +%s%3N; }
export JAVA_TOOL_OPTIONS="-Dportwatch.configDir=$work/config -Dportwatch.dataDir=$work/data -Dportwatch.startupProbe=print -Dprism.verbose=true ${jvm_options[*]:-}"

# Starts the app image, waits until its window is mapped; sets app_pid and prints the exec-to-visible time.
launch() {
    local log=$1 start
    start=$(now_ms)
    "$launcher" >"$log" 2>&1 &
    app_pid=$!
    pids+=("$app_pid")
    # Polled every 20 ms: xdotool's own --sync looks only every 500 ms, which rounded every figure up to that step.
    for _ in $(seq 3000); do
        xdotool search --onlyvisible --pid "$app_pid" --name '^portwatch$' >/dev/null 2>&1 && break
        sleep 0.02
    done
    visible_ms=$(( $(now_ms) - start ))
    for _ in $(seq 300); do grep -q "portwatch-startup:" "$log" && break; sleep 0.1; done
    local shown_at
    shown_at=$(sed -n 's/.*first-scan-shown-at-epoch-ms=\([0-9]*\).*/\1/p' "$log" | head -1)
    first_scan_ms=${shown_at:+$(( shown_at - start ))}
}
stop_app() {
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
}

echo "== conditions"
echo "launcher:  $launcher"
echo "jvm:       $(grep '^java-options=' "$image/lib/app/portwatch.cfg" | cut -d= -f2- | tr '\n' ' ')${jvm_options[*]:-}"
echo "machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "listeners: $listeners on 127.0.0.1 held by pid(s) ${holder_pids[*]}; display $DISPLAY"
echo "network:   $([ "$netns" = yes ] && echo "own namespace, loopback only (--netns)" || echo "the machine's")"

echo "== startup ($launches launches)"
for i in $(seq "$launches"); do
    kind=warm
    if [ "$i" = 1 ]; then
        kind=cold
        if [ "$drop_caches" = yes ]; then sync; echo 3 >/proc/sys/vm/drop_caches; kind="cold (page cache dropped)"; fi
    fi
    launch "$work/launch-$i.log"
    stop_app
    echo "launch $i, $kind: window visible ${visible_ms} ms, first scan shown ${first_scan_ms:-?} ms after exec"
done
echo "pipeline:  $(grep -o 'Using [a-zA-Z0-9. ]*Pipeline\|Prism pipeline name = .*' "$work/launch-1.log" | head -1)"

echo "== idle (polling every 1 s, ${warmup} s warm-up, ${windows} x ${window} s)"
launch "$work/idle.log"
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2/1024}' "/proc/$app_pid/status"; }
# Per-thread CPU (utime+stime by thread name) over the measured windows: where the ticks go.
thread_ticks() {
    for task in /proc/"$app_pid"/task/*; do
        awk -v tid="${task##*/}" '{ match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2);
            rest = substr($0, RSTART + RLENGTH + 1); split(rest, f, " "); print tid "\t" name "\t" f[12] + f[13] }' \
            "$task/stat" 2>/dev/null || true
    done
}
sleep "$warmup"
thread_ticks >"$work/threads.before"
first_rss=$(rss_mb)
for w in $(seq "$windows"); do
    t0=$(cpu_ticks); s0=$(now_ms); max_rss=0
    end=$(( s0 + window * 1000 ))
    while [ "$(now_ms)" -lt "$end" ]; do
        sleep 10
        r=$(rss_mb); [ "$r" -gt "$max_rss" ] && max_rss=$r
    done
    t1=$(cpu_ticks); s1=$(now_ms)
    awk -v t="$(( t1 - t0 ))" -v hz="$hz" -v ms="$(( s1 - s0 ))" -v w="$w" -v r="$(rss_mb)" -v m="$max_rss" \
        'BEGIN {printf "window %d: CPU %.2f%% of one core, RSS %d MB (max %d MB)\n", w, 100 * t / hz / (ms / 1000), r, m}'
done
echo "RSS growth from the first to the last sample: $(( $(rss_mb) - first_rss )) MB"
thread_ticks >"$work/threads.after"
echo "CPU by thread over the ${windows} windows (% of one core):"
awk -F'\t' -v hz="$hz" -v secs="$(( windows * window ))" '
    NR == FNR { before[$1] = $3; next }
    { by[$2] += $3 - before[$1] }
    END { for (n in by) if (by[n] > 0) printf "  %6.2f%%  %s\n", 100 * by[n] / hz / secs, n }' \
    "$work/threads.before" "$work/threads.after" | sort -rn | head -12
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
stop_app
