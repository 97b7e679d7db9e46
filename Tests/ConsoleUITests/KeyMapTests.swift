import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

@Suite("Key map and help")
struct KeyMapTests {
    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            var seen: [Key: String] = [:]
            for binding in KeyMap.bindings where binding.context == context && binding.action != nil {
                for key in binding.keys {
                    #expect(seen[key] == nil, "\(key) in \(context) is bound to both “\(seen[key] ?? "")” and “\(binding.summary)”")
                    seen[key] = binding.summary
                }
            }
        }
    }

    /// Found by a console review: Ctrl-D and Ctrl-U moved a whole page, as PgDn and PgUp do;
    /// vim and less move half a page.
    @Test func ctrlDAndCtrlUMoveHalfAPage() throws {
        let demo = DemoOrganisation.snapshot
        let prod = try #require(demo.environment(matching: "prod")?.id)
        var state = AppState(snapshot: demo, document: Document(source: .demo), environmentId: prod, size: Size(width: 80, height: 24))
        let rows = state.visibleRows(on: .browser)
        #expect(rows >= 4 && (state.lists[.users]?.rows.count ?? 0) > rows)
        let down = try #require(KeyMap.action(for: .ctrl("d"), in: state))
        #expect(down == .cursorMoved(.halfPageDown))
        reduce(&state, down)
        #expect(state.lists[.users]?.cursor == rows / 2)
        reduce(&state, try #require(KeyMap.action(for: .ctrl("u"), in: state)))
        #expect(state.lists[.users]?.cursor == 0)
        reduce(&state, try #require(KeyMap.action(for: .ctrl("f"), in: state)))
        #expect(state.lists[.users]?.cursor == rows)
    }

    /// Found by a console review: typing meant for elsewhere (":messages") reached the "file
    /// deleted" question silently until its "a" answered it. A letter that answers nothing says
    /// which letters do.
    @Test func aLetterThatAnswersNothingSaysWhichDo() throws {
        var state = Fixture.browserState()
        state.dialog = .fileGone(path: "/tmp/x.json")
        let colon = try #require(KeyMap.action(for: .char(":"), in: state))
        #expect(colon == .dialogKeyIgnored)
        reduce(&state, colon)
        #expect(state.dialog != nil)
        #expect(state.status == .warning("This question takes only the letters shown (o, a, c); Esc cancels: other keys do nothing here"))
    }

    @Test func keysResolveByContext() {
        let browser = Fixture.browserState()
        #expect(KeyMap.action(for: .char("j"), in: browser) == .cursorMoved(.down))
        #expect(KeyMap.action(for: .down, in: browser) == .cursorMoved(.down))
        #expect(KeyMap.action(for: .char("2"), in: browser) == .paneChosen(.users))
        #expect(KeyMap.action(for: .char("q"), in: browser) == .quitRequested(force: false))
        #expect(KeyMap.action(for: .ctrl("s"), in: browser) == .saveRequested(path: nil))
        #expect(KeyMap.action(for: .ctrl("r"), in: browser) == .redoRequested)
        #expect(KeyMap.action(for: .char("u"), in: browser) == .undoRequested)
        #expect(KeyMap.action(for: .char("?"), in: browser) == .helpRequested)
        #expect(KeyMap.action(for: .char("Z"), in: browser) == nil)

        var editor = browser
        reduce(&editor, .commandEntered("role Salesperson"))
        #expect(KeyMap.action(for: .char("2"), in: editor) == .levelChosen(.businessUnit))
        #expect(KeyMap.action(for: .char("0"), in: editor) == .levelChosen(.none))
        #expect(KeyMap.action(for: .char("+"), in: editor) == .levelRaised)
        #expect(KeyMap.action(for: .char(" "), in: editor) == .levelCycled)
        #expect(KeyMap.action(for: .char("l"), in: editor) == .cursorMoved(.right))

        var typing = browser
        reduce(&typing, .filterStarted)
        #expect(KeyMap.action(for: .char("q"), in: typing) == .textTyped("q"))
        #expect(KeyMap.action(for: .char("j"), in: typing) == .textTyped("j"))
        #expect(KeyMap.action(for: .down, in: typing) == .lineHistoryStepped(earlier: false))
        #expect(KeyMap.action(for: .escape, in: typing) == .inputCancelled)
        #expect(KeyMap.action(for: .enter, in: typing) == .inputSubmitted)

        var quitting = browser
        quitting.dialog = .confirmQuit(unsaved: 1)
        #expect(KeyMap.action(for: .char("s"), in: quitting) == .dialogAnswered(.saveAndQuit))
        #expect(KeyMap.action(for: .char("D"), in: quitting) == .dialogAnswered(.discardAndQuit))
        #expect(KeyMap.action(for: .char("x"), in: quitting) == .dialogKeyIgnored)  // says which letters answer
        #expect(KeyMap.action(for: .escape, in: quitting) == .backRequested)
        #expect(KeyMap.action(for: .char("c"), in: quitting) == .dialogAnswered(.cancel))

        // The recovery question: q quits (c, cancel on the quit question, was quit here).
        var recovering = browser
        recovering.dialog = .recoverJournal(
            JournalRecovery(path: "/tmp/j", changes: [], editCount: 1, started: nil, fileChangedSince: false))
        #expect(KeyMap.action(for: .char("q"), in: recovering) == .dialogAnswered(.quitKeepingJournal))
        #expect(KeyMap.action(for: .char("c"), in: recovering) == .dialogKeyIgnored)
        #expect(KeyMap.action(for: .char("a"), in: recovering) == .dialogAnswered(.applyJournal))

        var help = browser
        help.help = HelpState()
        #expect(KeyMap.action(for: .char("q"), in: help) == .textTyped("q"))
        #expect(KeyMap.action(for: .pageDown, in: help) == .cursorMoved(.pageDown))
        #expect(KeyMap.action(for: .escape, in: help) == .backRequested)

        var pending = browser
        reduce(&pending, .screenRequested(.pendingChanges))
        #expect(KeyMap.action(for: .char("x"), in: pending) == .revertRequested)
    }

    @Test func helpIsGeneratedFromTheKeyMapAndTheCommands() {
        let lines = HelpContent.lines
        for binding in KeyMap.bindings {
            #expect(lines.contains { $0.summary == binding.summary && $0.keys == binding.keyLabel }, "help lacks \(binding.summary)")
        }
        for command in CommandCatalog.commands {
            #expect(lines.contains { $0.keys.hasPrefix(":" + command.name) && $0.summary == command.summary })
        }
        #expect(HelpContent.lines(matching: "redo").map(\.keys) == ["Ctrl-R", ":redo"])
        #expect(KeyMap.bindings.first { $0.context == .roleEditor && $0.action == nil }?.keyLabel == "0-4")
    }

    @Test func statusBarHintsNameBoundKeys() {
        var state = Fixture.browserState(size: Size(width: 200, height: 50))
        let text = screen(state).lines.last ?? ""
        #expect(text.contains("Enter open"))
        #expect(text.contains("/ filter"))
        #expect(text.contains("Ctrl-S save"))
        reduce(&state, .commandEntered("role Salesperson"))
        let editor = screen(state).lines.last ?? ""
        #expect(editor.contains("+ raise"))
        #expect(editor.contains("- lower"))
        #expect(editor.contains("Space cycle"))
    }

    /// A read-only document's status bar offers no edit (its keys would only say it is read-only).
    @Test func readOnlyHintsOfferNoEdit() {
        let wide = Size(width: 200, height: 50)
        let editable = screen(Fixture.browserState(size: wide)).lines.first { $0.contains("Enter open") } ?? ""
        let readOnly = screen(Fixture.browserState(size: wide, readOnly: true)).lines.first { $0.contains("Enter open") } ?? ""
        #expect(editable.contains("u undo") && editable.contains("a assign"))
        #expect(
            !readOnly.contains("u undo") && !readOnly.contains("a assign") && !readOnly.contains("Ctrl-S save")
                && readOnly.contains("/ filter"))
    }

    /// Ctrl-Z suspends from anywhere (a filter, a picker, the help or a question open); Ctrl-C
    /// cancels what is open on top of a screen, and quits from the screen itself.
    @Test func ctrlZSuspendsAndCtrlCCancelsFromEverywhere() {
        var typing = Fixture.browserState()
        typing.input = InputLine(purpose: .filter)
        var asking = Fixture.browserState()
        asking.dialog = .confirmQuit(unsaved: 1)
        var helping = Fixture.browserState()
        helping.help = HelpState()
        for state in [typing, asking, helping, Fixture.browserState()] {
            #expect(KeyMap.action(for: .ctrl("z"), in: state) == .suspendRequested)
        }
        #expect(KeyMap.action(for: .ctrl("c"), in: typing) == .inputCancelled)
        #expect(KeyMap.action(for: .ctrl("c"), in: helping) == .inputCancelled)
        #expect(KeyMap.action(for: .ctrl("c"), in: asking) == .backRequested)
        #expect(KeyMap.action(for: .ctrl("c"), in: Fixture.browserState()) == .quitRequested(force: false))
        var suspended = asking
        #expect(reduce(&suspended, .suspendRequested) == [.suspend] && suspended.dialog == asking.dialog)
    }
}

/// Found by an editing review: `?` for the effective-access view did not list every key that
/// works there (t, f, d, m and c, and Enter, which the README lists as "why").
@Suite("Help: the effective-access section")
struct EffectiveAccessHelpTests {
    @Test func everyKeyOfTheViewIsListedInItsSection() {
        let keys = HelpContent.lines.filter { $0.section == KeyContext.effectiveAccess.title }.map(\.keys)
        for key in ["Tab", "Shift-Tab", "a", "x", "t", "b", "f", "d", "m", "c", "v", "Enter"] {
            #expect(keys.contains(key), "\(key) missing from \(keys)")
        }
    }

    /// Every key the view binds (the key map resolves it there) has a line in its section.
    @Test func theSectionAndTheKeyMapAgree() {
        let listed = Set(KeyMap.bindings.filter { $0.context == .effectiveAccess }.flatMap(\.keys))
        var state = Fixture.browserState()
        reduce(&state, .commandEntered("user alex"))
        #expect(state.screen == .effectiveAccess)
        for ch in "atbfdmcvx" {
            let action = KeyMap.action(for: .char(ch), in: state)
            let fromSection = KeyMap.bindings.first { $0.context == .effectiveAccess && $0.keys.contains(.char(ch)) }?.action
            #expect(listed.contains(.char(ch)) && action == fromSection, "\(ch)")
        }
    }
}
