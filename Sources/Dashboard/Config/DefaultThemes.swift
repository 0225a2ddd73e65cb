/// The themes of `Config/themes/*.yaml` compiled into the binary, by name.
///
/// Generated from `Config/themes/` by `scripts/embed_config.py`; a test checks that they stay identical.
public enum DefaultThemes {
    public static let files: [String: String] = [
        "dark": """
# The dark theme, and the defaults every other theme starts from: each role (header,
# selection, state.running…) a style "FOREGROUND on BACKGROUND attributes". Colours are names
# (black red green yellow blue magenta cyan white, bright-red…, default) or 256-colour numbers
# (0–255); attributes are bold dim underline reverse italic. "default" is the terminal's own
# colour. Pick a theme in theme.yaml (`theme: light`) or with `:theme NAME` in the palette.
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

""",
        "high-contrast": """
# The high-contrast theme: the brightest colours, bold wherever a role carries meaning and
# nothing dim, so every mark stays readable on a poor screen or projector. Roles not named here
# keep the dark theme's style.
header: bright-white bold
header.accent: bright-yellow bold
footer: bright-white
footer.key: bright-yellow bold underline
tab.active: black on bright-yellow bold
tab.inactive: bright-white
border: bright-white
title: bright-yellow bold
table.header: bright-white bold underline
selection: black on bright-white bold
dim: white
accent: bright-cyan bold
ok: bright-green bold
warning: bright-yellow bold
error: bright-red bold underline
state.pending: bright-yellow bold
state.running: bright-green bold
state.shutting-down: bright-magenta bold
state.terminated: white
state.stopping: bright-yellow bold
state.stopped: bright-red bold
event.ec2: bright-cyan
event.kinesis: bright-magenta
event.sim: white
sparkline: bright-green
gauge: bright-cyan
completion: bright-cyan bold
stream.hot: bright-red bold
shard.closed: white
tail.key: bright-yellow

""",
        "light": """
# The light theme, for a terminal with a light background: roles not named here keep the dark
# theme's style. Yellow, cyan and bright colours wash out on white, so accents are blue,
# warnings a dark orange (256-colour 130) and greys a mid grey (244).
header.accent: blue bold
footer.key: blue bold
tab.active: white on blue bold
border: 244
title: blue bold
dim: 244
accent: blue
warning: 130 bold
state.pending: 130
state.shutting-down: magenta
state.terminated: 244
state.stopping: 130
event.ec2: blue
event.sim: 244
gauge: blue
completion: blue
shard.closed: 244
tail.key: 130

""",
    ]
}
