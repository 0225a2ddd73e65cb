#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import Terminal

/// Turns a `Style` into the curses attributes and colour pair that draw it.
///
/// Pairs are allocated on first use and cached, because a frame uses a handful of (fg, bg)
/// combinations out of thousands possible and `COLOR_PAIRS` is finite; when it runs out, new
/// combinations fall back to the default colours rather than recolouring cells already on screen.
final class StyleRenderer {
    /// What a style becomes on screen.
    struct Rendition: Equatable {
        var attributes: attr_t
        var pair: Int32
    }

    private let palette: ColorPalette
    private let usesColor: Bool
    /// False when the terminal cannot show its own default colours (`use_default_colors` failed),
    /// so "default" has to be spelled as white on black.
    private let hasDefaultColors: Bool
    private let pairLimit: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Call after `initscr`; starts colour when `colorMode` and the terminal allow it.
    init(colorMode: ColorMode) {
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let wantsColor = colorMode != .monochrome && !(colorMode == .auto && noColor)
        if wantsColor, has_colors(), start_color() != ERR {
            usesColor = true
            hasDefaultColors = use_default_colors() != ERR
            let available = Int(cnc_COLORS())
            palette = ColorPalette(colorCount: colorMode == .basic ? min(available, 8) : available)
            pairLimit = cnc_COLOR_PAIRS()
        } else {
            usesColor = false
            hasDefaultColors = true
            palette = ColorPalette(colorCount: 0)
            pairLimit = 0
        }
    }

    func rendition(for style: Style) -> Rendition {
        var attributes = Self.attributes(style.attributes)
        guard usesColor else { return Rendition(attributes: attributes, pair: 0) }
        let foreground = palette.resolve(style.foreground)
        let background = palette.resolve(style.background)
        // Bold brightens a foreground on 8-colour terminals; a background cannot be brightened.
        if foreground.needsBold { attributes |= cnc_a_bold() }
        let key = PairKey(
            foreground: foreground.number < 0 && !hasDefaultColors ? 7 : foreground.number,
            background: background.number < 0 && !hasDefaultColors ? 0 : background.number
        )
        return Rendition(attributes: attributes, pair: pair(for: key))
    }

    private func pair(for key: PairKey) -> Int32 {
        if key.foreground == -1 && key.background == -1 { return 0 }  // pair 0 is the default
        if let pair = pairs[key] { return pair }
        guard nextPair < pairLimit,
              init_extended_pair(nextPair, key.foreground, key.background) != ERR
        else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }

    private static func attributes(_ attributes: Attributes) -> attr_t {
        var result = cnc_a_normal()
        if attributes.contains(.bold) { result |= cnc_a_bold() }
        if attributes.contains(.dim) { result |= cnc_a_dim() }
        if attributes.contains(.underline) { result |= cnc_a_underline() }
        if attributes.contains(.reverse) { result |= cnc_a_reverse() }
        if attributes.contains(.italic) { result |= cnc_a_italic() }
        return result
    }
}
