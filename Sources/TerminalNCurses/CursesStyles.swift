@preconcurrency import CNCursesW
import TerminalCore

/// Turns ``Style`` values into curses attributes and colour pairs, allocating pairs on demand.
///
/// curses has a fixed number of colour pairs (foreground/background combinations), so a pair
/// is created the first time a combination is drawn and reused afterwards. When they run out,
/// the default pair is used: text stays readable, only colourless.
@MainActor
final class CursesStyles {
    private struct PairKey: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private let colorEnabled: Bool
    private let colorCount: Int
    private let defaultColorsSupported: Bool
    private let pairLimit: Int
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1

    init(colorEnabled: Bool, colorCount: Int, pairCount: Int, defaultColorsSupported: Bool) {
        self.colorEnabled = colorEnabled
        self.colorCount = colorCount
        self.defaultColorsSupported = defaultColorsSupported
        // Pair numbers go through a `short` in setcchar/attr_set.
        self.pairLimit = min(max(0, pairCount - 1), Int(Int16.max))
    }

    /// The curses attributes for a style's attribute set.
    func attributes(for style: Style) -> attr_t {
        var result = dvsec_A_NORMAL()
        let attributes = style.attributes
        if attributes.contains(.bold) { result |= dvsec_A_BOLD() }
        if attributes.contains(.dim) { result |= dvsec_A_DIM() }
        if attributes.contains(.reverse) { result |= dvsec_A_REVERSE() }
        if attributes.contains(.underline) { result |= dvsec_A_UNDERLINE() }
        if attributes.contains(.italic) { result |= dvsec_A_ITALIC() }
        return result
    }

    /// The colour pair for a style's colours (0, the terminal default, when colour is off).
    func pair(for style: Style) -> Int32 {
        guard colorEnabled else { return 0 }
        var key = PairKey(
            foreground: cursesColor(style.foreground, isForeground: true),
            background: cursesColor(style.background, isForeground: false))
        // Two colours that differ in the theme but not among the terminal's few: keep the text
        // readable rather than drawing it in its own background colour.
        if key.foreground >= 0 && key.foreground == key.background && style.foreground != style.background {
            key.foreground = key.background == 0 ? 7 : 0
        }
        if key.foreground == -1 && key.background == -1 { return 0 }
        if let existing = pairs[key] { return existing }
        guard Int(nextPair) <= pairLimit else { return 0 }
        guard dvsec_init_pair(nextPair, key.foreground, key.background) != dvsec_ERR() else { return 0 }
        let allocated = nextPair
        pairs[key] = allocated
        nextPair += 1
        return allocated
    }

    /// A colour as curses numbers it: -1 for the default, downgraded to what the terminal has,
    /// and as 0xRRGGBB on a direct-colour terminal (``Color/directColorValue(colorCount:)``).
    private func cursesColor(_ color: Color, isForeground: Bool) -> Int32 {
        switch color.downgraded(toColorCount: colorCount) {
        case .default:
            if defaultColorsSupported { return -1 }
            return isForeground ? 7 : 0
        case .indexed(let index):
            return Color.indexed(index).directColorValue(colorCount: colorCount)
        }
    }
}
