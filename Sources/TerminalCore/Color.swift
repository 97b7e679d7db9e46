/// A terminal colour: the terminal's own default, or an index into the 256-colour palette.
///
/// Indices 0–7 are the ANSI colours, 8–15 their bright variants, 16–231 the 6×6×6 colour
/// cube and 232–255 the grey ramp. An `#rrggbb` value is stored as the nearest cube or grey
/// index (never 0–15, whose actual RGB depends on the user's terminal palette).
public enum Color: Hashable, Sendable {
    /// The terminal's default foreground or background (curses colour -1).
    case `default`
    /// An index into the 256-colour palette.
    case indexed(UInt8)

    /// ANSI colour 0, `black`.
    public static let black = Color.indexed(0)
    /// ANSI colour 1, `red`.
    public static let red = Color.indexed(1)
    /// ANSI colour 2, `green`.
    public static let green = Color.indexed(2)
    /// ANSI colour 3, `yellow`.
    public static let yellow = Color.indexed(3)
    /// ANSI colour 4, `blue`.
    public static let blue = Color.indexed(4)
    /// ANSI colour 5, `magenta`.
    public static let magenta = Color.indexed(5)
    /// ANSI colour 6, `cyan`.
    public static let cyan = Color.indexed(6)
    /// ANSI colour 7, `white`.
    public static let white = Color.indexed(7)
    /// ANSI colour 8, `brightBlack`.
    public static let brightBlack = Color.indexed(8)
    /// ANSI colour 9, `brightRed`.
    public static let brightRed = Color.indexed(9)
    /// ANSI colour 10, `brightGreen`.
    public static let brightGreen = Color.indexed(10)
    /// ANSI colour 11, `brightYellow`.
    public static let brightYellow = Color.indexed(11)
    /// ANSI colour 12, `brightBlue`.
    public static let brightBlue = Color.indexed(12)
    /// ANSI colour 13, `brightMagenta`.
    public static let brightMagenta = Color.indexed(13)
    /// ANSI colour 14, `brightCyan`.
    public static let brightCyan = Color.indexed(14)
    /// ANSI colour 15, `brightWhite`.
    public static let brightWhite = Color.indexed(15)

    /// The canonical names of the 16 ANSI colours, indexed by palette number.
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "brightBlack", "brightRed", "brightGreen", "brightYellow",
        "brightBlue", "brightMagenta", "brightCyan", "brightWhite",
    ]

    /// Parses a colour as written in a theme file.
    ///
    /// Accepts `default`, an ANSI name (`red`, `brightRed`; case, `-`, `_` and spaces are
    /// ignored, so `bright-red` works; `gray`/`grey` mean `brightBlack`), a palette index
    /// `0`–`255`, or `#rrggbb`. Returns nil for anything else.
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        if key == "default" {
            self = .default
            return
        }
        if key == "gray" || key == "grey" {
            self = .brightBlack
            return
        }
        if let index = Color.ansiNames.firstIndex(where: { $0.lowercased() == key }) {
            self = .indexed(UInt8(index))
            return
        }
        if !name.isEmpty, name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber), let value = Int(name),
            (0...255).contains(value)
        {
            self = .indexed(UInt8(value))
            return
        }
        if name.hasPrefix("#"), name.count == 7, name.dropFirst().allSatisfy(\.isHexDigit),
            let rgb = UInt32(name.dropFirst(), radix: 16)
        {
            self = .indexed(
                Color.nearest256Index(
                    red: UInt8((rgb >> 16) & 0xFF), green: UInt8((rgb >> 8) & 0xFF), blue: UInt8(rgb & 0xFF)))
            return
        }
        return nil
    }

    /// The name a theme file would use for this colour: `default`, an ANSI name, or the index.
    public var name: String {
        switch self {
        case .default: return "default"
        case .indexed(let index) where index < 16: return Color.ansiNames[Int(index)]
        case .indexed(let index): return String(index)
        }
    }

    /// The palette index of the cube or grey-ramp entry closest to an RGB value.
    ///
    /// Uses squared Euclidean distance in RGB, comparing the best cube entry with the best
    /// grey entry, as xterm's own `256colres` does.
    public static func nearest256Index(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        func cubeStep(_ value: UInt8) -> Int {
            let levels = cubeLevels
            var best = 0
            for (step, level) in levels.enumerated()
            where abs(level - Int(value)) < abs(levels[best] - Int(value)) {
                best = step
            }
            return best
        }
        let (r, g, b) = (cubeStep(red), cubeStep(green), cubeStep(blue))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let cubeDistance = distance(rgb(ofIndex: cubeIndex), (Int(red), Int(green), Int(blue)))

        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let greyIndex = 232 + greyStep
        let greyDistance = distance(rgb(ofIndex: greyIndex), (Int(red), Int(green), Int(blue)))

        return UInt8(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// This colour as it should be drawn on a terminal with only `count` colours.
    ///
    /// With 256 or more colours nothing changes; with 16 (or 8) an index outside the range is
    /// replaced by the nearest of the 16 (or 8) ANSI colours, using xterm's default palette.
    public func downgraded(toColorCount count: Int) -> Color {
        guard case .indexed(let index) = self, count < 256 else { return self }
        let limit = count >= 16 ? 16 : 8
        if Int(index) < limit { return self }
        // With 8 colours the bright ones go to the nearest too: bright black (the grey of borders
        // and dim text) is nearer white than black, which would hide it on a dark background.
        let target = Color.rgb(ofIndex: Int(index))
        var best = 0
        var bestDistance = Int.max
        // A grey stays a grey: among 8 colours that is black or white (yellow may be nearer).
        let grey = max(target.0, target.1, target.2) - min(target.0, target.1, target.2) < 16
        let candidates = limit == 8 && grey ? [0, 7] : Array(0..<limit)
        for candidate in candidates {
            let d = Color.distance(Color.rgb(ofIndex: candidate), target)
            if d < bestDistance {
                best = candidate
                bestDistance = d
            }
        }
        return .indexed(UInt8(best))
    }

    /// The number curses draws this palette colour with on a terminal of `colorCount` colours.
    ///
    /// Direct-colour terminals (`TERM=xterm-direct`, more than 256 colours) take colour numbers
    /// of 8 and above as 0xRRGGBB, not as palette indices: index 8 would be nearly black. Those
    /// get xterm's default RGB for the index; 0–7 stay the terminal's own ANSI colours.
    public func directColorValue(colorCount: Int) -> Int32 {
        guard case .indexed(let index) = self else { return -1 }
        guard colorCount > 256, index >= 8 else { return Int32(index) }
        let (r, g, b) = Color.rgb(ofIndex: Int(index))
        return Int32(r << 16 | g << 8 | b)
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// xterm's default RGB for the 16 ANSI colours.
    private static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value xterm uses by default for a palette index.
    static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        switch index {
        case ..<16:
            return ansiRGB[max(0, index)]
        case 16..<232:
            let offset = index - 16
            return (cubeLevels[offset / 36], cubeLevels[(offset / 6) % 6], cubeLevels[offset % 6])
        default:
            let level = 8 + 10 * (min(index, 255) - 232)
            return (level, level, level)
        }
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return dr * dr + dg * dg + db * db
    }
}
