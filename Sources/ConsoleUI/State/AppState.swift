import SecurityModel
import TerminalCore

/// Everything the console shows and remembers, in one value.
///
/// Only ``reduce(_:_:)`` changes it; ``render(_:size:theme:glyphs:)`` draws it. Lists are kept
/// sorted and filtered here (see ``EnvironmentCatalog`` and ``ListState``), and domain answers
/// (effective access, who-can) are computed by the reducer and stored, so a frame only reads.
public struct AppState: Hashable, Sendable {
    // MARK: The model
    /// The snapshot being viewed and edited, with every pending edit applied.
    public var snapshot: Snapshot
    public var document: Document
    /// The edits since opening or the last save.
    public var history: EditHistory

    // MARK: Where the user is
    /// The environment open in the browser (nil on the environment picker).
    public var environmentId: String?
    /// Sorted lists of the open environment.
    public var catalog: EnvironmentCatalog?
    /// Counts over every user of the open environment (nil until needed again after an edit).
    public var counts: EnvironmentCounts?
    /// The navigation stack; the last screen is shown. Never empty.
    public var screens: [Screen]
    /// The environment picker's list (environment ids).
    public var environments: ListState
    /// The browser's current pane.
    public var pane: Pane
    /// The browser's list per pane.
    public var lists: [Pane: ListState]
    /// Business units whose children are hidden in the tree.
    public var collapsedBusinessUnits: Set<String>
    public var roleEditor: RoleEditorState?
    public var effective: EffectiveAccessState?
    public var whoCan: WhoCanState
    public var profileEditor: ProfileEditorState?
    /// Who holds a role (`H`), as the domain's role report lists them.
    public var roleHolders: RoleHoldersState?
    /// The environment-settings row under the cursor.
    public var settingsCursor: Int
    /// The pending-changes list (rows are indices into `history.unsaved`).
    public var pendingList: ListState
    /// The impact of the unsaved changes on effective access, shown with the pending list. Kept
    /// after the list is closed: coming back with the same edits shows it at once (at 100,000
    /// users, after deleting a role most hold, it takes about 10 s to compute).
    public var pendingImpact: SnapshotDiffResult?
    /// What ``pendingImpact`` was computed for: the model generation and the unsaved edits.
    public var pendingImpactKey: PendingImpactKey?
    /// The unsaved edits whose impact is being computed away from the console's loop, in a large
    /// organisation: the console keeps answering keys, the pending list says it is computing, and
    /// the result arrives as ``Action/pendingImpactComputed(_:_:)``.
    public var pendingImpactComputing: PendingImpactKey?
    /// The impact of the change under the pending list's cursor on its own, shown before that of
    /// every change together (the panel said "Change 6 of 6, and the impact" and showed only the
    /// combined one; found by a console review). Only with two changes or more.
    public var selectedChangeImpact: SelectedChangeImpact?
    /// From this many users in the environments the unsaved edits touch, their impact is computed
    /// in the background (at 100,000 users, deleting a role most hold takes about 10 s); below it,
    /// at once. An organisation of exactly 20,000 took the synchronous path, 163–281 ms per key
    /// in the pending list (found by a scale review). Tests lower it to drive the background path
    /// on a small organisation.
    public var backgroundImpactUsers: Int
    /// Effects a refresh asked for in the middle of an action; ``reduce(_:_:)`` returns them with
    /// the action's own and leaves this empty.
    var requestedEffects: [Effect]
    /// The snapshot to compare with (`--baseline`).
    public var baseline: Baseline?
    /// Open the changes against the baseline once an environment is chosen (`--baseline` on a
    /// snapshot of several environments, none named with `-e`).
    public var showBaselineWhenEnvironmentChosen = false
    public var diff: DiffState?
    public var findings: FindingsState?
    /// Two users or two roles side by side, as the domain compares them, and the first line shown.
    public var comparison: Comparison?
    public var comparisonTop: Int
    /// The browser's third column on wide terminals: the selected user's or team's matrix.
    public var preview: BrowserPreview?
    /// Counts model changes, so derived values know when they are stale.
    public var modelGeneration: Int
    /// Ids for the roles, teams, profiles and business units the user creates.
    public var newIds: NewIDSource

    // MARK: On top of the screen
    /// A line being typed: filter, command or value.
    public var input: InputLine?
    public var picker: PickerState?
    public var dialog: Dialog?
    public var help: HelpState?
    /// The message on the status line.
    public var status: StatusMessage?
    /// The status messages shown so far, oldest first (at most ``messageLogLimit``): `:messages`
    /// lists them, whole, where the status line cuts a long one.
    public var messageLog: [StatusMessage] = []
    /// The `:` commands run from the command line this session, oldest first, each once (at most
    /// ``commandHistoryLimit``): Up and Down on the command line recall them. Not saved anywhere.
    public var commandHistory: [String] = []
    /// First line shown of the side panel (details, "why", impact); back to 0 on any other key.
    public var detailScroll: Int

    // MARK: Presentation
    /// The terminal size the last frame was drawn for (page sizes depend on it).
    public var size: Size
    public var theme: Theme
    /// Theme names offered by `:theme` completion.
    public var themeNames: [String]
    /// Set when the user asked to quit and nothing stands in the way; the loop ends.
    public var hasQuit: Bool
    /// "Save and quit" was chosen: quit once the save succeeds.
    public var quitAfterSave: Bool

    /// A state showing `snapshot`, on the environment picker, or directly on `environmentId`.
    public init(
        snapshot: Snapshot, document: Document, environmentId: String? = nil, size: Size = Size(width: 80, height: 24),
        theme: Theme = .builtInDefault, themeNames: [String] = [], newIds: NewIDSource = NewIDSource()
    ) {
        self.snapshot = snapshot
        self.document = document
        self.history = EditHistory()
        self.environmentId = nil
        self.catalog = nil
        self.counts = nil
        self.screens = [.environmentPicker]
        self.environments = ListState(rows: snapshot.sortedEnvironments.map(\.id))
        self.pane = .users
        self.lists = [:]
        self.collapsedBusinessUnits = []
        self.roleEditor = nil
        self.effective = nil
        self.whoCan = WhoCanState()
        self.profileEditor = nil
        self.roleHolders = nil
        self.settingsCursor = 0
        self.pendingList = ListState()
        self.pendingImpact = nil
        self.pendingImpactKey = nil
        self.pendingImpactComputing = nil
        self.selectedChangeImpact = nil
        self.backgroundImpactUsers = 20_000
        self.requestedEffects = []
        self.baseline = nil
        self.diff = nil
        self.findings = nil
        self.comparison = nil
        self.comparisonTop = 0
        self.preview = nil
        self.modelGeneration = 0
        self.newIds = newIds
        self.input = nil
        self.picker = nil
        self.dialog = nil
        self.help = nil
        self.status = nil
        self.detailScroll = 0
        self.size = size
        self.theme = theme
        self.themeNames = themeNames
        self.hasQuit = false
        self.quitAfterSave = false
        if let environmentId, snapshot.environments[environmentId] != nil {
            openEnvironment(environmentId)
        } else if snapshot.environments.count == 1, let only = snapshot.environments.keys.first {
            openEnvironment(only)
        }
        refreshPreview()
    }

    /// The screen shown.
    public var screen: Screen { screens.last ?? .environmentPicker }

    /// The open environment.
    public var environment: Environment? { environmentId.flatMap { snapshot.environments[$0] } }

    /// The browser list of a pane (empty when none).
    public func list(_ pane: Pane) -> ListState { lists[pane] ?? ListState() }

    /// The id selected in the browser's current pane.
    public var selectedId: String? { list(pane).selectedId }

    /// Whether edits are refused.
    public var isReadOnly: Bool { document.isReadOnly }

    /// Drops the screens about one environment (editors, effective access, who-can, diff,
    /// findings): opening another, or a reload that lost the open one.
    mutating func closeEnvironmentScreens() {
        roleEditor = nil
        effective = nil
        profileEditor = nil
        roleHolders = nil
        whoCan = WhoCanState()
        diff = nil
        findings = nil
    }

    /// Opens an environment in the browser, building its sorted lists.
    public mutating func openEnvironment(_ id: String) {
        guard let env = snapshot.environments[id] else { return }
        environmentId = id
        let catalog = EnvironmentCatalog(environment: env)
        self.catalog = catalog
        counts = EnvironmentCounts(environment: env)
        collapsedBusinessUnits = []
        var lists: [Pane: ListState] = [:]
        for pane in Pane.allCases where pane != .businessUnits { lists[pane] = ListState(rows: catalog.entries(for: pane).ids) }
        lists[.businessUnits] = ListState(rows: catalog.visibleBusinessUnits(collapsed: [], filter: ""))
        self.lists = lists
        closeEnvironmentScreens()
        screens = [.browser]
        if let index = environments.rows.firstIndex(of: id) { environments.cursor = index }
    }
}

/// The effective matrix of the browser's selection, computed by the reducer for the wide layout.
public struct BrowserPreview: Hashable, Sendable {
    public var principal: Principal
    /// ``AppState/modelGeneration`` it was computed at.
    public var generation: Int
    /// Rows by table logical name.
    public var rows: [String: EffectiveRow]
    /// The user is dormant: levels are granted but not effective.
    public var isDormant: Bool
}

/// The searchable help overlay: every binding of the key map, narrowed by the search text; or,
/// for `:messages`, the status messages shown so far.
public struct HelpState: Hashable, Sendable {
    public var search: String
    /// First help line drawn.
    public var top: Int
    /// The overlay lists ``AppState/messageLog`` instead of the keys.
    public var messages: Bool

    public init(search: String = "", top: Int = 0, messages: Bool = false) {
        self.search = search
        self.top = top
        self.messages = messages
    }
}

extension AppState {
    /// How many status messages ``messageLog`` keeps.
    public static let messageLogLimit = 200
    /// How many commands ``commandHistory`` keeps.
    public static let commandHistoryLimit = 100

    /// Logs the status line's message when an action set a new one (a message repeated by the
    /// next key is logged once).
    public mutating func logStatus(previous: StatusMessage?) {
        guard let status, status != previous else { return }
        messageLog.append(status)
        if messageLog.count > Self.messageLogLimit { messageLog.removeFirst(messageLog.count - Self.messageLogLimit) }
    }
}

/// The model and unsaved edits a pending-changes impact was computed for.
public struct PendingImpactKey: Hashable, Sendable {
    public var generation: Int
    public var unsaved: [Int]
    /// The id of the unsaved edit whose own impact this is; nil for every edit together.
    public var change: Int?

    public init(generation: Int, unsaved: [Int], change: Int? = nil) {
        self.generation = generation
        self.unsaved = unsaved
        self.change = change
    }
}

/// The impact of one pending change on its own: the snapshot just before it against just after it.
public struct SelectedChangeImpact: Hashable, Sendable {
    /// Where it is: in a large organisation, computed in the background one at a time, after the
    /// impact of every change together (a newer request stops the one running).
    public enum Status: Hashable, Sendable {
        /// Asked for once the combined impact has arrived.
        case waiting
        case computing
        /// `nil` when it could not be computed.
        case done(SnapshotDiffResult?)
    }

    /// What it is for (``PendingImpactKey/change`` is the edit's id).
    public var key: PendingImpactKey
    public var status: Status

    public init(key: PendingImpactKey, status: Status) {
        self.key = key
        self.status = status
    }
}
