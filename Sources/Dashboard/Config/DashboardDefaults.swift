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
# view-overview, view-ec2, view-streams, view-warehouse, view-edge, view-events, view-jobs, view-stacks:
# each view's number in the tab row unless rebound here (view-ec2: "2")
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
describe: d
json: "y"
copy: c
save: ctrl-s

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
wrap: w
timestamps: T
pretty-json: J
clear-tail: C

# Warehouse view
sql-console: e
next-cluster: n
next-panel: right
previous-panel: left

# the Warehouse view's SQL console (other keys edit the text there)
run-sql: [ctrl-r, f5]
explain-sql: [ctrl-x, f6]
history-previous: ctrl-p
history-next: ctrl-n
# Edge view
follow-requests: f
# Jobs view
next-index: i
start-job: S
stop-job: s
# Stacks view
deploy-template: n
detect-drift: D
delete-stack: X
# a description or JSON page (d, y): / searches, Esc closes
next-match: n
previous-match: N
# Panes (everywhere): a second view beside or below; the same key again closes the split.
# Tab moves the focus between panes while split; number keys change the focused pane's view.
split-side-by-side: "|"
split-stacked: _
zoom: z

"""
    public static let themeYAML = """
# The theme: one of dark, light or high-contrast (Config/themes/), switched at any time with
# `:theme NAME` in the palette. Below it, any role may be restyled for this machine alone, over
# the chosen theme: "FOREGROUND on BACKGROUND attributes", e.g. `selection: black on green bold`
# (every role and the colour names are in themes/dark.yaml). Edits apply while cloudtop runs;
# a mistake is shown in the footer and the theme in force stays. NO_COLOR=1 drops all colours.
theme: dark

"""
    public static let dashboardYAML = """
# How the dashboard behaves.
# mouse: true lets a click select a row, a tab or a pane and the wheel scroll; false leaves the
# mouse to the terminal, so dragging selects text to copy as in any other program.
mouse: true

"""
}
