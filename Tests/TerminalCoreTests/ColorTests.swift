import Testing

@testable import TerminalCore

@Suite("Colours and attributes")
struct ColorTests {
    @Test func parsesNamesIndicesAndHex() {
        #expect(Color(name: "default") == .default)
        #expect(Color(name: "cyan") == .cyan)
        #expect(Color(name: "brightRed") == .brightRed)
        #expect(Color(name: "bright-red") == .brightRed)
        #expect(Color(name: "BRIGHT_RED") == .brightRed)
        #expect(Color(name: "grey") == .brightBlack)
        #expect(Color(name: "208") == .indexed(208))
        #expect(Color(name: "#000000") == .indexed(16))
        #expect(Color(name: "#ffffff") == .indexed(231))
        #expect(Color(name: "#ff8700") == .indexed(208))
        #expect(Color(name: "#3a3a3a") == .indexed(237))  // grey ramp beats the cube
        #expect(Color(name: "#808080") == .indexed(244))
    }

    /// A direct-colour terminal (`xterm-direct`) reads colour numbers from 8 up as 0xRRGGBB:
    /// bright black (8) must become grey 0x7F7F7F, not the near-black 0x000008.
    @Test func directColourTerminalsGetRGBValues() {
        let direct = 1 << 24
        #expect(Color.indexed(8).directColorValue(colorCount: direct) == 0x7F7F7F)
        #expect(Color.indexed(196).directColorValue(colorCount: direct) == 0xFF0000)
        #expect(Color.indexed(244).directColorValue(colorCount: direct) == 0x808080)
        #expect(Color.indexed(3).directColorValue(colorCount: direct) == 3)
        #expect(Color.indexed(8).directColorValue(colorCount: 256) == 8)
        #expect(Color.indexed(196).directColorValue(colorCount: 256) == 196)
        #expect(Color.default.directColorValue(colorCount: direct) == -1)
    }

    @Test func rejectsUnknownColours() {
        for bad in ["cyna", "256", "-1", "#12345", "#gggggg", "#+12345", "", "bright"] {
            #expect(Color(name: bad) == nil, "\(bad)")
        }
    }

    @Test func namesRoundTrip() {
        for index in 0...255 {
            let color = Color.indexed(UInt8(index))
            #expect(Color(name: color.name) == color)
        }
        #expect(Color(name: Color.default.name) == .default)
    }

    @Test func downgradesFor8And16ColourTerminals() {
        #expect(Color.indexed(208).downgraded(toColorCount: 256) == .indexed(208))
        #expect(Color.brightRed.downgraded(toColorCount: 16) == .brightRed)
        #expect(Color.brightRed.downgraded(toColorCount: 8) == .red)
        #expect(Color.indexed(196).downgraded(toColorCount: 16) == .brightRed)  // #ff0000
        #expect(Color.indexed(196).downgraded(toColorCount: 8) == .red)
        // Bright black (borders, dim text) on 8 colours is nearer white than black: never hidden
        // on a dark background (tmux's default TERM=screen has 8).
        #expect(Color.brightBlack.downgraded(toColorCount: 8) == .white)
        #expect(Color.brightWhite.downgraded(toColorCount: 8) == .white)
        #expect(Color.indexed(237).downgraded(toColorCount: 8) == .black)  // dark grey
        #expect(Color.indexed(231).downgraded(toColorCount: 16) == .brightWhite)
        #expect(Color.default.downgraded(toColorCount: 8) == .default)
    }

    @Test func attributeNames() {
        #expect(TextAttributes(name: "bold") == .bold)
        #expect(TextAttributes(name: "Italic") == .italic)
        #expect(TextAttributes(name: "blink") == nil)
        #expect(([.bold, .reverse] as TextAttributes).names == ["bold", "reverse"])
        #expect(Style(foreground: .cyan, attributes: [.bold]).monochrome == Style(attributes: [.bold]))
    }
}
