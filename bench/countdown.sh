#!/usr/bin/env bash
# Measures what a terminal timer costs while it counts down: CPU time,
# context switches (wake-ups), bytes written to the terminal and peak RSS.
#
# The program runs in a detached tmux session of a fixed size on a private
# tmux server; the figures come from /proc/PID (sampled at the start and the
# end of the window) and from `tmux pipe-pane` (the bytes the program wrote
# to its terminal during the window).
#
# See bench/README.md for the targets and for how to compare other timers.

set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/countdown.sh [OPTIONS] [-- COMMAND ARGS...]

Runs a timer in a detached tmux session and measures it over a window.

Without COMMAND: builds focus (cargo build --release --locked), runs
target/release/focus with a throw-away config (work = "25m") and
XDG_CONFIG_HOME/XDG_DATA_HOME/XDG_STATE_HOME in a temp dir, and sends
`space` so a work session counts down. Checks focus's targets.

Options:
  --seconds N     length of the measured window (default 60)
  --size WxH      terminal size (default 80x24)
  --keys KEYS     tmux key names sent once the program has drawn, separated
                  by spaces, e.g. 'space' or 't w r i t e Enter space'
                  (default: 'space' for focus, nothing for a COMMAND)
  --warmup S      seconds to wait after the keys before the window (default 3)
  --child         measure the only child of COMMAND instead of COMMAND itself
                  (for wrappers that do not exec the real program)
  --targets       print focus's PASS/FAIL lines whatever the program is
                  (default: only when the program is a binary named focus)
  --no-build      do not run cargo build (default command only)
  --screen        print the final screen (tmux capture-pane) to stderr
  --raw FILE      keep the bytes written during the window in FILE
  --json          print the figures as one JSON object instead of the report
  -h, --help      this text

The command runs with the same isolated XDG_* directories as focus, in the
current directory. Progress messages go to stderr, the result to stdout.
EOF
}

die() {
    echo "countdown.sh: $*" >&2
    exit 2
}
note() { echo "countdown.sh: $*" >&2; }

# ---- options ---------------------------------------------------------------

seconds=60
size=80x24
keys=
keys_set=0
warmup=3
child=0
force_targets=0
build=1
show_screen=0
raw_file=
json=0
cmd=()

while (($#)); do
    case $1 in
    --seconds) seconds=${2-}; shift 2 || die "--seconds needs a value" ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --size) size=${2-}; shift 2 || die "--size needs a value" ;;
    --size=*) size=${1#*=}; shift ;;
    --keys) keys=${2-}; keys_set=1; shift 2 || die "--keys needs a value" ;;
    --keys=*) keys=${1#*=}; keys_set=1; shift ;;
    --warmup) warmup=${2-}; shift 2 || die "--warmup needs a value" ;;
    --warmup=*) warmup=${1#*=}; shift ;;
    --child) child=1; shift ;;
    --targets) force_targets=1; shift ;;
    --no-build) build=0; shift ;;
    --screen) show_screen=1; shift ;;
    --raw) raw_file=${2-}; shift 2 || die "--raw needs a value" ;;
    --raw=*) raw_file=${1#*=}; shift ;;
    --json) json=1; shift ;;
    -h | --help) usage; exit 0 ;;
    --) shift; cmd=("$@"); break ;;
    *) usage >&2; die "unknown argument: $1" ;;
    esac
done

[[ $seconds =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v s="$seconds" 'BEGIN { exit !(s > 0) }' ||
    die "--seconds must be a positive number, not '$seconds'"
[[ $warmup =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--warmup must be a number of seconds, not '$warmup'"
[[ $size =~ ^([0-9]+)x([0-9]+)$ ]] || die "--size must look like 80x24, not '$size'"
cols=${BASH_REMATCH[1]}
rows=${BASH_REMATCH[2]}
((cols >= 1 && rows >= 1)) || die "--size must be at least 1x1"

# ---- requirements ----------------------------------------------------------

[[ -r /proc/self/stat ]] || die "needs Linux /proc (reads /proc/PID/{stat,status,task,io})"
if ! command -v tmux >/dev/null 2>&1; then
    die "tmux is not installed (needed to give the program a terminal of a fixed size and to record what it writes); install it, e.g. 'apt-get install tmux'"
fi
for tool in awk stat sleep mktemp; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed"
done
(( ${BASH_VERSINFO[0]} >= 5 )) || die "needs bash 5 or newer (for \$EPOCHREALTIME)"

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

# ---- temp dir, private tmux server, cleanup -------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/focus-bench.XXXXXX")
sock=$work/tmux.sock
session=bench
pipe_open=0

tm() { tmux -S "$sock" "$@"; }

cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    [[ -n ${nap_pid:-} ]] && kill "$nap_pid" 2>/dev/null
    if [[ -S $sock ]]; then
        ((pipe_open)) && tmux -S "$sock" pipe-pane -t "$session" 2>/dev/null || true
        tmux -S "$sock" kill-server 2>/dev/null || true
    fi
    rm -rf -- "$work"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Sleeps in the background so that a signal runs the trap at once.
nap_pid=
nap() {
    sleep "$1" &
    nap_pid=$!
    wait "$nap_pid"
    nap_pid=
}

# ---- the command -----------------------------------------------------------

mkdir -p "$work/config/focus" "$work/data" "$work/state"
printf 'work = "25m"\n' >"$work/config/focus/config.toml"

default_cmd=0
if ((${#cmd[@]} == 0)); then
    default_cmd=1
    if ((build)); then
        note "building focus: cargo build --release --locked"
        command -v cargo >/dev/null 2>&1 || die "cargo is not installed (needed to build focus; or pass -- COMMAND)"
        (cd "$root" && cargo build --release --locked >&2) || die "cargo build failed"
    fi
    bin=${CARGO_TARGET_DIR:-$root/target}/release/focus
    [[ -x $bin ]] || die "no release binary at $bin"
    cmd=("$bin")
    ((keys_set)) || keys=space
    # tmux loses the output of a program that exits at once, so let a config
    # error show here rather than as a dead pane.
    if ! check=$(XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
        "$bin" config check 2>&1); then
        note "warning: 'focus config check' failed:"
        printf '%s\n' "$check" | sed 's/^/  | /' >&2
    fi
fi

# A launcher that records its PID and then becomes the command, so the PID
# measured is the program's own whatever way tmux starts the pane.
launcher=$work/launch.sh
{
    echo '#!/usr/bin/env bash'
    printf 'cd %q || exit 127\n' "$PWD"
    printf 'export XDG_CONFIG_HOME=%q XDG_DATA_HOME=%q XDG_STATE_HOME=%q\n' \
        "$work/config" "$work/data" "$work/state"
    printf 'echo $$ > %q\n' "$work/pid"
    printf 'exec'
    printf ' %q' "${cmd[@]}"
    printf '\n'
} >"$launcher"
chmod +x "$launcher"

# No user config: status line off so the pane is the whole window; the pane
# stays to show why if the program exits.
cat >"$work/tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 0
EOF

unset TMUX
printf -v cmd_text '%q ' "${cmd[@]}"
cmd_text=${cmd_text% }
note "starting in tmux ${cols}x${rows}: $cmd_text"
tm -f "$work/tmux.conf" new-session -d -s "$session" -x "$cols" -y "$rows" -- "$launcher" ||
    die "tmux could not start a session"
# No client may resize the window (window-size in the config file crashes
# tmux 3.3a's server before the first session, so it is set here).
tm set-option -w -t "$session" window-size manual 2>/dev/null || true

pane_size=$(tm display-message -p -t "$session" '#{pane_width}x#{pane_height}')
[[ $pane_size == "${cols}x${rows}" ]] || note "warning: the pane is $pane_size, not ${cols}x${rows}"

dead() { [[ $(tm display-message -p -t "$session" '#{pane_dead}' 2>/dev/null) == 1 ]]; }

died() {
    note "the program exited $1 (status $(tm display-message -p -t "$session" '#{pane_dead_status}' 2>/dev/null || echo '?')); its screen:"
    tm capture-pane -p -t "$session" 2>/dev/null | sed -e '/^$/d' -e 's/^/  | /' >&2 || true
    note "(tmux drops the output of a program that exits at once: run the command by itself to see its messages)"
    exit 1
}

# The launcher's PID file.
for _ in $(seq 100); do
    [[ -s $work/pid ]] && break
    dead && died "before it started"
    nap 0.05
done
[[ -s $work/pid ]] || die "the command did not start within 5 s"
pid=$(<"$work/pid")

if ((child)); then
    # Wait for the wrapper to start its child, then measure the child.
    kids=
    for _ in $(seq 100); do
        kids=$(cat /proc/"$pid"/task/*/children 2>/dev/null | xargs) || true
        [[ -n $kids ]] && break
        dead && died "before it started a child"
        nap 0.05
    done
    read -ra kid_list <<<"$kids"
    ((${#kid_list[@]} == 1)) || die "--child: expected one child of PID $pid, found: ${kids:-none}"
    pid=${kid_list[0]}
fi

# Wait until the program has drawn something (it is then reading keys), up
# to 10 s for programs with keys to send, 2 s otherwise.
wait_draw=40
[[ -n $keys ]] && wait_draw=200
for _ in $(seq "$wait_draw"); do
    dead && died "while starting"
    [[ -n $(tm capture-pane -p -t "$session" | tr -d ' \n') ]] && break
    nap 0.05
done

if [[ -n $keys ]]; then
    read -ra key_list <<<"$keys"
    note "sending keys: ${key_list[*]}"
    tm send-keys -t "$session" "${key_list[@]}"
fi

note "warming up for ${warmup}s"
nap "$warmup"
dead && died "during the warmup"
[[ -d /proc/$pid ]] || die "PID $pid is gone"

if ((default_cmd)); then
    screen=$(tm capture-pane -p -t "$session")
    if [[ $screen != *"space pause"* ]]; then
        note "warning: focus does not show a running session after the keys; its screen:"
        printf '%s\n' "$screen" | sed -e '/^$/d' -e 's/^/  | /' >&2
    fi
fi

# ---- sampling ---------------------------------------------------------------

clk_tck=$(getconf CLK_TCK 2>/dev/null || echo 100)

# Prints: time_s cpu_ns vol_cs invol_cs threads utime+stime_ticks
#         cutime+cstime_ticks syscw wchar
sample() {
    local p=$1 t now cpu=0 vol=0 invol=0 n=0 ns k v rest stat_cpu child_cpu
    local syscw=-1 wchar=-1
    now=$EPOCHREALTIME
    for t in /proc/"$p"/task/*; do
        # A thread may end between the glob and the reads.
        { read -r ns _ <"$t/schedstat"; } 2>/dev/null || continue
        while read -r k v _; do
            case $k in
            voluntary_ctxt_switches:) vol=$((vol + v)) ;;
            nonvoluntary_ctxt_switches:) invol=$((invol + v)) ;;
            esac
        done <"$t/status" 2>/dev/null || continue
        cpu=$((cpu + ns))
        n=$((n + 1))
    done
    # Fields after "(comm)": 14 utime 15 stime 16 cutime 17 cstime.
    rest=$(<"/proc/$p/stat")
    rest=${rest##*) }
    read -r -a f <<<"$rest"
    stat_cpu=$((f[11] + f[12]))
    child_cpu=$((f[13] + f[14]))
    if [[ -r /proc/$p/io ]]; then
        while read -r k v; do
            case $k in
            syscw:) syscw=$v ;;
            wchar:) wchar=$v ;;
            esac
        done <"/proc/$p/io" 2>/dev/null || true
    fi
    echo "$now $cpu $vol $invol $n $stat_cpu $child_cpu $syscw $wchar"
}

out_file=$work/written
: >"$out_file"
tm pipe-pane -o -t "$session" "cat >> $(printf %q "$out_file")" || die "tmux pipe-pane failed"
pipe_open=1
read -r t0 cpu0 vol0 invol0 thr0 scpu0 ccpu0 syscw0 wchar0 < <(sample "$pid")

note "measuring for ${seconds}s (PID $pid)"
nap "$seconds"

[[ -d /proc/$pid ]] || { dead && died "during the window"; die "PID $pid is gone"; }
read -r t1 cpu1 vol1 invol1 thr1 scpu1 ccpu1 syscw1 wchar1 < <(sample "$pid")
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")
comm=$(<"/proc/$pid/comm")
exe=$(readlink "/proc/$pid/exe" 2>/dev/null || echo "$comm")
tm pipe-pane -t "$session"
pipe_open=0
# Let cat see the end of the pipe and finish writing.
nap 0.3
bytes=$(stat -c %s "$out_file")
[[ -n $raw_file ]] && cp -- "$out_file" "$raw_file"
screen=$(tm capture-pane -p -t "$session")
dead && died "during the window"

# ---- figures ----------------------------------------------------------------

is_focus=0
[[ ${exe##*/} == focus || $comm == focus ]] && is_focus=1
((force_targets)) && is_focus=1

# All arithmetic in one awk; it prints shell assignments.
eval "$(awk -v t0="$t0" -v t1="$t1" -v cpu0="$cpu0" -v cpu1="$cpu1" \
    -v vol0="$vol0" -v vol1="$vol1" -v invol0="$invol0" -v invol1="$invol1" \
    -v scpu0="$scpu0" -v scpu1="$scpu1" -v ccpu0="$ccpu0" -v ccpu1="$ccpu1" \
    -v syscw0="$syscw0" -v syscw1="$syscw1" -v wchar0="$wchar0" -v wchar1="$wchar1" \
    -v tck="$clk_tck" -v bytes="$bytes" -v hwm="$hwm_kb" -v rss="$rss_kb" '
BEGIN {
    w = t1 - t0
    cpu_ms = (cpu1 - cpu0) / 1e6
    printf "window=%.3f\n", w
    printf "cpu_ms=%.3f\n", cpu_ms
    printf "cpu_ms_min=%.3f\n", cpu_ms / w * 60
    printf "stat_cpu_ms_min=%.1f\n", (scpu1 - scpu0) * 1000 / tck / w * 60
    printf "child_cpu_ms_min=%.1f\n", (ccpu1 - ccpu0) * 1000 / tck / w * 60
    printf "vol=%d\n", vol1 - vol0
    printf "invol=%d\n", invol1 - invol0
    printf "vol_s=%.3f\n", (vol1 - vol0) / w
    printf "invol_s=%.3f\n", (invol1 - invol0) / w
    printf "ctx_s=%.3f\n", (vol1 - vol0 + invol1 - invol0) / w
    printf "bytes_s=%.1f\n", bytes / w
    if (syscw0 >= 0 && syscw1 >= 0) {
        printf "syscw_s=%.3f\n", (syscw1 - syscw0) / w
        printf "wchar_s=%.1f\n", (wchar1 - wchar0) / w
    } else {
        print "syscw_s=null"; print "wchar_s=null"
    }
    printf "hwm_mib=%.2f\n", hwm / 1024
    printf "rss_mib=%.2f\n", rss / 1024
}')"

pass() { awk -v v="$1" -v lim="$2" 'BEGIN { exit !(v <= lim) }' && echo PASS || echo FAIL; }
if ((is_focus)); then
    p_cpu=$(pass "$cpu_ms_min" 20)
    p_ctx=$(pass "$ctx_s" 1.5)
    p_bytes=$(pass "$bytes_s" 150)
    p_rss=$(pass "$hwm_mib" 8)
fi

json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\t'/\\t}
    s=${s//$'\n'/\\n}
    printf '"%s"' "$s"
}

if ((json)); then
    {
        printf '{"command":%s' "$(json_str "$cmd_text")"
        printf ',"pid":%d,"size":"%s","keys":%s,"warmup_s":%s' "$pid" "${cols}x${rows}" "$(json_str "$keys")" "$warmup"
        printf ',"window_s":%s,"cpu_ms":%s,"cpu_ms_per_min":%s' "$window" "$cpu_ms" "$cpu_ms_min"
        printf ',"cpu_source":"schedstat (sum over threads)","cpu_ms_per_min_stat_ticks":%s,"children_cpu_ms_per_min":%s' \
            "$stat_cpu_ms_min" "$child_cpu_ms_min"
        printf ',"voluntary_ctx_switches":%d,"involuntary_ctx_switches":%d' "$vol" "$invol"
        printf ',"voluntary_ctx_per_s":%s,"involuntary_ctx_per_s":%s,"total_ctx_per_s":%s' "$vol_s" "$invol_s" "$ctx_s"
        printf ',"bytes_written":%d,"bytes_per_s":%s,"write_syscalls_per_s":%s,"wchar_per_s":%s' \
            "$bytes" "$bytes_s" "$syscw_s" "$wchar_s"
        printf ',"peak_rss_mib":%s,"rss_mib":%s,"threads":%d,"threads_at_start":%d' "$hwm_mib" "$rss_mib" "$thr1" "$thr0"
        if ((is_focus)); then
            printf ',"targets":{"cpu_ms_per_min_le_20":"%s","total_ctx_per_s_le_1.5":"%s","bytes_per_s_le_150":"%s","peak_rss_mib_le_8":"%s"}' \
                "$p_cpu" "$p_ctx" "$p_bytes" "$p_rss"
            printf ',"pass":%s' "$([[ "$p_cpu$p_ctx$p_bytes$p_rss" == *FAIL* ]] && echo false || echo true)"
        fi
        printf '}\n'
    }
else
    printf '%-26s %s\n' "command" "$cmd_text"
    printf '%-26s %s (pid %d, %s, keys: %s, warmup %ss)\n' "terminal" "${cols}x${rows}" "$pid" "$comm" "${keys:-none}" "$warmup"
    printf '%-26s %.1f s\n' "window" "$window"
    printf '%-26s %.2f ms/min  (%.2f ms in the window; schedstat, all threads; /proc/PID/stat ticks: %s ms/min)\n' \
        "CPU time" "$cpu_ms_min" "$cpu_ms" "$stat_cpu_ms_min"
    printf '%-26s %s ms/min  (utime+stime of exited, waited-for children)\n' "children CPU" "$child_cpu_ms_min"
    printf '%-26s %.2f /s  (%d)\n' "voluntary ctx switches" "$vol_s" "$vol"
    printf '%-26s %.2f /s  (%d)\n' "involuntary ctx switches" "$invol_s" "$invol"
    printf '%-26s %.2f /s\n' "total ctx switches" "$ctx_s"
    printf '%-26s %.1f B/s  (%d bytes via tmux pipe-pane)\n' "written to terminal" "$bytes_s" "$bytes"
    printf '%-26s %s /s  (syscw; wchar %s B/s; all writes, files and waited-for children included)\n' "write syscalls" "$syscw_s" "$wchar_s"
    printf '%-26s %.2f MiB  (VmHWM; VmRSS now %.2f MiB)\n' "peak RSS" "$hwm_mib" "$rss_mib"
    printf '%-26s %d  (%d at the start)\n' "threads" "$thr1" "$thr0"
    if ((is_focus)); then
        printf '%-4s CPU %.2f ms/min <= 20\n' "$p_cpu" "$cpu_ms_min"
        printf '%-4s context switches %.2f /s <= 1.5 (voluntary + involuntary, all threads; voluntary alone %.2f /s)\n' \
            "$p_ctx" "$ctx_s" "$vol_s"
        printf '%-4s written %.1f B/s <= 150\n' "$p_bytes" "$bytes_s"
        printf '%-4s peak RSS %.2f MiB <= 8\n' "$p_rss" "$hwm_mib"
    fi
fi

if ((show_screen)); then
    note "final screen:"
    printf '%s\n' "$screen" | sed 's/^/  | /' >&2
fi
