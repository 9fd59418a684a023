#!/usr/bin/env bash
# Times the attention curve on a generated log of 100,000 records: the
# Review screen's Attention panel (its first frame after the keys that open
# it, in a real pseudo-terminal) and `focus report --by hour` (this week, and
# the whole history as JSON).
#
# Targets: the Attention panel's first frame <= 30 ms, `focus report --by
# hour` <= 30 ms. Exits 1 if one is missed. Also shows the CPU focus takes
# in 3 s of a running timer with the panel on screen (a frame a second), so
# a return of per-frame statistics shows up as CPU.
#
# Usage: benches/attention.sh [--records N] [--runs N]
#
# Everything runs in a throw-away XDG_CONFIG_HOME/XDG_DATA_HOME/
# XDG_STATE_HOME, so the user's log is never touched.

set -euo pipefail

records=100000
runs=15
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "attention.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_DATA_HOME/focus" "$XDG_CONFIG_HOME/focus" "$XDG_RUNTIME_DIR"
chmod 700 "$work" "$XDG_RUNTIME_DIR"
log="$XDG_DATA_HOME/focus/sessions.jsonl"

echo "== building (release)" >&2
cargo build --release --locked --quiet --bin focus --example gen_log
focus="$root/target/release/focus"
"$root/target/release/examples/gen_log" --records "$records" --out "$log"
echo "log: $(du -h "$log" | cut -f1), $(wc -l <"$log") lines" >&2

# mean_ms COMMAND: mean wall time in milliseconds over $runs runs, after 3
# warm-up runs.
mean_ms() {
    local cmd=$1 i start end total=0
    for i in 1 2 3; do eval "$cmd" >/dev/null; done
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        eval "$cmd" >/dev/null
        end=$(date +%s%N)
        total=$((total + end - start))
    done
    echo "scale=2; $total / $runs / 1000000" | bc
}

failed=0
check() { # NAME VALUE LIMIT UNIT
    local verdict=PASS
    if [ "$(echo "$2 > $3" | bc)" = 1 ]; then verdict=FAIL; failed=1; fi
    printf '%-4s %-52s %9.1f %-3s (target <= %s)\n' "$verdict" "$1" "$2" "$4" "$3"
}

t_week=$(mean_ms "$focus report --by hour")
t_all=$(mean_ms "$focus report --by hour --from 2000-01-01 --format json")
"$focus" report --by hour --from 2000-01-01 --format json | jq -e '.rows | length == 24' >/dev/null

# The panel: spawn focus in a pty, wait for its first frame, press Tab three
# times (Review) and 3 (Attention), and time from the keys to the end of the
# frame that shows the panel's table. Then start the timer (space on the
# Timer screen is not reachable from Review, so a short work session is
# started before going there) and count the CPU of 3 s of frames.
read -r t_panel cpu_3s written < <(python3 - "$focus" "$runs" <<'PY'
import os, pty, select, statistics, sys, time
focus, runs = sys.argv[1], int(sys.argv[2])
state = os.path.join(os.environ["XDG_STATE_HOME"], "focus")

def spawn():
    for f in ("state.json",):
        try: os.remove(os.path.join(state, f))
        except FileNotFoundError: pass
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl, struct, termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execv(focus, [focus])
    return pid, fd

def read_until(fd, needle, timeout=10, after=None):
    """Reads until `needle` shows (after `after`, when given)."""
    seen = b""
    end = time.perf_counter() + timeout
    def done():
        if after is None:
            return needle in seen
        at = seen.find(after)
        return at >= 0 and needle in seen[at:]
    while not done() and time.perf_counter() < end:
        r, _, _ = select.select([fd], [], [], 0.5)
        if not r: continue
        try: chunk = os.read(fd, 65536)
        except OSError: break
        seen += chunk
        if b"\x1b[6n" in seen:
            os.write(fd, b"\x1b[1;1R"); seen = seen.replace(b"\x1b[6n", b"")
    return seen

def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

times = []
for _ in range(runs):
    pid, fd = spawn()
    read_until(fd, "╯".encode())
    start = time.perf_counter()
    os.write(fd, b"\t\t\t3")
    # The table's header is drawn once the statistics are built. Only
    # changed cells are written, so the frame's end is the last byte of
    # that burst: read until the terminal has been quiet for 20 ms.
    read_until(fd, b"SESSIONS")
    last = time.perf_counter()
    while True:
        r, _, _ = select.select([fd], [], [], 0.02)
        if not r: break
        try: os.read(fd, 65536)
        except OSError: break
        last = time.perf_counter()
    times.append((last - start) * 1000)
    os.kill(pid, 9); os.waitpid(pid, 0); os.close(fd)

# CPU while the timer runs and the Attention panel is on screen.
pid, fd = spawn()
read_until(fd, "╯".encode())
os.write(fd, b" ")
time.sleep(0.3)
os.write(fd, b"\t\t\t3")
read_until(fd, b"SESSIONS")
before = cpu_ms(pid)
written = 0
end = time.perf_counter() + 3
while time.perf_counter() < end:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try: chunk = os.read(fd, 65536)
        except OSError: break
        written += len(chunk)
after = cpu_ms(pid)
os.kill(pid, 9); os.waitpid(pid, 0); os.close(fd)
print(f"{statistics.median(times):.1f} {after - before:.1f} {written}")
PY
)

echo
echo "records: $records ($(du -h "$log" | cut -f1)); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
check "Review Attention panel: keys to drawn, median" "$t_panel" 30 ms
check "focus report --by hour (this week): mean" "$t_week" 30 ms
printf '%-4s %-52s %9.1f ms\n' "" "focus report --by hour --from 2000-01-01 --format json" "$t_all"
printf '%-4s %-52s %9.1f ms CPU, %s bytes drawn\n' "" "Attention panel with a running timer, 3 s" "$cpu_3s" "$written"
exit "$failed"
