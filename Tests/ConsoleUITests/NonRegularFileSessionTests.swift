import Foundation
import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// A snapshot read from a named pipe, a pipe (`dvsec <(cat a.json)`) or a device opens
/// read-only, says why, and saves only elsewhere (`:w PATH`). Found by a robustness review: a
/// save froze the console on a FIFO, and a pipe offered edits it could neither journal nor save.
@Suite("Snapshots that are not regular files, in the console")
struct NonRegularFileSessionTests {
    static func pipeDocument() -> Document {
        var document = Document(source: .file("/tmp/s7/pipe.json"), fingerprint: FileFingerprint(data: Data("{}".utf8)), isReadOnly: true)
        document.notARegularFile = "is a named pipe (FIFO)"
        return document
    }

    @Test func itOpensReadOnlySayingWhy() {
        let state = ConsoleSession.initialState(
            snapshot: Fixture.snapshot, document: Self.pipeDocument(), environment: nil, size: Size(width: 80, height: 24),
            theme: ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: []), themeNames: [],
            journalPath: "/tmp/s7/.pipe.json.dvsec-journal")
        let why = "Read-only: /tmp/s7/pipe.json is a named pipe (FIFO), not a regular file: :w PATH saves a copy elsewhere"
        #expect(state.status == .warning(why))
        #expect(state.messageLog == [.warning(why)])
        #expect(state.dialog == nil)
    }

    @Test func editsAndCtrlSAreRefusedAndColonWPathSavesACopyThatIsThenEditable() {
        var state = Fixture.browserState()
        state.document = Self.pipeDocument()
        var store = TestStore(state)
        let why = "read-only: /tmp/s7/pipe.json is a named pipe (FIFO), not a regular file: :w PATH saves a copy elsewhere"
        store.send(.undoRequested) { $0.status = .error(why) }
        store.send(.saveRequested(path: nil)) { $0.status = .error(why + "; nothing to save") }
        store.send(.saveRequested(path: "/tmp/copy.json"), effects: [.save(path: "/tmp/copy.json", force: false)]) {
            $0.status = StatusMessage("Saving /tmp/copy.json…")
        }
        let fingerprint = FileFingerprint(data: Data("copy".utf8))
        store.send(.saveFinished(.saved(path: "/tmp/copy.json", fingerprint: fingerprint)), effects: [.removeJournal]) {
            $0.document.source = .file("/tmp/copy.json")
            $0.document.fingerprint = fingerprint
            $0.document.isReadOnly = false
            $0.document.notARegularFile = nil
            $0.status = .success("Saved a copy to /tmp/copy.json: edits are allowed now, and saved there")
        }
    }
}

extension NonRegularFileSessionTests {
    /// The open file replaced by a folder (or anything that is not a file) while it was edited:
    /// found by a robustness review, the changed-on-disk question offered reload and overwrite,
    /// which cannot work. The question says what is there and offers saving elsewhere, quitting
    /// with the journal kept, or going back.
    @Test func aFileReplacedByAFolderAsksOnlyWhatCanWork() {
        var store = TestStore(Fixture.browserState())
        store.modify { $0.expectEdit(HistoryReducerTests().raise, summary: HistoryReducerTests().raiseSummary) }
        store.send(.saveFinished(.notAFile(path: "/tmp/fabrikam.json", kind: "is a folder"))) {
            $0.dialog = .notAFile(path: "/tmp/fabrikam.json", kind: "is a folder")
            $0.status = .warning("Not saved: /tmp/fabrikam.json is a folder now, not the file that was opened")
        }
        let dialog = Dialog.notAFile(path: "/tmp/fabrikam.json", kind: "is a folder")
        #expect(dialog.answers == [.saveAs, .quitKeepingJournal, .cancel])
        let (title, body) = DialogOverlay.text(for: dialog)
        #expect(title == "Not a file any more")
        #expect(
            body
                == "/tmp/fabrikam.json is a folder now, not the file that was opened: it cannot be reloaded nor overwritten."
                + " Save elsewhere, or quit: the journal keeps your unsaved changes and offers them the next time this file is opened.")
        store.send(.dialogAnswered(.saveAs)) {
            $0.dialog = nil
            $0.input = .savePath
            $0.status = StatusMessage("Type the path to save to after :w")
        }
        store.modify { $0.input = nil }
        store.send(.saveFinished(.notAFile(path: "/tmp/fabrikam.json", kind: "is a folder"))) {
            $0.dialog = dialog
            $0.status = .warning("Not saved: /tmp/fabrikam.json is a folder now, not the file that was opened")
        }
        // Quitting keeps the journal: no effect removes it.
        store.send(.dialogAnswered(.quitKeepingJournal), effects: [.quit]) {
            $0.dialog = nil
            $0.hasQuit = true
            $0.status = nil
        }
    }
}
