import ConsoleUI
import TerminalCore
import Testing

/// `:theme NAME` that does not load keeps the theme in use; the message must say so whatever
/// the theme in use is, and never that the default is now used.
@Suite("Reducer: a theme that does not load")
struct ThemeCommandTests {
    @Test func anUnknownThemeSaysTheOneInUseIsKept() {
        var store = TestStore(Fixture.browserState())
        let unknown = "unknown theme \"nosuch\" (available: default, light); using the default theme"
        store.send(.themeLoaded(.builtInDefault, warnings: [unknown])) {
            $0.status = .warning("unknown theme \"nosuch\" (available: default, light); kept theme default")
        }
        var light = Theme.builtInDefault
        light.name = "light"
        store.send(.themeLoaded(light, warnings: [])) {
            $0.theme = light
            $0.status = .success("Theme light")
        }
        store.send(.themeLoaded(.builtInDefault, warnings: [unknown])) {
            $0.status = .warning("unknown theme \"nosuch\" (available: default, light); kept theme light")
        }
        // An invalid file: its problem on the same line, not "using the default theme" below it.
        let invalid = "theme bad.json: roles.header.fg: unknown colour \"cyna\"\nusing the default theme"
        store.send(.themeLoaded(.builtInDefault, warnings: [invalid])) {
            $0.status = .warning("theme bad.json: roles.header.fg: unknown colour \"cyna\"; kept theme light")
        }
    }
}
