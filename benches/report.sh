#!/usr/bin/env bash
# Times `focus today` and `focus report` on a generated log of 100,000
# records (about 25 years of working days), against jq counting today's
# pomodoros in the same file, and measures peak RSS.
#
# Targets: `focus today` <= 30 ms, `focus report --month` <= 60 ms,
# `focus report --from 2000-01-01 --format json` <= 250 ms, peak RSS of each
# <= 32 MiB. Exits 1 if one is missed.
#
# Usage: benches/report.sh [--records N] [--runs N] [--keep DIR]
#
# Timing uses hyperfine when it is installed (`apt-get install hyperfine`),
# else a loop around `date +%s%N`; peak RSS uses /usr/bin/time -v when
# present, else polls VmHWM in /proc. Everything runs in a throw-away
# XDG_CONFIG_HOME/XDG_DATA_HOME/XDG_STATE_HOME, so the user's log is never
# touched.
#
# Until `focus report` is a subcommand of the binary, the report is run
# through a tiny release binary built here from the library
# (`focus::app::report::run`, the same function the subcommand will call).

set -euo pipefail

records=100000
runs=20
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "report.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
unset NO_COLOR
mkdir -p "$XDG_DATA_HOME/focus"
log="$XDG_DATA_HOME/focus/sessions.jsonl"

echo "== building (release)" >&2
cargo build --release --locked --quiet --bin focus --example gen_log
focus="$root/target/release/focus"
"$root/target/release/examples/gen_log" --records "$records" --out "$log"
echo "log: $(du -h "$log" | cut -f1), $(wc -l <"$log") lines" >&2

report=("$focus" report)

today=$(date +%F)
today_cmd="$focus today"
month_cmd="${report[*]} --month"
full_cmd="${report[*]} --from 2000-01-01 --format json"
jq_cmd="jq -n --arg d $today 'reduce inputs as \$r (0; if \$r.kind == \"work\" and \$r.outcome == \"completed\" and (\$r.ended_at | startswith(\$d)) then . + 1 else . end)' $log"

# Sanity: the same answer from focus and jq, and output that is valid JSON.
focus_count=$($focus today --json | jq .pomodoros)
jq_count=$(eval "$jq_cmd")
echo "today's pomodoros: focus $focus_count, jq $jq_count" >&2
[ "$focus_count" = "$jq_count" ] || echo "warning: focus and jq disagree" >&2
eval "$full_cmd" | jq -e '.rows | length > 0' >/dev/null

# mean_ms NAME COMMAND: mean wall time in milliseconds (hyperfine also
# leaves the mean CPU time, user + system, in $work/NAME.cpu).
mean_ms() {
    local name=$1 cmd=$2
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 3 --runs "$runs" --style none \
            --export-json "$work/$name.json" "$cmd" >/dev/null
        jq '(.results[0].user + .results[0].system) * 1000' "$work/$name.json" >"$work/$name.cpu"
        jq '.results[0].mean * 1000' "$work/$name.json"
    else
        local i start end total=0
        for i in 1 2 3; do eval "$cmd" >/dev/null; done
        for ((i = 0; i < runs; i++)); do
            start=$(date +%s%N)
            eval "$cmd" >/dev/null
            end=$(date +%s%N)
            total=$((total + end - start))
        done
        echo "scale=2; $total / $runs / 1000000" | bc
    fi
}

# peak_kib COMMAND: peak resident set size in KiB.
peak_kib() {
    local cmd=$1
    if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
        eval "/usr/bin/time -v $cmd" 2>&1 >/dev/null |
            awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }'
    else
        local pid hwm=0 now
        eval "$cmd" >/dev/null &
        pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            now=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
            [ -n "$now" ] && [ "$now" -gt "$hwm" ] && hwm=$now
        done
        wait "$pid" || true
        echo "$hwm"
    fi
}

failed=0
check() { # NAME VALUE LIMIT UNIT
    local verdict=PASS
    if [ "$(echo "$2 > $3" | bc)" = 1 ]; then verdict=FAIL; failed=1; fi
    printf '%-4s %-48s %9.1f %-3s (target <= %s)\n' "$verdict" "$1" "$2" "$4" "$3"
}

echo "== timing ($runs runs each)" >&2
t_today=$(mean_ms today "$today_cmd")
t_month=$(mean_ms month "$month_cmd")
t_full=$(mean_ms full "$full_cmd")
t_jq=$(mean_ms jq "$jq_cmd")
m_today=$(peak_kib "$today_cmd")
m_month=$(peak_kib "$month_cmd")
m_full=$(peak_kib "$full_cmd")
m_jq=$(peak_kib "$jq_cmd")

# The TUI's first frame: from spawning it in a pseudo-terminal to the end of
# the first frame (the first write that draws the frame's bottom-right
# corner), median of $runs runs. Python's pty module stands in for a
# terminal; the snapshot and lock are cleared between runs.
t_frame=$(python3 - "$focus" "$runs" <<'PY'
import os, pty, select, statistics, sys, time
focus, runs = sys.argv[1], int(sys.argv[2])
state = os.path.join(os.environ["XDG_STATE_HOME"], "focus")
times = []
for _ in range(runs):
    for f in ("state.json",):
        try: os.remove(os.path.join(state, f))
        except FileNotFoundError: pass
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        # A fresh pty is 0x0; give it the 80x24 the targets speak of.
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(focus, [focus])
    seen = b""
    while b"\xe2\x95\xaf" not in seen:  # "╯": the frame's last corner
        r, _, _ = select.select([fd], [], [], 5)
        if not r: break
        try: seen += os.read(fd, 65536)
        except OSError: break
        # Answer a cursor-position query as a terminal would.
        if b"\x1b[6n" in seen: os.write(fd, b"\x1b[1;1R"); seen = seen.replace(b"\x1b[6n", b"")
    times.append((time.perf_counter() - start) * 1000)
    os.kill(pid, 9); os.waitpid(pid, 0); os.close(fd)
print(f"{statistics.median(times):.1f}")
PY
)

cpu() { # NAME: " (CPU x ms)" when known
    [ -s "$work/$1.cpu" ] && printf ' (CPU %.1f ms)' "$(cat "$work/$1.cpu")"
    return 0
}

echo
echo "records: $records ($(du -h "$log" | cut -f1)); timer: $(command -v hyperfine >/dev/null && echo hyperfine || echo 'date +%s%N loop'); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
check "focus today: mean" "$t_today" 30 ms
check "focus (TUI) first frame: median" "$t_frame" 30 ms
check "focus report --month: mean" "$t_month" 60 ms
check "focus report --from 2000-01-01 --format json" "$t_full" 250 ms
check "focus today: peak RSS" "$(echo "scale=1; $m_today / 1024" | bc)" 32 MiB
check "focus report --month: peak RSS" "$(echo "scale=1; $m_month / 1024" | bc)" 32 MiB
check "focus report --from 2000-01-01: peak RSS" "$(echo "scale=1; $m_full / 1024" | bc)" 32 MiB
echo "     mean CPU: today$(cpu today), month$(cpu month), full$(cpu full), jq$(cpu jq)"
printf '%-4s %-48s %9.1f ms, peak RSS %.1f MiB\n' "" "jq counting today's pomodoros" "$t_jq" "$(echo "scale=1; $m_jq / 1024" | bc)"
printf '%-4s %-48s %9.3f\n' "" "ratio focus today / jq (time)" "$(echo "scale=4; $t_today / $t_jq" | bc)"
exit "$failed"
