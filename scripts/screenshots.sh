#!/usr/bin/env bash
# Regenerates screenshots/*.png, one per view of the dashboard, and screenshots/demo.gif:
#
#     scripts/screenshots.sh            # both
#     scripts/screenshots.sh shots      # the PNGs only
#     scripts/screenshots.sh demo       # the animated demo only
#
# Builds cloudtop if needed (`swift build`), runs it on the default estate (Config/) in a private
# tmux server at 120x40 and drives it with keys as a person would, waiting for each screen's text
# before it takes it (`tmux capture-pane -e -p`, colours included). scripts/ansi_to_png.py renders
# each capture to a PNG, and the demo's captures (one every quarter second) to one GIF.
#
# The PNGs: Overview; EC2, an instance's details, the launch menu; Streams, a stream's shards, a
# live tail; Warehouse with a query's result and then its plan; Edge with a request's trace; Jobs
# with an operator graph; Stacks with one stack forming and one whose drift was detected, the
# forming stack's tree and the drifted one's; Events; help; and EC2 beside a live tail in a split
# (skipped, with a message, by a build whose keys.yaml has no split key).
# The demo (about 30 s): deploy the seed pipeline stack and watch it form, launch an instance from
# the menu, open a stream's live tail, run a query.
#
# Needs tmux, python3 with Pillow (`pip install pillow`) and DejaVu Sans Mono (Debian:
# fonts-dejavu-core). Set CLOUDTOP=/path/to/cloudtop to use another binary, OUT=DIR to write
# somewhere other than screenshots/, KEEP_CAPTURES=1 to keep the .ans files, WAIT=SECONDS to wait
# longer for a screen (default 30; a debug build on a busy machine is slow).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${OUT:-$root/screenshots}"
mkdir -p "$out"
what="${1:-all}"
case "$what" in all | shots | demo) ;; *) echo "usage: scripts/screenshots.sh [all|shots|demo]" >&2; exit 2 ;; esac

if [[ -z "${CLOUDTOP:-}" ]]; then
    swift build --product cloudtop >/dev/null
    CLOUDTOP="$root/.build/debug/cloudtop"
fi
[[ -x "$CLOUDTOP" ]] || { echo "screenshots.sh: no cloudtop binary at $CLOUDTOP" >&2; exit 1; }
command -v tmux >/dev/null || { echo "screenshots.sh: tmux is not installed" >&2; exit 1; }
python3 -c 'import PIL' 2>/dev/null || { echo "screenshots.sh: Pillow is missing (pip install pillow)" >&2; exit 1; }

socket="cloudtop-screenshots-$$"
captures="$(mktemp -d)"
session=main
recorder=""
tm() { env -u TMUX -u NO_COLOR tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
    [[ -n "$recorder" ]] && kill "$recorder" 2>/dev/null
    tm kill-server 2>/dev/null || true
    [[ -n "${KEEP_CAPTURES:-}" ]] && echo "captures kept in $captures" || rm -rf "$captures"
}
trap cleanup EXIT

fail() { echo "screenshots.sh: $*" >&2; exit 1; }
screen() { tm capture-pane -p -t "$session" 2>/dev/null || fail "the dashboard is gone (it exited or crashed)"; }

# Waits (up to $WAIT s) until the screen shows every argument; on timeout says which is missing
# and prints the screen it had.
wait_for() {
    local deadline=$((SECONDS + ${WAIT:-30})) now text missing
    while :; do
        now="$(screen)"
        missing=""
        for text in "$@"; do [[ "$now" == *"$text"* ]] || missing="$text"; done
        [[ -z "$missing" ]] && return 0
        if ((SECONDS >= deadline)); then
            echo "screenshots.sh: timed out after ${WAIT:-30} s waiting for '$missing'; the screen was:" >&2
            echo "$now" >&2
            exit 1
        fi
        sleep 0.1
    done
}
# Waits until the screen no longer shows TEXT.
wait_gone() {
    local deadline=$((SECONDS + ${WAIT:-30}))
    while [[ "$(screen)" == *"$1"* ]]; do
        ((SECONDS < deadline)) || fail "timed out after ${WAIT:-30} s waiting for '$1' to go; the screen was:
$(screen)"
        sleep 0.1
    done
}
keys() { tm send-keys -t "$session" "$@"; }
text() { tm send-keys -t "$session" -l "$1"; }
# Types TEXT a character at a time, as a person would (the demo shows the typing).
typed() {
    local i
    for ((i = 0; i < ${#1}; i++)); do tm send-keys -t "$session" -l "${1:i:1}"; sleep 0.04; done
}
# The key keys.yaml binds to ACTION (its first, if a list), else DEFAULT.
key_for() {
    local line
    line="$(grep -E "^$1:" "$root/Config/keys.yaml" | head -1 | sed -E 's/^[^:]+:[[:space:]]*//; s/^\[//; s/[],].*$//; s/^"(.*)"$/\1/')"
    echo "${line:-$2}"
}
# Runs COMMAND from the palette on the Overview, then closes the result pane if one opened.
palette() {
    keys 1; wait_for "Recent events"
    keys :; wait_for "Command"
    text "$1"; keys Enter
    # A command that advances the clock runs before the screen redraws: give it longer.
    WAIT=$((${WAIT:-30} * 4)) wait_gone "Command"
    sleep 0.3
    keys Escape; wait_for "Recent events"
}
start() {
    session="$1"; shift
    tm new-session -d -s "$session" -x 120 -y 40 -c "$root" "exec '$CLOUDTOP' --config '$root/Config' $*"
    wait_for "1 Overview"
}

# Takes the screen as NAME.png, after a moment for the frame to settle.
shot() {
    sleep 0.4
    tm capture-pane -e -p -t "$session" >"$captures/$1.ans"
    python3 "$root/scripts/ansi_to_png.py" "$captures/$1.ans" "$out/$1.png" --cols 120 --rows 40
    echo "$out/$1.png"
}

take_shots() {
    start main --speed 60
    wait_for "60×"
    sleep 6   # six virtual minutes of history for the sparklines
    palette "sim speed 1"
    wait_for "▶ 1×"

    keys 1; wait_for "Recent events"; shot overview
    keys 2; wait_for "EC2 instances"; shot ec2
    keys Enter; wait_for "vCPU"; shot ec2-details
    keys Escape; wait_for "EC2 instances"
    keys l; wait_for "Instance type:"
    text "c7g."; wait_for "c7g.large"; shot launch-menu
    keys Escape; wait_for "EC2 instances"

    keys 3; wait_for "Streams ("; shot streams
    keys Enter; wait_for "shardId-"; shot streams-shards
    keys Escape; wait_for "Streams ("
    keys t; wait_for "Tail ·" "records received"; sleep 1; shot streams-tail
    keys Escape; wait_for "Streams ("

    # What the Jobs and Stacks views show: the seed pipeline as a stack, and a job counting the
    # clickstream per page, with three minutes run so windows have fired and checkpoints exist.
    palette "cloudformation deploy --template-file Config/stacks/seed-pipeline.yaml --stack-name seed"
    palette "kinesisanalyticsv2 create-application --application-name page-views --runtime-environment FLINK-1_20 --service-execution-role arn:aws:iam::123456789012:role/flink --application-configuration '{\"ApplicationCodeConfiguration\":{\"CodeContentType\":\"PLAINTEXT\",\"CodeContent\":{\"TextContent\":\"name: page-views\\nparallelism: 2\\nsource: { stream: clickstream, event-time: \$.ts, out-of-orderness: 5s }\\noperators:\\n  - map: { user: \$.user_id, page: \$.page }\\noutputs:\\n  - name: views-per-page\\n    key-by: [page]\\n    window: { tumbling: 1m }\\n    aggregate: { views: count, visitors: count-distinct(\$.user) }\\n    sinks: [ { search: page-views } ]\\n\"}}}'"
    palette "kinesisanalyticsv2 start-application --application-name page-views"
    palette "sim advance 3m"

    keys 4; wait_for "Tables ("
    keys "$(key_for sql-console e)"; wait_for "dev=#"
    text "SELECT page, COUNT(*) AS views, COUNT(DISTINCT user_id) AS visitors FROM clickstream_events GROUP BY page ORDER BY views DESC;"
    keys C-r; wait_for "rows · query"; shot warehouse
    keys C-p; keys C-x; wait_for "QUERY PLAN"; shot warehouse-plan
    keys Escape; wait_for "Tables ("

    keys 5; wait_for "Requests ("
    keys Up; wait_for "Response"; shot edge

    keys 7; wait_for "Operator graph"; shot jobs

    # Drift: stop the seed stack's dashboard instance behind CloudFormation's back, then detect it.
    keys 2; wait_for "EC2 instances"
    keys /; text "dashboard"; keys Enter; wait_for "filter /dashboard"
    keys s; wait_for "stopping"
    keys /; keys C-u; keys Enter; wait_gone "filter /dashboard"
    palette "sim advance 1m"
    keys 8; wait_for "Stacks ("
    keys End; keys "$(key_for detect-drift D)"; wait_for "DRIFTED"
    keys Enter; wait_for "≠"; shot stacks-drift
    keys Escape; wait_for "Stacks ("
    # Mid-deploy: a second stack forming while the first stays marked.
    palette "cloudformation deploy --template-file Config/stacks/web-fleet.yaml --stack-name web"
    keys 8; wait_for "web " "IN_PROGRESS" "DRIFTED"; shot stacks
    keys End; keys Enter; wait_for "IN_PROGRESS"; shot stacks-forming
    keys Escape; wait_for "Stacks ("

    keys 6; wait_for "Events"; shot events
    keys '?'; wait_for "Help"; shot help
    keys Escape

    if grep -q '^split-side-by-side:' "$root/Config/keys.yaml"; then
        keys 2; wait_for "EC2 instances"
        # The new pane, on the right, takes the focus: it becomes Streams, then a tail.
        keys "$(key_for split-side-by-side '|')"; sleep 0.5
        keys 3; wait_for "Streams ("
        keys t; wait_for "Tail ·" "records received"; sleep 1; shot split
    else
        echo "screenshots.sh: skipping the split screenshot: Config/keys.yaml has no split-side-by-side key (split panes are not in this build)"
    fi
    keys q
}

# Captures the screen every quarter second until the marker file goes.
record() {
    local i=0
    mkdir -p "$captures/frames"
    touch "$captures/recording"
    (
        while [[ -e "$captures/recording" ]]; do
            # The name keeps the capture's time, so the GIF plays at the pace it was recorded.
            tm capture-pane -e -p -t "$session" >"$captures/frames/$(printf %05d $i)-$(date +%s%3N).ans" 2>/dev/null || break
            i=$((i + 1))
            sleep 0.25
        done
    ) &
    recorder=$!
}
stop_recording() {
    rm -f "$captures/recording"
    wait "$recorder" 2>/dev/null || true
    recorder=""
}

take_demo() {
    # Speed 20: the seed pipeline forms in about ten seconds, the pace of a demo.
    start demo --speed 20
    wait_for "20×"
    sleep 3   # a virtual minute, so the sparklines have begun
    record
    sleep 1.5
    # Deploy the seed pipeline and watch it form.
    keys 8; wait_for "Stacks ("; sleep 1
    keys "$(key_for deploy-template d)"; wait_for "Deploy a template"
    typed "Config/stacks/seed-pipeline.yaml"; sleep 0.5; keys Enter
    wait_for "seed-pipeline "
    keys End; sleep 0.3; keys Enter
    wait_for "seed-pipeline · CREATE_COMPLETE"; sleep 2
    # Launch an instance from the menu.
    keys Escape; keys 2; wait_for "EC2 instances"; sleep 1
    keys l; wait_for "Instance type:"
    typed "c7g.large"; sleep 1; keys Enter
    sleep 4
    # A stream's live tail.
    keys Escape; keys 3; wait_for "Streams ("; sleep 1
    keys t; wait_for "records received"; sleep 4
    # A query in the Warehouse's SQL console.
    keys Escape; keys 4; wait_for "Tables ("; sleep 1
    keys "$(key_for sql-console e)"; wait_for "dev=#"
    typed "SELECT page, COUNT(*) AS views FROM clickstream_events GROUP BY page ORDER BY views DESC;"
    sleep 0.3; keys C-r; wait_for "rows · query"; sleep 3
    stop_recording
    keys q
    python3 "$root/scripts/ansi_to_png.py" --gif "$out/demo.gif" --timed --size 14 --colors 64 \
        "$captures"/frames/*.ans
    echo "$out/demo.gif ($(du -k "$out/demo.gif" | cut -f1) KiB)"
}

[[ "$what" == demo ]] || take_shots
[[ "$what" == shots ]] || take_demo
