#!/usr/bin/env bash
# Time and peak RSS of the commands that read a big or hostile session log:
#
#   * a log of N records (default 1,000,000, about 300 MB and 265 years):
#     `focus log`, `focus log -n 1000`, `focus today`, `report --month`, and
#     `report` over the longest range it takes (36,600 days: about 380,000
#     of the records, read from the end);
#   * the same number of records all inside that range (four histories of
#     N/4 with different seeds, one after the other), so `report` streams
#     the whole file front to back and remembers every id;
#   * a small log with one line of --long-mb MB (default 100) before
#     today's last records: `focus today`, `status`, `report --today`, `log`.
#
# Prints, per command, the median wall time, the mean CPU time (user +
# system, to 10 ms) and the largest peak RSS over --runs runs (default 5).
# Wall time on a busy machine says little; CPU time and RSS are the steadier
# figures. A `report` over a century prints 36,600 rows; `--by month` shows
# what reading costs without most of what printing them costs.
# Nothing is checked: the point is to compare builds, e.g. the one in the
# tree against an older binary given with --focus.
#
# Usage: benches/stream.sh [--records N] [--runs N] [--long-mb N]
#                          [--focus PATH] [--keep DIR]
#
# Needs GNU time (/usr/bin/time). Everything runs in a throw-away
# XDG_CONFIG_HOME/XDG_DATA_HOME/XDG_STATE_HOME, so the user's log is never
# touched.

set -euo pipefail

records=1000000
runs=5
long_mb=100
focus=""
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --records) records="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --long-mb) long_mb="$2"; shift 2 ;;
        --focus) focus="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "stream.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    echo "stream.sh: needs GNU time as /usr/bin/time (apt-get install time)" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ -n "$keep" ]; then
    work=$keep
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
unset NO_COLOR

echo "== building (release)" >&2
cargo build --release --locked --quiet --bin focus --example gen_log
gen="$root/target/release/examples/gen_log"
[ -n "$focus" ] || focus="$root/target/release/focus"

# One data dir per log; each is generated once and kept with --keep.
big="$work/big" dense="$work/dense" long="$work/long-$long_mb"
for d in "$big" "$dense" "$long"; do mkdir -p "$d/focus"; done
if [ ! -s "$big/focus/sessions.jsonl" ]; then
    "$gen" --records "$records" --out "$big/focus/sessions.jsonl" 2>/dev/null
fi
if [ ! -s "$dense/focus/sessions.jsonl" ]; then
    for seed in 1 2 3 4; do
        "$gen" --records $((records / 4)) --seed "$seed" --out - 2>/dev/null
    done >"$dense/focus/sessions.jsonl"
fi
if [ ! -s "$long/focus/sessions.jsonl" ]; then
    log="$long/focus/sessions.jsonl"
    "$gen" --records 2000 --out - 2>/dev/null | head -n 1990 >"$log"
    # The line: the start of a record, then a task title of long_mb MB.
    { printf '{"v":1,"id":"huge","task":"'
      head -c $((long_mb * 1000 * 1000)) /dev/zero | tr '\0' a
      printf '"}\n'; } >>"$log"
    "$gen" --records 2000 --out - 2>/dev/null | tail -n 10 >>"$log"
fi
for d in "$big" "$dense" "$long"; do
    echo "log $(basename "$d"): $(du -h "$d/focus/sessions.jsonl" | cut -f1), $(wc -l <"$d/focus/sessions.jsonl") lines" >&2
done

# measure DATA_HOME ARGS...: "median-wall-ms mean-cpu-ms max-rss-MiB" over
# $runs runs (one untimed run first, so the file is in the page cache).
measure() {
    local data=$1 i start end
    shift
    XDG_DATA_HOME=$data "$focus" "$@" >/dev/null 2>&1 || true
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        XDG_DATA_HOME=$data /usr/bin/time -o "$work/time" -f '%U %S %M' \
            "$focus" "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        echo "$(((end - start) / 1000)) $(cat "$work/time")"
    done | sort -n | awk '{ wall[NR] = $1 / 1000; cpu += ($2 + $3) * 1000; if ($4 > rss) rss = $4 }
        END {
            med = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
            printf "%9.0f %9.0f %9.1f\n", med, cpu / NR, rss / 1024
        }'
}

century=$(date -d "$(date +%F) -36599 days" +%F)
row() { # LABEL DATA_HOME ARGS...
    local label=$1
    shift
    printf '%-52s %s\n' "$label" "$(measure "$@")"
}

echo
echo "focus: $focus"
echo "records: $records; runs: $runs; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-52s %9s %9s %9s\n' "" "wall ms" "CPU ms" "RSS MiB"
row "focus log" "$big" log
row "focus log -n 1000" "$big" log -n 1000
row "focus today" "$big" today
row "focus report --month" "$big" report --month
row "focus report --from $century --format json" "$big" report --from "$century" --format json
row "focus report --from $century --by month" "$big" report --from "$century" --by month
row "  the same, all $records records in range" "$dense" report --from "$century" --by month
row "focus today, a ${long_mb} MB line" "$long" today
row "focus status, a ${long_mb} MB line" "$long" status
row "focus report --today, a ${long_mb} MB line" "$long" report --today
row "focus log, a ${long_mb} MB line" "$long" log
