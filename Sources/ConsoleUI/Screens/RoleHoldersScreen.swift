import SecurityModel
import TerminalCore

/// Who holds one role: users directly, then each team's members, with the teams beside them.
enum RoleHoldersScreen {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer, layout: Layout, palette: Palette) {
        guard let view = state.roleHolders else { return }
        let report = view.report
        let members = report.teams.reduce(0) { $0 + $1.memberCount }
        buffer.spans(
            [
                (" Role ", palette[.dim]), (report.name, palette[.title]),
                (
                    "  \(counted(view.directCount, "user")) directly · \(counted(report.teams.count, "team")) "
                        + "(\(counted(members, "member"))) · \(counted(view.userCount, "user")) in all",
                    palette[.dim]
                ),
            ],
            x: 0, y: layout.tabs.y, width: layout.size.width)
        let shown = shownCount(view.list.rows.count, of: report.holders.count, narrowed: !view.list.filter.isEmpty)
        ListWidget(
            title: "Holders of \(report.name) (\(shown))", list: view.list, visibleRows: state.visibleRows(on: .roleHolders),
            // The domain name is in the panel beside (and `/` finds it): at 120 columns a column
            // of it left "through t…" of the way each user holds the role.
            columns: [.init(title: "User", width: 24), .init(title: "Holds it", width: 0), .init(title: "Status", width: 9)],
            emptyMessage: report.holders.isEmpty
                ? "Nobody holds this role, directly or through a team" : Labels.noMatch("holder", filter: view.list.filter)
        )
        .draw(into: &buffer, rect: layout.reviewList, palette: palette) { row in
            guard let h = view.holder(row) else { return [] }
            let dormant = !h.dormancy.isEmpty
            return [
                (h.name, dormant ? palette[.dormant] : nil), (way(h), palette[.dim]),
                (dormant ? "dormant" : "", palette[.dormant]),
            ]
        }
        buffer.panel(layout.reviewDetail, title: "Holder and teams", palette: palette, focused: false)
        detailText(state, layout: layout, palette: palette)?.draw(into: &buffer, top: state.detailScroll, palette: palette)
    }

    /// `directly`, or `through team Sales EU (Owner)`.
    static func way(_ h: RoleReport.HolderLine) -> String {
        (h.path == RoleReport.directPath ? "directly" : "through " + h.path) + (h.copyBusinessUnit.map { " · copy of \($0)" } ?? "")
    }

    /// The selected holder, then the teams that hold the role, which `J`/`K` scroll.
    static func detailText(_ state: AppState, layout: Layout, palette: Palette) -> ScrolledText? {
        guard let view = state.roleHolders else { return nil }
        let detail = layout.reviewDetail
        let width = detail.width - 4
        var b = TextBlock()
        if let row = view.list.selectedId, let h = view.holder(row) {
            b.add(h.name, palette[.title])
            if !h.domainName.isEmpty { b.add(h.domainName, palette[.dim]) }
            b.addWrapped("Holds \(view.report.name) " + way(h), palette[.normal], width: width)
            if !h.dormancy.isEmpty {
                b.add("Dormant: the role gives no access at run time", palette[.warning])
                for d in h.dormancy {
                    b.addWrapped(
                        DetailPanes.bullet(palette) + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width, indent: 1)
                }
            }
            b.addWrapped("Enter: \(h.name)'s effective access (Esc comes back)", palette[.dim], width: width)
            b.blank()
        }
        b.add("Teams holding the role (\(view.report.teams.count))", palette[.header])
        if view.report.teams.isEmpty { b.add("none", palette[.dim], indent: 1) }
        for t in view.report.teams {
            b.addWrapped(
                DetailPanes.bullet(palette) + "\(t.name) (\(t.type.label)) · \(counted(t.memberCount, "member")) · \(t.businessUnit)",
                palette[.normal], width: width, indent: 1)
        }
        return ScrolledText(block: b, rect: detail.inset(by: 1).inset(x: 1))
    }
}
