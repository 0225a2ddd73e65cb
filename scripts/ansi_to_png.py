#!/usr/bin/env python3
"""Render a terminal capture with ANSI colours (`tmux capture-pane -e -p`) to a PNG, or many to a GIF.

    python3 scripts/ansi_to_png.py SCREEN.ans OUT.png [--cols 120] [--rows 40] [--size 15]
    python3 scripts/ansi_to_png.py --gif OUT.gif [--frame-ms 250 | --timed] FRAME.ans FRAME.ans ...

With --gif the captures are frames of one animation, in the order given, each shown --frame-ms,
or with --timed until the next was taken, so the animation plays at the speed it was recorded
(a run of identical captures becomes one longer frame). All frames share the font and one
palette built from the colours they use, and Pillow stores each frame as its change from the last,
so a half-minute recording of a dashboard stays a few megabytes.

Dark background, the 16 ANSI colours plus the 256-colour cube and grey ramp and 24-bit colour,
bold drawn with the bold face, dim, reverse, italic and underline honoured. Box-drawing lines
and block elements are drawn as shapes so borders join up and sparklines sit on the baseline.
Needs Pillow and DejaVu Sans Mono (Debian: fonts-dejavu-core).
"""

import argparse
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/", "/usr/share/fonts/dejavu/"]
FONT_FILES = {
    (False, False): "DejaVuSansMono.ttf",
    (True, False): "DejaVuSansMono-Bold.ttf",
    (False, True): "DejaVuSansMono-Oblique.ttf",
    (True, True): "DejaVuSansMono-BoldOblique.ttf",
}

BACKGROUND = (0x1e, 0x1f, 0x24)
FOREGROUND = (0xd8, 0xd8, 0xd8)
# The 16 ANSI colours, tuned to read on the dark background (close to common terminal themes).
ANSI16 = [
    (0x2e, 0x34, 0x36), (0xe0, 0x5a, 0x5a), (0x6a, 0xc2, 0x5b), (0xe0, 0xb8, 0x4c),
    (0x4f, 0x8f, 0xe0), (0xc6, 0x78, 0xdd), (0x3f, 0xb8, 0xc8), (0xd3, 0xd7, 0xcf),
    (0x80, 0x86, 0x8b), (0xff, 0x7b, 0x72), (0x8a, 0xe2, 0x34), (0xfc, 0xe9, 0x4f),
    (0x72, 0x9f, 0xef), (0xe0, 0x9c, 0xf0), (0x5f, 0xe0, 0xf0), (0xf5, 0xf5, 0xf5),
]


def colour256(n):
    if n < 16:
        return ANSI16[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return (levels[n // 36], levels[(n // 6) % 6], levels[n % 6])
    grey = 8 + 10 * (n - 232)
    return (grey, grey, grey)


class Style:
    __slots__ = ("fg", "bg", "bold", "dim", "italic", "underline", "reverse", "hidden", "strike")

    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = None
        self.bg = None
        self.bold = self.dim = self.italic = self.underline = False
        self.reverse = self.hidden = self.strike = False

    def copy(self):
        s = Style()
        for name in Style.__slots__:
            setattr(s, name, getattr(self, name))
        return s

    def apply(self, params):
        """Apply one SGR sequence's parameters (`1;38;5;208` or tmux's `38:5:208`)."""
        codes = [p for p in re.split(r"[;]", params)] if params else ["0"]
        i = 0
        while i < len(codes):
            code = codes[i]
            if ":" in code:  # colon sub-parameters: 38:5:n, 38:2::r:g:b, 4:3 …
                parts = [p for p in code.split(":")]
                head = int(parts[0] or 0)
                if head in (38, 48, 58) and len(parts) > 2:
                    colour = None
                    if parts[1] == "5":
                        colour = colour256(int(parts[2]))
                    elif parts[1] == "2":
                        rgb = [int(p or 0) for p in parts[2:] if p != ""][-3:]
                        colour = tuple(rgb) if len(rgb) == 3 else None
                    if head == 38:
                        self.fg = colour
                    elif head == 48:
                        self.bg = colour
                elif head == 4:
                    self.underline = parts[1] != "0"
                i += 1
                continue
            n = int(code or 0)
            if n == 0:
                self.reset()
            elif n == 1:
                self.bold = True
            elif n == 2:
                self.dim = True
            elif n == 3:
                self.italic = True
            elif n == 4:
                self.underline = True
            elif n == 7:
                self.reverse = True
            elif n == 8:
                self.hidden = True
            elif n == 9:
                self.strike = True
            elif n == 21:
                self.underline = True
            elif n == 22:
                self.bold = self.dim = False
            elif n == 23:
                self.italic = False
            elif n == 24:
                self.underline = False
            elif n == 27:
                self.reverse = False
            elif n == 28:
                self.hidden = False
            elif n == 29:
                self.strike = False
            elif 30 <= n <= 37:
                self.fg = ANSI16[n - 30]
            elif n in (38, 48) and i + 1 < len(codes):
                colour = None
                if codes[i + 1] == "5" and i + 2 < len(codes):
                    colour = colour256(int(codes[i + 2]))
                    i += 2
                elif codes[i + 1] == "2" and i + 4 < len(codes):
                    colour = (int(codes[i + 2]), int(codes[i + 3]), int(codes[i + 4]))
                    i += 4
                if n == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            elif n == 39:
                self.fg = None
            elif 40 <= n <= 47:
                self.bg = ANSI16[n - 40]
            elif n == 49:
                self.bg = None
            elif 90 <= n <= 97:
                self.fg = ANSI16[n - 90 + 8]
            elif 100 <= n <= 107:
                self.bg = ANSI16[n - 100 + 8]
            i += 1


ESCAPE = re.compile(r"\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b.")


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def parse(text, cols, rows):
    """The capture as a grid of (character, Style) cells, `cols`×`rows`."""
    blank = Style()
    grid = [[(" ", blank) for _ in range(cols)] for _ in range(rows)]
    style = Style()
    for y, line in enumerate(text.split("\n")[:rows]):
        x = 0
        pos = 0
        for match in ESCAPE.finditer(line + "\x1b[x"):  # sentinel flushes the tail
            for ch in line[pos:match.start()]:
                w = cell_width(ch)
                if w == 0:
                    if x > 0:
                        prev, st = grid[y][x - 1]
                        grid[y][x - 1] = (prev + ch, st)
                    continue
                if x + w > cols:
                    break
                grid[y][x] = (ch, style.copy())
                if w == 2:
                    grid[y][x + 1] = ("", style.copy())  # the wide character's right half
                x += w
            pos = match.end()
            if match.group(2) == "m" and match.group(1) is not None:
                style.apply(match.group(1))
    return grid


# Box drawing: each character as (left, right, up, down) arm weights: 0 none, 1 light, 2 heavy, 3 double.
BOX = {
    "─": (1, 1, 0, 0), "━": (2, 2, 0, 0), "│": (0, 0, 1, 1), "┃": (0, 0, 2, 2),
    "┌": (0, 1, 0, 1), "┐": (1, 0, 0, 1), "└": (0, 1, 1, 0), "┘": (1, 0, 1, 0),
    "├": (0, 1, 1, 1), "┤": (1, 0, 1, 1), "┬": (1, 1, 0, 1), "┴": (1, 1, 1, 0), "┼": (1, 1, 1, 1),
    "╭": (0, 1, 0, 1), "╮": (1, 0, 0, 1), "╰": (0, 1, 1, 0), "╯": (1, 0, 1, 0),
    "┏": (0, 2, 0, 2), "┓": (2, 0, 0, 2), "┗": (0, 2, 2, 0), "┛": (2, 0, 2, 0),
    "╴": (1, 0, 0, 0), "╶": (0, 1, 0, 0), "╵": (0, 0, 1, 0), "╷": (0, 0, 0, 1),
    "═": (3, 3, 0, 0), "║": (0, 0, 3, 3), "╔": (0, 3, 0, 3), "╗": (3, 0, 0, 3), "╚": (0, 3, 3, 0), "╝": (3, 0, 3, 0),
}
LOWER_BLOCKS = "▁▂▃▄▅▆▇█"


def draw_box(draw, ch, x0, y0, cw, ch_h, colour):
    left, right, up, down = BOX[ch]
    cx, cy = x0 + cw // 2, y0 + ch_h // 2
    light = max(1, round(cw / 9))
    for weight, (ax, ay, bx, by) in (
        (left, (x0, cy, cx, cy)), (right, (cx, cy, x0 + cw, cy)),
        (up, (cx, y0, cx, cy)), (down, (cx, cy, cx, y0 + ch_h)),
    ):
        if not weight:
            continue
        if weight == 3:
            gap = light + 1
            if ay == by:
                for off in (-gap, gap):
                    draw.rectangle([min(ax, bx), ay + off, max(ax, bx), ay + off + light - 1], fill=colour)
            else:
                for off in (-gap, gap):
                    draw.rectangle([ax + off, min(ay, by), ax + off + light - 1, max(ay, by)], fill=colour)
            continue
        t = light * (2 if weight == 2 else 1)
        half = t // 2
        if ay == by:
            draw.rectangle([min(ax, bx) - (half if ax == cx or bx == cx else 0), ay - half,
                            max(ax, bx) + (t - half - 1 if ax == cx or bx == cx else 0), ay - half + t - 1], fill=colour)
        else:
            draw.rectangle([ax - half, min(ay, by), ax - half + t - 1, max(ay, by)], fill=colour)


def load_fonts(font_size):
    """The four DejaVu Sans Mono faces at `font_size`, loaded once for every frame."""
    fonts = {}
    for key, name in FONT_FILES.items():
        for folder in FONT_DIRS:
            try:
                fonts[key] = ImageFont.truetype(folder + name, font_size)
                break
            except OSError:
                continue
    if (False, False) not in fonts:
        sys.exit("DejaVu Sans Mono not found (apt-get install fonts-dejavu-core)")
    for key in FONT_FILES:
        fonts.setdefault(key, fonts[(False, False)])
    return fonts


def render(grid, fonts, padding):
    regular = fonts[(False, False)]
    ascent, descent = regular.getmetrics()
    cw = round(regular.getlength("M"))
    ch_h = ascent + descent
    rows, cols = len(grid), len(grid[0])
    image = Image.new("RGB", (cols * cw + 2 * padding, rows * ch_h + 2 * padding), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(grid):
        for x, (text, style) in enumerate(row):
            if text == "":
                continue
            fg = style.fg or FOREGROUND
            bg = style.bg
            if style.reverse:
                fg, bg = (bg or BACKGROUND), fg
            if style.dim:
                base = bg or BACKGROUND
                fg = tuple((a + b) // 2 for a, b in zip(fg, base))
            wide = x + 1 < cols and row[x + 1][0] == ""
            x0, y0 = padding + x * cw, padding + y * ch_h
            width = cw * (2 if wide else 1)
            if bg:
                draw.rectangle([x0, y0, x0 + width - 1, y0 + ch_h - 1], fill=bg)
            if style.hidden or text == " ":
                continue
            if text in BOX:
                draw_box(draw, text, x0, y0, cw, ch_h, fg)
            elif text in LOWER_BLOCKS:
                height = round(ch_h * (LOWER_BLOCKS.index(text) + 1) / 8)
                draw.rectangle([x0, y0 + ch_h - height, x0 + cw - 1, y0 + ch_h - 1], fill=fg)
            else:
                draw.text((x0, y0), text, font=fonts[(style.bold, style.italic)], fill=fg)
            if style.underline:
                draw.line([x0, y0 + ascent + 1, x0 + width - 1, y0 + ascent + 1], fill=fg)
            if style.strike:
                draw.line([x0, y0 + ch_h // 2, x0 + width - 1, y0 + ch_h // 2], fill=fg)
    return image


def read_grid(path, cols, rows):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse(f.read(), cols, rows)


def capture_times(captures, frame_ms):
    """How long each capture shows: --frame-ms each, or with --timed the time to the next one,
    read from names ending in `-MILLISECONDS.ans` (the capture's clock time)."""
    if frame_ms is not None:
        return [frame_ms] * len(captures)
    stamps = []
    for path in captures:
        match = re.search(r"-(\d+)\.ans$", path)
        if not match:
            sys.exit(f"ansi_to_png: --timed needs names ending in -MILLISECONDS.ans, not {path}")
        stamps.append(int(match.group(1)))
    gaps = [max(20, b - a) for a, b in zip(stamps, stamps[1:])]
    return gaps + [sum(gaps) // len(gaps) if gaps else 250]


def write_gif(captures, out, args):
    """One animated GIF from the captures: runs of identical screens merged, one shared palette."""
    frames, durations, last = [], [], None
    for path, shown in zip(captures, capture_times(captures, None if args.timed else args.frame_ms)):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if text == last:
            durations[-1] += shown
            continue
        last = text
        frames.append(text)
        durations.append(shown)
    if not frames:
        sys.exit("ansi_to_png: no frames given")
    fonts = load_fonts(args.size)
    images = [render(parse(text, args.cols, args.rows), fonts, args.padding) for text in frames]
    # One palette for every frame, from a strip of them all: a colour that appears only late in
    # the recording still gets its own entry, and frames never shift hue against each other.
    strip_frames = images[:: max(1, len(images) // 16)]
    width, height = images[0].size
    strip = Image.new("RGB", (width, height * len(strip_frames)))
    for i, image in enumerate(strip_frames):
        strip.paste(image, (0, i * height))
    palette = strip.quantize(colors=args.colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    indexed = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in images]
    indexed[0].save(out, save_all=True, append_images=indexed[1:], duration=durations, loop=0,
                    optimize=False, disposal=1)
    total = sum(durations) / 1000
    print(f"{out}: {len(indexed)} frames from {len(captures)} captures, {total:.1f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="CAPTURE OUT.png, or with --gif the frames' captures")
    parser.add_argument("--gif", metavar="OUT.gif", help="write the captures as frames of one animated GIF")
    parser.add_argument("--frame-ms", type=int, default=250, help="how long each capture shows in the GIF")
    parser.add_argument("--timed", action="store_true",
                        help="each frame shows until the next was captured, by names ending in -MILLISECONDS.ans")
    parser.add_argument("--colors", type=int, default=64, help="palette size of the GIF (at most 256)")
    parser.add_argument("--cols", type=int, default=120)
    parser.add_argument("--rows", type=int, default=40)
    parser.add_argument("--size", type=int, default=15, help="font size in pixels")
    parser.add_argument("--padding", type=int, default=10)
    args = parser.parse_args()
    if args.gif:
        if not 2 <= args.colors <= 256:
            parser.error("--colors must be 2…256")
        write_gif(args.inputs, args.gif, args)
        return
    if len(args.inputs) != 2:
        parser.error("give one capture and the PNG to write (or --gif OUT.gif and the frames)")
    capture, png = args.inputs
    grid = read_grid(capture, args.cols, args.rows)
    # A 256-colour palette keeps the files small; a screen holds far fewer colours than that.
    image = render(grid, load_fonts(args.size), args.padding)
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(png, optimize=True)


if __name__ == "__main__":
    main()
