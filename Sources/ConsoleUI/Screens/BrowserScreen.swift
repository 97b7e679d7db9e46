import SecurityModel
import TerminalCore

/// One environment: a pane per entity kind, the selection's details, and on wide terminals the
/// selection's matrix.
enum BrowserScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let env = state.environment, let catalog = state.catalog else { return }
        drawTabs(state, catalog: catalog, into: &buffer, layout: layout, palette: palette)
        let listRect = layout.browserList
        drawList(state, env: env, into: &buffer, rect: listRect, palette: palette)
        buffer.panel(layout.browserDetail, title: "Details", palette: palette, focused: false)
        detailText(state, layout: layout, palette: palette)?.draw(into: &buffer, top: state.detailScroll, palette: palette)
        if let preview = layout.browserPreview {
            PreviewPane.draw(state, env: env, into: &buffer, rect: preview, palette: palette)
        }
    }

    /// The selection's details, which `J`/`K` scroll.
    static func detailText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let env = state.environment, let id = state.selectedId else { return nil }
        let detail = layout.browserDetail
        let block = DetailPanes.block(for: state.pane, id: id, env: env, counts: state.counts, width: detail.width - 4, palette: palette)
        return ScrolledText(block: block, rect: detail.inset(by: 1).inset(x: 1))
    }

    static func drawTabs(
        _ state: AppState, catalog: EnvironmentCatalog, into buffer: inout ScreenBuffer, layout: Layout,
        palette: Palette
    ) {
        let rect = layout.tabs
        let counts = Pane.allCases.map { pane in
            pane == .businessUnits ? catalog.businessUnitTree.count : catalog.entries(for: pane).ids.count
        }
        // Whole titles with counts where they fit; then the longest titles short, one by one
        // (at 120 columns "6 Tables" was cut); then short titles without counts.
        func labels(short: Set<Pane>, counted: Bool) -> [String] {
            Pane.allCases.map { pane in
                " \(pane.rawValue + 1) \(short.contains(pane) ? pane.shortTitle : pane.title)\(counted ? " (\(counts[pane.rawValue]))" : "") "
            }
        }
        let shortened: [Pane] = [.profiles, .businessUnits, .roles]
        let candidates =
            (0...shortened.count).map { labels(short: Set(shortened.prefix($0)), counted: true) }
            + [labels(short: Set(Pane.allCases), counted: false)]
        let chosen =
            candidates.first { $0.reduce(0) { $0 + displayWidth(of: $1) + 1 } - 1 <= rect.width } ?? candidates[candidates.count - 1]
        var x = 0
        for (pane, label) in zip(Pane.allCases, chosen) {
            let style = pane == state.pane ? palette[.tabActive] : palette[.tabInactive]
            x += buffer.text(label, x: x, y: rect.y, width: rect.width - x, style: style)
            x += buffer.text(" ", x: x, y: rect.y, width: rect.width - x, style: palette[.normal])
        }
    }

    static func drawList(_ state: AppState, env: Environment, into buffer: inout ScreenBuffer, rect: Rect, palette: Palette) {
        let list = state.list(state.pane)
        let total =
            state.catalog.map { state.pane == .businessUnits ? $0.businessUnitTree.count : $0.entries(for: state.pane).ids.count } ?? 0
        let counted = shownCount(list.rows.count, of: total, narrowed: !list.filter.isEmpty)
        let title = "\(state.pane.title) (\(counted))"
        /// "No user matches" read as if a filter hid them, in an environment that has none.
        func empty(_ noun: String) -> String {
            list.filter.isEmpty ? "No \(state.pane.title.lowercased()) in this environment" : Labels.noMatch(noun, filter: list.filter)
        }
        /// Whether a pane's wide columns fit beside a name of 20 columns or more (the list's cursor
        /// column and one gap per column counted). A fixed 60 hid the business unit of every user
        /// at 200 columns, where the third pane leaves the list 58.
        func fits(_ fixed: Int..., name: Int = 20) -> Bool { rect.width - 2 - 1 - fixed.reduce(0) { $0 + $1 + 1 } >= name }
        // Role names run long ("Copy of System Administrator (2)"): the other columns give way
        // before a name is cut, Business unit first (a role's is mostly the root's), then Inherit
        // (at 120 columns two copies read "Copy of System Admi…"; found by a console review).
        // Measured over every role of the environment, a few hundred at most, so the columns do
        // not come and go while scrolling or filtering; past 32 columns a name is cut.
        let roleName = state.pane == .roles ? roleNameWidth(env) : 0
        let wide: Bool =
            switch state.pane {
            case .users: fits(16, 13)
            case .teams: fits(14, 14, 5)
            case .roles: fits(7, 6, name: roleName)
            case .tables: fits(18, 5, 7)
            case .businessUnits, .profiles: true
            }
        let rows = state.visibleRows(on: .browser)
        switch state.pane {
        case .users:
            // Below the business unit's room, the status in words still has a column of its own
            // (a review found codes under no header at 90 columns, explained nowhere); codes
            // (README) only where even that leaves a name less than 20 columns.
            let width: UserFlagWidth = wide ? .wide : fits(10) ? .medium : .narrow
            let columns: [ListWidget.Column] =
                switch width {
                case .wide: [.init(title: "Name", width: 0), .init(title: "Business unit", width: 16), .init(title: "Status", width: 13)]
                case .medium: [.init(title: "Name", width: 0), .init(title: "Status", width: 10)]
                case .narrow: [.init(title: "Name", width: 0), .init(title: "St", width: 3)]
                }
            ListWidget(title: title, list: list, visibleRows: rows, columns: columns, emptyMessage: empty("user"))
                .draw(into: &buffer, rect: rect, palette: palette) { id in
                    guard let user = env.users[id] else { return [(id, nil)] }
                    let flag = userFlag(user, env: env, width: width)
                    let flagStyle = flag.isEmpty ? nil : palette[.dormant]
                    return wide
                        ? [(user.name, nil), (Labels.businessUnit(user.businessUnitId, env), palette[.dim]), (flag, flagStyle)]
                        : [(user.name, nil), (flag, flagStyle)]
                }
        case .teams:
            let columns: [ListWidget.Column] =
                wide
                ? [
                    .init(title: "Name", width: 0), .init(title: "Type", width: 14), .init(title: "Business unit", width: 14),
                    .init(title: "Roles", width: 5, alignment: .right),
                ]
                : [.init(title: "Name", width: 0), .init(title: "Type", width: 7)]
            ListWidget(title: title, list: list, visibleRows: rows, columns: columns, emptyMessage: empty("team"))
                .draw(into: &buffer, rect: rect, palette: palette) { id in
                    guard let team = env.teams[id] else { return [(id, nil)] }
                    let kind = team.isDefault ? (wide ? "Default" : "default") : (wide ? team.type.label : shortType(team.type))
                    return [
                        (team.name, nil), (kind, palette[.dim]), (Labels.businessUnit(team.businessUnitId, env), palette[.dim]),
                        ("\(team.roleIds.count)", nil),
                    ]
                }
        case .roles:
            let withUnit = wide && fits(14, 7, 6, name: roleName)
            let columns: [ListWidget.Column] =
                wide
                ? [.init(title: "Name", width: 0)] + (withUnit ? [.init(title: "Business unit", width: 14)] : []) + [
                    .init(title: "Inherit", width: 7), .init(title: "Tables", width: 6, alignment: .right),
                ]
                : [.init(title: "Name", width: 0), .init(title: "Tbl", width: 3, alignment: .right)]
            ListWidget(title: title, list: list, visibleRows: rows, columns: columns, emptyMessage: empty("role"))
                .draw(into: &buffer, rect: rect, palette: palette) { id in
                    guard let role = env.roles[id] else { return [(id, nil)] }
                    let tables = role.isSystemAdministrator ? "all" : "\(role.privileges.count)"
                    let nameStyle = role.isSystemAdministrator ? palette[.warning] : nil
                    guard wide else { return [(role.name, nameStyle), (tables, nil)] }
                    let unit: [(String, Style?)] = withUnit ? [(Labels.businessUnit(role.businessUnitId, env), palette[.dim])] : []
                    // Not set on System Administrator (DATAVERSE.md §1.4): "yes" read as a
                    // setting `i` could change.
                    let inherit = role.isSystemAdministrator ? "fixed" : role.inheritsMemberPrivileges ? "yes" : "team"
                    return [(role.name, nameStyle)] + unit + [(inherit, palette[.dim]), (tables, nil)]
                }
        case .businessUnits:
            ListWidget(
                title: title, list: list, visibleRows: rows, columns: [.init(title: "Business unit", width: 0)],
                emptyMessage: empty("business unit")
            )
            .draw(into: &buffer, rect: rect, palette: palette) { id in
                [(treeLabel(id, state: state, env: env, glyphs: palette.glyphs), id == env.rootBusinessUnit?.id ? palette[.title] : nil)]
            }
        case .profiles:
            ListWidget(
                title: title, list: list, visibleRows: rows,
                columns: [
                    .init(title: "Name", width: 0), .init(title: "Cols", width: 4, alignment: .right),
                    .init(title: "Members", width: 7, alignment: .right),
                ],
                emptyMessage: empty("profile")
            )
            .draw(into: &buffer, rect: rect, palette: palette) { id in
                guard let p = env.fieldSecurityProfiles[id] else { return [(id, nil)] }
                return [(p.name, nil), ("\(env.columnPermissions(of: p).count)", nil), ("\(p.userIds.count + p.teamIds.count)", nil)]
            }
        case .tables:
            let columns: [ListWidget.Column] =
                wide
                ? [
                    .init(title: "Logical name", width: 0), .init(title: "Display name", width: 18), .init(title: "Owner", width: 5),
                    .init(title: "Secured", width: 7, alignment: .right),
                ]
                : [.init(title: "Logical name", width: 0), .init(title: "Own", width: 4)]
            ListWidget(title: title, list: list, visibleRows: rows, columns: columns, emptyMessage: empty("table"))
                .draw(into: &buffer, rect: rect, palette: palette) { id in
                    guard let t = env.tables[id] else { return [(id, nil)] }
                    let owner = t.ownership == .organization ? "org" : "user"
                    let secured = t.securedColumns.count
                    // The narrow layout has two columns: the owner comes second there.
                    guard wide else { return [(t.logicalName, t.isCustom ? palette[.info] : nil), (owner, palette[.dim])] }
                    return [
                        (t.logicalName, t.isCustom ? palette[.info] : nil), (t.displayName, palette[.dim]), (owner, palette[.dim]),
                        (secured == 0 ? "" : "\(secured)", palette[.secured]),
                    ]
                }
        }
    }

    /// The columns the roles' names want, with their gap: the longest name, 19 to 32 wide.
    static func roleNameWidth(_ env: Environment) -> Int {
        let longest = env.roles.values.reduce(0) { max($0, displayWidth(of: sanitizedForDisplay($1.name))) }
        return min(32, max(19, longest)) + 1
    }

    static func shortType(_ type: TeamType) -> String {
        switch type {
        case .owner: "owner"
        case .access: "access"
        case .entraSecurityGroup: "group"
        case .entraOfficeGroup: "office"
        }
    }

    /// A short status word for a user who is not plainly active: the first of the domain's
    /// dormancy reasons (``Environment/dormancy(of:holdings:)``), else what sets the user apart
    /// without keeping them out (application user, access mode Read or Non-interactive). A user
    /// outside the environment's security group read as active here while `dvsec show users`
    /// and the details said dormant (found by a console review).
    static func userFlag(_ user: User, env: Environment, width: UserFlagWidth) -> String {
        UserStatusLabel(user, env: env)?.text(width) ?? ""
    }

    /// How much room the users' Status column has: words beside the business unit, words alone
    /// (10 columns), or three-letter codes.
    enum UserFlagWidth { case wide, medium, narrow }

    /// The business unit with its tree guides: `│  ├─ Sales EU`.
    static func treeLabel(_ id: String, state: AppState, env: Environment, glyphs: GlyphSet) -> String {
        let name = Labels.businessUnit(id, env)
        guard state.list(.businessUnits).filter.isEmpty, let node = state.catalog?.node(id) else {
            return env.businessUnitPath(id)
        }
        var prefix = ""
        if node.depth > 0 {
            for guide in node.guides { prefix += guide ? glyphs.treeContinuation : glyphs.treeSpace }
            prefix += node.isLastChild ? glyphs.treeLastBranch : glyphs.treeBranch
        }
        let fold = node.hasChildren ? (state.collapsedBusinessUnits.contains(id) ? glyphs.collapsed : glyphs.expanded) + " " : "  "
        return prefix + fold + name
    }
}

extension Rect {
    /// Shrunk by `x` columns on the left and right only.
    func inset(x amount: Int) -> Rect {
        Rect(x: x + amount, y: y, width: max(0, width - 2 * amount), height: height)
    }
}

/// What the users' Status column says of a user: the first reason the domain's dormancy gives
/// for no access at run time, else what sets the user apart. One table for the column's words
/// and codes and for the `?` help that explains them.
enum UserStatusLabel: CaseIterable {
    case disabled, businessUnitDisabled, outsideSecurityGroup, unlicensed, adminMode, administrativeAccessMode
    case applicationUser, readOnly, nonInteractive

    init?(_ user: User, env: Environment) {
        if let reason = env.dormancy(of: user).first {
            self =
                switch reason {
                case .disabled: .disabled
                case .businessUnitDisabled: .businessUnitDisabled
                case .outsideSecurityGroup: .outsideSecurityGroup
                case .unlicensed: .unlicensed
                case .adminMode: .adminMode
                case .administrativeAccessMode: .administrativeAccessMode
                }
        } else if user.isApplicationUser {
            self = .applicationUser
        } else if user.accessMode == .read {
            self = .readOnly
        } else if user.accessMode == .nonInteractive {
            self = .nonInteractive
        } else {
            return nil
        }
    }

    /// Words, the words in 10 columns, the code, and what it means.
    var labels: (wide: String, medium: String, code: String, meaning: String) {
        switch self {
        case .disabled: ("disabled", "disabled", "off", "the user is disabled: no access")
        case .businessUnitDisabled: ("BU off", "BU off", "bu", "the user's business unit is disabled: no access")
        case .outsideSecurityGroup:
            ("outside group", "outside SG", "sg", "not in the environment's security group: no access")
        case .unlicensed: ("unlicensed", "unlicensed", "nl", "no license: no access")
        case .adminMode: ("admin mode", "admin mode", "am", "the environment is in administration mode: no access")
        case .administrativeAccessMode:
            ("admin only", "admin only", "adm", "access mode Administrative: Settings and Administration only, no customer data")
        case .applicationUser: ("app user", "app user", "app", "an application user")
        case .readOnly: ("read-only", "read-only", "r/o", "access mode Read: no write takes effect")
        case .nonInteractive: ("non-inter.", "non-inter.", "api", "access mode Non-interactive: through the API only")
        }
    }

    func text(_ width: BrowserScreen.UserFlagWidth) -> String {
        switch width {
        case .wide: labels.wide
        case .medium: labels.medium
        case .narrow: labels.code
        }
    }
}
