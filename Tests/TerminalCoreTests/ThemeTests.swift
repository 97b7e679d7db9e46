import Foundation
import Testing

@testable import TerminalCore

@Suite("Themes")
struct ThemeTests {
    func load(_ json: String, name: String = "test") throws(ThemeError) -> Theme {
        try Theme.load(from: Data(json.utf8), name: name)
    }

    func issues(_ json: String) -> [String] {
        do {
            _ = try load(json)
            return []
        } catch {
            return error.issues.map(\.description)
        }
    }

    @Test func builtInDefaultStylesEveryRole() {
        for role in ThemeRole.allCases {
            #expect(Theme.builtInDefault.roles[role] != nil, "\(role)")
        }
        #expect(
            Theme.builtInDefault.style(for: .header, colorEnabled: true)
                == Style(foreground: .cyan, attributes: [.bold]))
    }

    @Test func partialThemeFallsBackToDefaultsPerRoleAndField() throws {
        let theme = try load(
            ##"{"roles": {"header": {"fg": "red"}, "selection": {"bg": "#ff8700", "mono": ["underline"]}}}"##)
        #expect(theme.name == "test")
        // Named field replaced, the rest of the role kept from the default.
        #expect(theme.style(for: .header, colorEnabled: true) == Style(foreground: .red, attributes: [.bold]))
        #expect(
            theme.style(for: .selection, colorEnabled: true) == Style(foreground: .black, background: .indexed(208)))
        #expect(theme.style(for: .selection, colorEnabled: false) == Style(attributes: [.underline]))
        // Roles the file does not mention are the default's.
        for role in ThemeRole.allCases where role != .header && role != .selection {
            #expect(theme.roles[role] == Theme.builtInDefault.roles[role], "\(role)")
        }
    }

    @Test func emptyThemeIsTheDefault() throws {
        let theme = try load("{}", name: "empty")
        #expect(theme.roles == Theme.builtInDefault.roles)
        #expect(theme.name == "empty")
        #expect(try load(#"{"name": "Mine"}"#).name == "Mine")
    }

    @Test func monoFallbackIsUsedWhenColourIsDisabled() throws {
        let theme = try load(
            #"{"roles": {"escalation": {"fg": "red", "bg": "yellow", "attrs": ["bold"], "mono": ["reverse", "underline"]}}}"#
        )
        #expect(
            theme.style(for: .escalation, colorEnabled: true)
                == Style(foreground: .red, background: .yellow, attributes: [.bold]))
        let mono = theme.style(for: .escalation, colorEnabled: false)
        #expect(mono == Style(attributes: [.reverse, .underline]))
        #expect(mono.foreground == .default && mono.background == .default)
    }

    @Test func unknownColourNamesThePath() {
        #expect(
            issues(#"{"roles": {"header": {"fg": "cyna"}}}"#) == [
                #"roles.header.fg: unknown colour "cyna" (did you mean "cyan"?)"#
            ])
        let far = issues(#"{"roles": {"header": {"bg": "zzzzzzzz"}}}"#)
        #expect(far.count == 1)
        #expect(far.first?.hasPrefix(#"roles.header.bg: unknown colour "zzzzzzzz""#) == true)
    }

    @Test func unknownRoleAndKeysNameThePath() {
        #expect(
            issues(#"{"roles": {"headr": {"fg": "red"}}}"#) == [
                #"roles.headr: unknown role "headr" (did you mean "header"?)"#
            ])
        #expect(
            issues(#"{"roles": {"header": {"foreground": "red"}}}"#).first?.hasPrefix(
                #"roles.header.foreground: unknown key "foreground""#) == true)
        #expect(issues(#"{"colours": {}}"#).first?.hasPrefix(#"colours: unknown key "colours""#) == true)
    }

    @Test func unknownAttributeNamesTheListIndex() {
        #expect(
            issues(#"{"roles": {"title": {"attrs": ["bold", "blod"]}}}"#) == [
                #"roles.title.attrs[1]: unknown attribute "blod" (did you mean "bold"?)"#
            ])
        #expect(
            issues(#"{"roles": {"title": {"mono": "bold"}}}"#) == [
                "roles.title.mono: expected a list of attribute names, found a string"
            ])
    }

    @Test func everyProblemIsReportedAtOnceInKeyOrder() {
        let found = issues(#"{"roles": {"title": {"fg": "nope", "attrs": [1]}, "border": {"bg": true}}, "extra": 1}"#)
        #expect(
            found.map { $0.prefix(while: { $0 != ":" }) } == [
                "extra", "roles.border.bg", "roles.title.attrs[0]", "roles.title.fg",
            ])
    }

    @Test func numericColourIndices() throws {
        let theme = try load(#"{"roles": {"normal": {"fg": 208, "bg": "17"}}}"#)
        #expect(
            theme.style(for: .normal, colorEnabled: true) == Style(foreground: .indexed(208), background: .indexed(17)))
        #expect(
            issues(#"{"roles": {"normal": {"fg": 300}}}"#) == [
                "roles.normal.fg: colour index 300 is not a whole number from 0 to 255"
            ])
    }

    @Test func invalidJSONIsAnErrorNotACrash() {
        // Said in plain words: it showed Swift's "DecodingError.dataCorrupted …" debug text.
        #expect(issues("{not json") == [#"not a theme: the file is not JSON (a theme is a JSON object with "roles")"#])
        #expect(
            issues("root:x:0:0:root:/root:/bin/bash\n") == [#"not a theme: the file is not JSON (a theme is a JSON object with "roles")"#])
        #expect(issues("[]") == [#"expected an object with "roles", found a list"#])
    }

    @Test func errorDescriptionNamesTheSource() {
        do {
            _ = try Theme.load(
                from: Data(#"{"roles": {"header": {"fg": "cyna"}}}"#.utf8), name: "x", source: "/tmp/x.json")
            Issue.record("expected an error")
        } catch {
            #expect(
                error.description
                    == #"theme /tmp/x.json: roles.header.fg: unknown colour "cyna" (did you mean "cyan"?)"#)
        }
    }
}
