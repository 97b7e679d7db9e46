import Foundation
import Testing

@testable import TerminalCore

@Suite("Theme catalog")
struct ThemeCatalogTests {
    /// A fresh temporary tree: `config/` as XDG_CONFIG_HOME and `app/` as the shipped folder.
    final class Sandbox {
        let root: String
        var config: String { root + "/config" }
        var app: String { root + "/app" }
        var userThemes: String { config + "/dvsec/themes" }
        var shippedThemes: String { app + "/themes" }

        init() throws {
            root = NSTemporaryDirectory() + "dvsec-theme-tests-" + UUID().uuidString
            for directory in [root + "/config/dvsec/themes", root + "/app/themes"] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }

        deinit {
            try? FileManager.default.removeItem(atPath: root)
        }

        func write(_ json: String, to path: String) throws {
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        }

        func catalog(environment: [String: String]? = nil) -> ThemeCatalog {
            ThemeCatalog(
                environment: environment ?? ["XDG_CONFIG_HOME": config, "HOME": root + "/home"],
                shippedSearchDirectories: [app])
        }
    }

    static let redHeader = #"{"roles": {"header": {"fg": "red"}}}"#
    static let greenHeader = #"{"roles": {"header": {"fg": "green"}}}"#

    func headerColour(_ resolution: ThemeResolution) -> Color {
        resolution.theme.style(for: .header, colorEnabled: true).foreground
    }

    /// `:theme` Tab offered a broken theme file, which only gave an error when chosen: the names
    /// offered are those that load; `resolve` still finds the broken one and says what is wrong.
    @Test func onlyThemesThatLoadAreOffered() throws {
        let sandbox = try Sandbox()
        try sandbox.write(Self.redHeader, to: sandbox.userThemes + "/mine.json")
        try sandbox.write(#"{"roles": {"header": {"fg": "notacolor"}}}"#, to: sandbox.userThemes + "/broken.json")
        try sandbox.write("garbage", to: sandbox.userThemes + "/worse.json")
        let catalog = sandbox.catalog()
        #expect(catalog.availableThemeNames().contains("broken") && catalog.availableThemeNames().contains("worse"))
        let offered = catalog.loadableThemeNames()
        #expect(offered.contains("mine") && offered.contains("light") && !offered.contains("broken") && !offered.contains("worse"))
        #expect(!catalog.resolve("broken").warnings.isEmpty)
    }

    @Test func userThemeWinsOverShippedAndEmbedded() throws {
        let sandbox = try Sandbox()
        try sandbox.write(Self.redHeader, to: sandbox.userThemes + "/light.json")
        try sandbox.write(Self.greenHeader, to: sandbox.shippedThemes + "/light.json")
        let resolution = sandbox.catalog().resolve("light")
        #expect(resolution.source == .file(sandbox.userThemes + "/light.json"))
        #expect(resolution.warnings.isEmpty)
        #expect(headerColour(resolution) == .red)
        #expect(resolution.theme.name == "light")
    }

    @Test func shippedFolderComesBeforeEmbeddedCopies() throws {
        let sandbox = try Sandbox()
        try sandbox.write(Self.greenHeader, to: sandbox.shippedThemes + "/light.json")
        let resolution = sandbox.catalog().resolve("light")
        #expect(resolution.source == .file(sandbox.shippedThemes + "/light.json"))
        #expect(headerColour(resolution) == .green)
    }

    @Test func embeddedCopyWhenNoFileExists() throws {
        let sandbox = try Sandbox()
        let resolution = sandbox.catalog().resolve("high-contrast")
        #expect(resolution.source == .embedded("high-contrast"))
        #expect(resolution.warnings.isEmpty)
        #expect(headerColour(resolution) == .brightYellow)
    }

    @Test func noArgumentMeansDefault() throws {
        let sandbox = try Sandbox()
        let resolution = sandbox.catalog().resolve(nil)
        #expect(resolution.source == .embedded("default"))
        #expect(resolution.theme.roles == Theme.builtInDefault.roles)
    }

    @Test func homeConfigIsUsedWithoutXDGConfigHome() throws {
        let sandbox = try Sandbox()
        let home = sandbox.root + "/home"
        try FileManager.default.createDirectory(
            atPath: home + "/.config/dvsec/themes", withIntermediateDirectories: true)
        try sandbox.write(Self.redHeader, to: home + "/.config/dvsec/themes/mine.json")
        let catalog = sandbox.catalog(environment: ["HOME": home, "XDG_CONFIG_HOME": "relative/ignored"])
        #expect(catalog.userThemesDirectory == home + "/.config/dvsec/themes")
        let resolution = catalog.resolve("mine")
        #expect(resolution.source == .file(home + "/.config/dvsec/themes/mine.json"))
        #expect(headerColour(resolution) == .red)
    }

    @Test func searchOrderIsUserThenShipped() throws {
        let catalog = ThemeCatalog(
            environment: ["XDG_CONFIG_HOME": "/x"], shippedSearchDirectories: ["/opt/dvsec/bin", "/cwd"])
        #expect(
            catalog.candidatePaths(forName: "light") == [
                "/x/dvsec/themes/light.json",
                "/opt/dvsec/bin/themes/light.json", "/opt/dvsec/bin/share/dvsec/themes/light.json",
                "/cwd/themes/light.json", "/cwd/share/dvsec/themes/light.json",
            ])
    }

    @Test func argumentWithSlashOrJSONSuffixIsAPath() throws {
        let sandbox = try Sandbox()
        let path = sandbox.root + "/custom.json"
        try sandbox.write(Self.redHeader, to: path)
        let resolution = sandbox.catalog().resolve(path)
        #expect(resolution.source == .file(path))
        #expect(resolution.theme.name == "custom")
        #expect(ThemeCatalog.isPath("themes/x"))
        #expect(ThemeCatalog.isPath("x.json"))
        #expect(!ThemeCatalog.isPath("light"))
    }

    @Test func badThemeFallsBackToDefaultWithAWarningNamingTheKey() throws {
        let sandbox = try Sandbox()
        let path = sandbox.userThemes + "/broken.json"
        try sandbox.write(#"{"roles": {"header": {"fg": "cyna"}}}"#, to: path)
        let resolution = sandbox.catalog().resolve("broken")
        #expect(resolution.source == .builtIn)
        #expect(resolution.theme == Theme.builtInDefault)
        #expect(resolution.warnings.count == 1)
        let warning = try #require(resolution.warnings.first)
        #expect(warning.contains(path))
        #expect(warning.contains(#"roles.header.fg: unknown colour "cyna""#))
        #expect(warning.contains("using the default theme"))
    }

    @Test func unknownNameAndMissingPathFallBackWithWarnings() throws {
        let sandbox = try Sandbox()
        try sandbox.write(Self.redHeader, to: sandbox.userThemes + "/mine.json")
        let unknown = sandbox.catalog().resolve("solarized")
        #expect(unknown.source == .builtIn)
        #expect(
            unknown.warnings == [
                #"unknown theme "solarized" (available: default, high-contrast, light, mine, mono); using the default theme"#
            ])
        let missing = sandbox.catalog().resolve(sandbox.root + "/nope.json")
        #expect(missing.source == .builtIn)
        #expect(missing.warnings.first?.contains("not found") == true)
    }

    @Test func shippedSearchDirectoriesWalkUpFromTheExecutable() {
        #expect(
            ThemeCatalog.shippedSearchDirectories(
                executablePath: "/work/main/.build/debug/dvsec", currentDirectory: "/home/u")
                == ["/work/main/.build/debug", "/work/main/.build", "/work/main", "/work", "/", "/home/u"])
        #expect(
            ThemeCatalog.shippedSearchDirectories(
                executablePath: "/usr/local/bin/dvsec", currentDirectory: "/usr/local")
                == ["/usr/local/bin", "/usr/local", "/usr", "/"])
        #expect(ThemeCatalog.shippedSearchDirectories(executablePath: nil, currentDirectory: "/tmp") == ["/tmp"])
    }

    @Test func theRealPackageThemesFolderIsFound() {
        // Walking up from this test file reaches the package root and its themes/ folder.
        let directories = ThemeCatalog.shippedSearchDirectories(executablePath: #filePath, currentDirectory: nil)
        let catalog = ThemeCatalog(environment: [:], shippedSearchDirectories: directories)
        let resolution = catalog.resolve("light")
        guard case .file(let path) = resolution.source else {
            Issue.record("expected the shipped file, got \(resolution.source)")
            return
        }
        #expect(path.hasSuffix("/themes/light.json"))
        #expect(resolution.warnings.isEmpty)
    }
}
