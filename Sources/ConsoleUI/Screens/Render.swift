import SecurityModel
import TerminalCore

/// Draws the whole console for a state at a terminal size.
///
/// Pure: the same state, size, theme and glyphs always give the same buffer. Only the visible
/// rows of a list are looked at, so a frame costs the same with 40 users or 100,000.
public func render(_ state: AppState, size: Size, theme: Theme, glyphs: GlyphSet, colorEnabled: Bool = true) -> ScreenBuffer {
    let palette = Palette(theme: theme, colorEnabled: colorEnabled, glyphs: glyphs)
    var buffer = ScreenBuffer(size: size, style: palette[.normal])
    let layout = Layout(size, reviewSummaryLines: state.reviewSummaryLines(on: state.screen, width: size.width))
    guard layout.fits else {
        TooSmallScreen.draw(into: &buffer, size: size, palette: palette, unsaved: state.history.pendingCount)
        if glyphs == .ascii { buffer.replaceTypographyWithASCII() }
        return buffer
    }
    HeaderBar.draw(state, into: &buffer, layout: layout, palette: palette)
    switch state.screen {
    case .environmentPicker: EnvironmentPickerScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .browser: BrowserScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .roleEditor: RoleEditorScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .effectiveAccess: EffectiveAccessScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .whoCan: WhoCanScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .pendingChanges: PendingChangesScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .profileEditor: ProfileEditorScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .environmentSettings: SettingsScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .diff: DiffScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .diffEntry: DiffEntryScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .comparison: ComparisonScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .findings: FindingsScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    case .roleHolders: RoleHoldersScreen.draw(state, into: &buffer, layout: layout, palette: palette)
    }
    MessageLine.draw(state, into: &buffer, layout: layout, palette: palette)
    StatusBar.draw(state, into: &buffer, layout: layout, palette: palette)
    if let help = state.help { HelpOverlay.draw(help, state: state, into: &buffer, size: size, palette: palette) }
    if let picker = state.picker { PickerOverlay.draw(picker, state: state, into: &buffer, size: size, palette: palette) }
    if let dialog = state.dialog { DialogOverlay.draw(dialog, into: &buffer, size: size, palette: palette) }
    if glyphs == .ascii { buffer.replaceTypographyWithASCII() }
    return buffer
}

/// What is drawn when the terminal is smaller than ``Layout/minimumSize``.
enum TooSmallScreen {
    static func draw(into buffer: inout ScreenBuffer, size: Size, palette: Palette, unsaved: Int = 0) {
        let min = Layout.minimumSize
        let lines = [
            "dvsec needs at least \(min.width)×\(min.height);", "this terminal is \(size.width)×\(size.height).",
            unsaved == 0
                ? "Enlarge it, or press q to quit." : "Enlarge it to save or discard \(counted(unsaved, "unsaved change")).",
        ].flatMap { ScreenBuffer.wrap($0, width: max(1, size.width - 2)) }
        let top = max(0, (size.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < size.height {
            let x = max(0, (size.width - displayWidth(of: line)) / 2)
            buffer.text(line, x: x, y: top + i, width: size.width - x, style: palette[.warning])
        }
    }
}

/// Row 0: where the user is: tenant, environment (production unmistakable), screen.
///
/// Read as one breadcrumb, tenant first: when it does not fit, it gives way from the left, as
/// k9s and lazygit do, so the right end (where the user is) stays whole. The tenant goes first,
/// then the earlier screens (`… › Role editor › Salesperson`), then the environment's name is cut,
/// then the screen's title gives way to it (`PROD  Contoso Prod… ›  … › Salesperson`), and the
/// name goes only when nothing else is left (the PROD badge stays). Cutting the right end had left
/// `…Who can › Go-live findin…` in a role editor (found by a console review).
enum HeaderBar {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let rect = layout.header
        buffer.fill(rect, style: palette[.statusBar])
        let right = " ? help "
        let width = rect.width - displayWidth(of: right)
        buffer.spans(pieces(state, width: width, palette: palette), x: 0, y: rect.y, width: width)
        buffer.text(right, x: width, y: rect.y, width: displayWidth(of: right), style: palette[.statusBar])
    }

    /// The breadcrumb's pieces: the first arrangement that fits `width`, from the whole one to
    /// the screen alone; the last is cut at its end when even that is too wide.
    static func pieces(_ state: AppState, width: Int, palette: Palette) -> [(String, Style)] {
        let bar = palette[.statusBar]
        let start: [(String, Style)] = [(" dvsec ", palette[.statusKey])]
        let tenant: [(String, Style)] = [(" " + state.snapshot.tenant, bar)]
        var badge: [(String, Style)] = []
        var envName = ""
        if let env = state.environment {
            if env.type == .production { badge.append((" PROD ", palette[.production])) }
            envName = env.type == .production ? " \(env.name)" : " \(env.name) (\(Labels.environmentType(env, state.document)))"
        }
        let crumbs = crumbs(state)
        // The screen and what it is about (`Role editor › Salesperson`) stay together while they fit.
        let kept = min(crumbs.count, subjectTitle(state) == nil ? 1 : 2)
        func trail(_ count: Int) -> [(String, Style)] {
            guard count > 0 else { return [] }
            let shown = crumbs.suffix(count).joined(separator: " › ")
            return [("  ›  " + (count < crumbs.count ? "… › " : "") + shown, bar)]
        }
        func measure(_ pieces: [(String, Style)]) -> Int {
            pieces.reduce(0) { $0 + displayWidth(of: sanitizedForDisplay($1.0)) }
        }
        let environment = badge + (envName.isEmpty ? [] : [(envName, bar)])
        let gap: [(String, Style)] = state.environment == nil ? [] : [("  ", bar)]
        var candidates: [[(String, Style)]] = [start + tenant + gap + environment + trail(crumbs.count)]
        for count in stride(from: crumbs.count, through: kept, by: -1) { candidates.append(start + environment + trail(count)) }
        // A long name (a user's full name may have 200 characters) is cut before the environment
        // gives way: a 90-character one left `PROD   ›` and no environment (found by a console
        // review).
        if kept == 2, let subject = crumbs.last {
            let screenTrail: [(String, Style)] = [
                ("  ›  " + (kept < crumbs.count ? "… › " : "") + crumbs[crumbs.count - 2] + " › ", bar)
            ]
            let room = width - measure(start + environment + screenTrail)
            if room >= 16 {
                candidates.append(start + environment + screenTrail + [(truncate(sanitizedForDisplay(subject), toWidth: room), bar)])
            }
        }
        // The environment's name cut to what is left beside the screen (at least "Contos…").
        let room = width - measure(start + badge + trail(kept))
        if !envName.isEmpty, room >= 8 {
            candidates.append(start + badge + [(truncate(sanitizedForDisplay(envName), toWidth: room), bar)] + trail(kept))
        }
        // Then the name beside what the screen is about alone, and then both cut: which
        // environment is edited matters more than the screen's title, which its content shows (a
        // sandbox has no badge: at 60 columns its header named no environment at all, found by a
        // console review).
        if !envName.isEmpty, let last = crumbs.last {
            let room = width - measure(start + badge + trail(1))
            if kept > 1, room >= 8 {
                candidates.append(start + badge + [(truncate(sanitizedForDisplay(envName), toWidth: room), bar)] + trail(1))
            }
            let name = truncate(sanitizedForDisplay(envName), toWidth: 14)
            let lead = "  ›  " + (crumbs.count > 1 ? "… › " : "")
            let left = width - measure(start + badge + [(name, bar), (lead, bar)])
            // (A screen about nothing in particular keeps its whole title beside the PROD badge.)
            if left >= 10 && (kept > 1 || badge.isEmpty) {
                candidates.append(start + badge + [(name, bar), (lead + truncate(sanitizedForDisplay(last), toWidth: left), bar)])
            }
        }
        candidates.append(start + badge + trail(kept))
        candidates.append(start + badge + trail(min(1, crumbs.count)))
        return candidates.first { measure($0) <= width } ?? candidates[candidates.count - 1]
    }

    /// The screens open, oldest first (Browse only when it is the only one), then what the top
    /// one is about.
    static func crumbs(_ state: AppState) -> [String] {
        var crumbs = state.screens.filter { $0 != .browser || state.screens.count == 1 }.map(\.title)
        if let subject = subjectTitle(state) { crumbs.append(subject) }
        return crumbs
    }

    /// The name of what the top screen is about.
    static func subjectTitle(_ state: AppState) -> String? {
        let env = state.environment
        switch state.screen {
        case .roleEditor: return state.roleEditor.map { Labels.role($0.roleId, env) }
        case .effectiveAccess:
            switch state.effective?.principal {
            case .user(let id): return Labels.user(id, env)
            case .team(let id): return "team " + Labels.team(id, env)
            case nil: return nil
            }
        case .profileEditor: return state.profileEditor.map { Labels.profile($0.profileId, env) }
        default: return nil
        }
    }
}

/// Row h-2: the text being typed, the last message, or a hint.
enum MessageLine {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let rect = layout.message
        buffer.fill(rect, style: palette[.normal])
        if let input = state.input {
            let style = input.purpose == .filter ? palette[.filter] : palette[.commandLine]
            let used = buffer.spans([(input.prompt, style), (input.text, style), ("▏", style)], x: 0, y: rect.y, width: rect.width)
            if input.completions.count > 1 {
                let others = "  (\(input.completionIndex + 1)/\(input.completions.count), Tab: next)"
                buffer.text(others, x: used, y: rect.y, width: rect.width - used, style: palette[.dim])
            } else if let status = state.status {
                // What a key on the open line answered ("No earlier command"): beside the line,
                // which keeps the row.
                buffer.text("  " + status.text, x: used, y: rect.y, width: rect.width - used, style: palette[.dim])
            }
            return
        }
        if let status = state.status {
            let role: ThemeRole =
                switch status.kind {
                case .info: .info
                case .success: .success
                case .warning: .warning
                case .error: .error
                }
            // A message longer than the line ends with where to read it whole.
            let more = "  :messages"
            if displayWidth(of: sanitizedForDisplay(status.text)) > rect.width && rect.width > 30 {
                let used = buffer.text(status.text, x: 0, y: rect.y, width: rect.width - displayWidth(of: more), style: palette[role])
                buffer.text(more, x: used, y: rect.y, width: rect.width - used, style: palette[.dim])
            } else {
                buffer.text(status.text, x: 0, y: rect.y, width: rect.width, style: palette[role])
            }
            return
        }
        // A question is open: its keys, not what was on the line before it (found by a review:
        // "/Alex  Esc clears the filter" stayed under "Unsaved changes").
        if let dialog = state.dialog {
            var pieces: [(String, Style)] = []
            for (i, answer) in dialog.answers.enumerated() {
                if i > 0 { pieces.append(("  ·  ", palette[.dim])) }
                pieces.append((String(answer.key), palette[.title]))
                // The dialog's own words for it ("c quit, and decide next time" on the recovery
                // question, where a plain "cancel" read as if it kept working).
                pieces.append((" " + DialogOverlay.label(answer, in: dialog), palette[.dim]))
            }
            if let escape = dialog.escapeWords { pieces.append(("  ·  " + escape, palette[.dim])) }
            buffer.spans(pieces, x: 0, y: rect.y, width: rect.width)
            return
        }
        if let filter = state.currentFilter, !filter.isEmpty {
            buffer.spans(
                [("/" + filter, palette[.filter]), ("  Esc clears the filter", palette[.dim])], x: 0, y: rect.y, width: rect.width)
        }
    }
}

/// Row h-1: file, environment, unsaved count, read-only, and the main keys of the screen.
enum StatusBar {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        let rect = layout.statusBar
        buffer.fill(rect, style: palette[.statusBar])
        var left: [(String, Style)] = []
        if let env = state.environment {
            if env.type == .production { left.append((" PROD ", palette[.production])) }
            left.append((" " + env.name + " ", palette[.statusBar]))
        }
        if state.isReadOnly { left.append((" READ-ONLY ", palette[.badge])) }
        let count = state.history.pendingCount
        left.append((count == 0 ? " saved " : " ● \(count) unsaved ", count == 0 ? palette[.statusBar] : palette[.statusKey]))
        left.append((" " + state.document.label + " ", palette[.statusBar]))
        let leftWidth = left.reduce(0) { $0 + displayWidth(of: sanitizedForDisplay($1.0)) }
        // Hints go right-aligned; as many as fit, in order of importance.
        var hintPieces: [(String, Style)] = []
        var hintWidth = 0
        for (key, label) in KeyHints.hints(for: state) {
            let w = displayWidth(of: key) + displayWidth(of: label) + 3
            if leftWidth + hintWidth + w > rect.width { break }
            hintPieces.append((key, palette[.statusKey]))
            hintPieces.append((" " + label + "  ", palette[.statusBar]))
            hintWidth += w
        }
        let used = buffer.spans(left, x: 0, y: rect.y, width: rect.width)
        buffer.spans(hintPieces, x: max(used, rect.width - hintWidth), y: rect.y, width: rect.width - used)
    }
}
