#!/usr/bin/env bash
# Regenerates screenshots/*.png, one per view of the dashboard:
#
#     scripts/screenshots.sh
#
# Builds cloudtop if needed (`swift build`), runs it on the default estate (Config/) in a private
# tmux server at 120x40, visits each view — Overview, EC2, an instance's details, the launch menu
# with a typed type, Streams (and a stream's shards once that view has them), Events, help —
# captures each screen with its colours (`tmux capture-pane -e -p`) and renders it to a PNG with
# scripts/ansi_to_png.py. Needs tmux, python3 with Pillow (`pip install pillow`) and DejaVu Sans
# Mono (Debian: fonts-dejavu-core). The simulation runs at speed 60 for a few seconds first so the
# sparklines have history, then at speed 1 while the screens are taken.
# Set CLOUDTOP=/path/to/cloudtop to use another binary, KEEP_CAPTURES=1 to keep the .ans files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/screenshots"
mkdir -p "$out"

if [[ -z "${CLOUDTOP:-}" ]]; then
    swift build --product cloudtop >/dev/null
    CLOUDTOP="$root/.build/debug/cloudtop"
fi
command -v tmux >/dev/null || { echo "screenshots.sh: tmux is not installed" >&2; exit 1; }
python3 -c 'import PIL' 2>/dev/null || { echo "screenshots.sh: Pillow is missing (pip install pillow)" >&2; exit 1; }

socket="cloudtop-screenshots-$$"
captures="$(mktemp -d)"
tm() { env -u TMUX -u NO_COLOR tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
    tm kill-server 2>/dev/null || true
    [[ -n "${KEEP_CAPTURES:-}" ]] && echo "captures kept in $captures" || rm -rf "$captures"
}
trap cleanup EXIT

# Waits (up to 15 s) until the screen shows every argument.
wait_for() {
    local deadline=$((SECONDS + 15)) screen text missing
    while :; do
        screen="$(tm capture-pane -p -t main)"
        missing=""
        for text in "$@"; do [[ "$screen" == *"$text"* ]] || missing="$text"; done
        [[ -z "$missing" ]] && return 0
        if ((SECONDS >= deadline)); then
            echo "screenshots.sh: timed out waiting for '$missing'; the screen was:" >&2
            echo "$screen" >&2
            exit 1
        fi
        sleep 0.1
    done
}
keys() { tm send-keys -t main "$@"; }
text() { tm send-keys -t main -l "$1"; }

# Takes the screen as NAME.png, after a moment for the frame to settle.
shot() {
    sleep 0.4
    tm capture-pane -e -p -t main >"$captures/$1.ans"
    python3 "$root/scripts/ansi_to_png.py" "$captures/$1.ans" "$out/$1.png" --cols 120 --rows 40
    echo "screenshots/$1.png"
}

tm new-session -d -s main -x 120 -y 40 "exec '$CLOUDTOP' --config '$root/Config' --speed 60"
wait_for "1 Overview" "60×"
sleep 6   # six virtual minutes of history for the sparklines
keys :; wait_for "Command"
text "sim speed 1"; keys Enter; wait_for '"Speed": 1'
keys Escape; wait_for "▶ 1×"

keys 1; wait_for "Recent events"; shot overview
keys 2; wait_for "EC2 instances"; shot ec2
keys Enter; wait_for "vCPU"; shot ec2-details
keys Escape; wait_for "EC2 instances"
keys l; wait_for "Instance type:"
text "c7g."; wait_for "c7g.large"; shot launch-menu
keys Escape; wait_for "EC2 instances"

if tm capture-pane -p -t main | grep -q "3 Streams"; then
    keys 3; wait_for "Streams"; shot streams
    before="$(tm capture-pane -p -t main)"
    keys Enter; sleep 0.5
    if [[ "$(tm capture-pane -p -t main)" != "$before" ]] && tm capture-pane -p -t main | grep -qi "shard"; then
        shot streams-shards
    fi
    keys Escape
fi

keys 6; wait_for "Events"; shot events
keys '?'; wait_for "Help"; shot help
keys Escape
keys q
