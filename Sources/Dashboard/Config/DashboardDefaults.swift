/// The default key bindings and theme compiled into the binary, so `cloudtop` works from any folder.
///
/// Generated from `Config/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DashboardDefaults {
    public static let keysYAML = """
# Key bindings. Each action takes one key or a list of keys; any default can be rebound here.
# Key names: single characters (case matters: s stops, S starts), enter, esc, tab, shift-tab,
# up, down, left, right, pgup, pgdn, home, end, space, backspace, f1…f24, ctrl-a…ctrl-z.
# Two actions that can be active at once may not share a key: cloudtop refuses to start and says which.

# everywhere
# view-overview, view-ec2, view-streams, view-warehouse, view-events: each view's number in the tab row unless
# view-overview, view-ec2, view-streams, view-edge, view-events: each view's number in the tab row unless
# view-overview, view-ec2, view-streams, view-events, view-stacks: each view's number in the tab row unless
# rebound here (view-ec2: "2")
next-view: tab
previous-view: shift-tab
palette: ":"
filter: /
help: ["?", f1]
back: esc
quit: [q, ctrl-c]
up: [up, k]
down: [down, j]
page-up: [pgup, ctrl-b]
page-down: [pgdn, ctrl-f]
top: [home, g]
bottom: [end, G]
open: enter
sort-next: o
sort-reverse: O
toggle-pause: space
speed-up: +
speed-down: "-"

# EC2 view
launch: l
stop: s
start: S
reboot: r
terminate: T

# Streams view
tail: t

# a live tail
follow: f
toggle-hex: x

# Warehouse view
sql-console: e
next-cluster: c

# the Warehouse view's SQL console (other keys edit the text there)
run-sql: [ctrl-r, f5]
explain-sql: [ctrl-x, f6]
history-previous: ctrl-p
history-next: ctrl-n
# Edge view
follow-requests: f
# Jobs view
next-index: i
# Stacks view
deploy-template: d
detect-drift: D
delete-stack: X
# Panes (everywhere): a second view beside or below; the same key again closes the split.
# Tab moves the focus between panes while split; number keys change the focused pane's view.
split-side-by-side: "|"
split-stacked: _
zoom: z

"""
    public static let themeYAML = """
# Colours by role: "FOREGROUND on BACKGROUND attributes". Colours are names (black red green
# yellow blue magenta cyan white, bright-red…, default) or 256-colour numbers (0–255);
# attributes are bold dim underline reverse italic. "default" is the terminal's own colour, which
# keeps the dashboard readable on both dark and light terminals. NO_COLOR=1 drops all colours.
header: bold
header.accent: cyan bold
footer: default
footer.key: cyan bold
tab.active: black on cyan bold
tab.inactive: default
border: bright-black
title: cyan bold
table.header: bold underline
selection: reverse bold
dim: bright-black
accent: cyan
ok: green
warning: yellow
error: red bold
state.pending: yellow
state.running: green
state.shutting-down: magenta
state.terminated: bright-black
state.stopping: yellow
state.stopped: red
event.ec2: cyan
event.kinesis: magenta
event.sim: bright-black
sparkline: green
gauge: cyan
input: underline
completion: cyan
dialog: bold
stream.hot: red bold
shard.closed: bright-black
tail.key: yellow
tail.data: default
match: black on yellow

"""
    public static let dashboardYAML = """
# How the dashboard behaves.
# mouse: true lets a click select a row, a tab or a pane and the wheel scroll; false leaves the
# mouse to the terminal, so dragging selects text to copy as in any other program.
mouse: true

"""
}
