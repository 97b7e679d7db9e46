import Foundation
import Testing

@testable import TerminalCore

@Suite("Shipped themes")
struct ShippedThemeTests {
    /// The package root: this file is `Tests/TerminalCoreTests/ShippedThemeTests.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let names = EmbeddedThemes.all.map(\.name)

    @Test func theFourThemesAreEmbedded() {
        #expect(Self.names == ["default", "light", "high-contrast", "mono"])
    }

    @Test(arguments: names)
    func fileOnDiskEqualsEmbeddedCopy(name: String) throws {
        let url = Self.packageRoot.appendingPathComponent("themes/\(name).json")
        let onDisk = try String(contentsOf: url, encoding: .utf8)
        #expect(onDisk == EmbeddedThemes.json(named: name), "themes/\(name).json differs from EmbeddedThemes.swift")
    }

    @Test(arguments: names)
    func shippedThemeLoadsAndNamesEveryRole(name: String) throws {
        let json = try #require(EmbeddedThemes.json(named: name))
        let theme = try Theme.load(from: Data(json.utf8), name: name)
        #expect(theme.name == name)
        // Shipped themes are complete, so users can copy one as a template.
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let roles = try #require(document["roles"] as? [String: Any])
        #expect(Set(roles.keys) == Set(ThemeRole.allCases.map(\.rawValue)))
    }

    @Test func defaultFileEqualsTheBuiltInDefault() throws {
        let json = try #require(EmbeddedThemes.json(named: "default"))
        let theme = try Theme.load(from: Data(json.utf8), name: "default")
        for role in ThemeRole.allCases {
            #expect(theme.roles[role] == Theme.builtInDefault.roles[role], "\(role)")
        }
    }

    @Test func monoThemeUsesAttributesOnly() throws {
        let json = try #require(EmbeddedThemes.json(named: "mono"))
        let theme = try Theme.load(from: Data(json.utf8), name: "mono")
        for role in ThemeRole.allCases {
            let colored = theme.style(for: role, colorEnabled: true)
            #expect(colored.foreground == .default && colored.background == .default, "\(role)")
            #expect(colored == theme.style(for: role, colorEnabled: false), "\(role)")
        }
    }

    @Test func monoFallbacksKeepSelectionAndEscalationVisible() throws {
        for name in Self.names {
            let json = try #require(EmbeddedThemes.json(named: name))
            let theme = try Theme.load(from: Data(json.utf8), name: name)
            for role in [ThemeRole.selection, .escalation, .statusBar, .production] {
                #expect(theme.style(for: role, colorEnabled: false).attributes.contains(.reverse), "\(name) \(role)")
            }
        }
    }
}
