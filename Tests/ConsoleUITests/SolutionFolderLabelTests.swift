import ConsoleUI
import SecurityModel
import TerminalCore
import Testing

/// A solution folder opened read-only has no environment type (found by a review: the header
/// said "Full (Sandbox)", the type its import gives the environment that holds it).
@Suite("Screens: a solution folder is not a Sandbox")
struct SolutionFolderLabelTests {
    /// The fixture's sandbox, as a solution folder's import would make it, opened from a folder.
    func state(_ source: Document.Source, environment: String? = Fixture.sandbox) -> AppState {
        AppState(
            snapshot: Fixture.snapshot, document: Document(source: source, isReadOnly: true), environmentId: environment,
            size: Size(width: 120, height: 40))
    }

    @Test func theHeaderThePickerAndTheSettingsSaySolutionFolder() {
        let folder = state(.solutionFolder("/tmp/Full"))
        let header = screen(folder).lines[0]
        #expect(header.contains("Fabrikam Sandbox (solution folder, read-only)"), "\(header)")
        #expect(!header.contains("(Sandbox)"))

        var picker = state(.solutionFolder("/tmp/Full"), environment: nil)
        reduce(&picker, .terminalResized(Size(width: 120, height: 40)))
        let row = screen(picker).lines.first { $0.contains("Fabrikam Sandbox") } ?? "no row"
        #expect(row.contains("solution folder"), "\(row)")

        var settings = folder
        reduce(&settings, .screenRequested(.environmentSettings))
        let type = screen(settings).lines.first { $0.contains("Type") && $0.contains("│") } ?? "no row"
        #expect(type.contains("(none: a solution folder, read-only)"), "\(type)")

        var env = folder
        reduce(&env, .commandEntered("env sandbox"))
        #expect(env.status?.text == "Environment Fabrikam Sandbox (solution folder, read-only)")
    }

    /// A snapshot file's sandbox is still a Sandbox.
    @Test func aSnapshotFileKeepsItsType() {
        let header = screen(state(.file("/tmp/fabrikam.json"))).lines[0]
        #expect(header.contains("Fabrikam Sandbox (Sandbox)"), "\(header)")
    }
}
