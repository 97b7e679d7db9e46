import ArgumentParser
import Foundation
import SecurityModel
import TerminalCore

/// `dvsec show FILE [KIND]`: lists the entities of a snapshot.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "List environments, business units, users, teams, roles, tables or profiles.")

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case environments
        case businessUnits = "business-units"
        case users, teams, roles, tables, profiles
    }

    @Argument(help: "The snapshot file.") var file: String
    @Argument(help: "What to list: \(Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: Kind = .environments
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.") var environment:
        String?
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let snapshot = try loadSnapshot(file)
        if kind == .environments {
            // -e names one: it must exist (a typo is an error, not the whole list).
            let shown = try environment.map { [try pickEnvironment(snapshot, $0, file: file)] } ?? snapshot.sortedEnvironments
            let rows = shown.map { e -> [String: ShowCell] in
                [
                    "id": .text(e.id), "name": .text(e.name), "type": .text(e.type.rawValue), "region": .text(e.settings.region),
                    "securityGroup": .optional(e.settings.securityGroupId.map { e.entraGroups[$0]?.name ?? $0 }),
                    "adminMode": .onOff(e.settings.adminMode), "modernizedBusinessUnits": .onOff(e.settings.modernizedBusinessUnits),
                    "auditing": .onOff(e.settings.auditingEnabled), "users": .count(e.users.count),
                ]
            }
            return output(
                rows,
                columns: ["name", "type", "region", "securityGroup", "adminMode", "modernizedBusinessUnits", "auditing", "users", "id"])
        }
        let env = try pickEnvironment(snapshot, environment, file: file)
        // Neither the table nor the JSON rows say whose records they list: with several
        // environments and no -e, stderr says which one (production first) and how to see the others.
        if environment == nil, snapshot.environments.count > 1 {
            let others = snapshot.sortedEnvironments.filter { $0.id != env.id }.map { readable($0.name) }
            writeError(
                "dvsec: \(readable(env.name)) (\(env.type.label)), 1 of \(snapshot.environments.count) environments; "
                    + "-e for another (\(others.joined(separator: ", ")))\n")
        }
        let roleName = { (id: String) in env.roles[id]?.name ?? id }
        // The role copies a user or team names (`roleBusinessUnits`): in JSON a list of
        // "Salesperson: Contoso / Europe", sorted; in the text table's roles column beside the role,
        // as the console's detail pane says it ("Salesperson · copy of Contoso / Europe").
        let copies = { (named: [String: String]) -> ShowCell in
            .list(named.map { "\(roleName($0.key)): \(env.businessUnitPath($0.value))" }.sorted(), separator: "; ")
        }
        let roles = { (ids: Set<String>, named: [String: String]) -> ShowCell in
            let ordered = ids.sortedByName(roleName, id: { $0 })
            let text = ordered.map { id in named[id].map { "\(roleName(id)) · copy of \(env.businessUnitPath($0))" } ?? roleName(id) }
            return .labelledList(json: ordered.map(roleName), text: text, separator: "; ")
        }
        switch kind {
        case .environments: break
        case .businessUnits:
            var usersIn: [String: Int] = [:]
            for u in env.users.values { usersIn[u.businessUnitId, default: 0] += 1 }
            let rows = env.businessUnits.values.map { bu -> [String: ShowCell] in
                [
                    "path": .text(env.businessUnitPath(bu.id)), "name": .text(bu.name),
                    "parent": .optional(bu.parentId.map { env.businessUnits[$0]?.name ?? $0 }), "users": .count(usersIn[bu.id] ?? 0),
                    "id": .text(bu.id),
                ]
            }.sorted { $0["path"]!.text < $1["path"]!.text }
            output(rows, columns: ["path", "users", "id"])
        case .users:
            let rows = env.sortedUsers.map { u -> [String: ShowCell] in
                var state: [String] = []
                if u.isDisabled { state.append("disabled") }
                if !u.isLicensed { state.append("unlicensed") }
                if u.isApplicationUser { state.append("application") }
                if !env.isInSecurityGroup(u) { state.append("outside security group") }
                return [
                    "name": .text(u.name), "domainName": .text(u.domainName),
                    "businessUnit": .text(env.businessUnits[u.businessUnitId]?.name ?? u.businessUnitId),
                    "accessMode": .text(u.accessMode.label), "snapshotAccessMode": .text(u.accessMode.snapshotName),
                    "state": .list(state, separator: ", "),
                    "roles": roles(u.roleIds, u.roleBusinessUnitIds), "id": .text(u.id),
                    "roleCopies": copies(u.roleBusinessUnitIds),
                ]
            }
            output(rows, columns: ["name", "domainName", "businessUnit", "accessMode", "state", "roles", "id"])
        case .teams:
            let rows = env.sortedTeams.map { t -> [String: ShowCell] in
                [
                    "name": .text(t.name), "type": .text(t.isDefault ? "Owner (default)" : t.type.label),
                    "snapshotType": .text(t.type.snapshotName), "default": .onOff(t.isDefault),
                    "businessUnit": .text(env.businessUnits[t.businessUnitId]?.name ?? t.businessUnitId),
                    "members": .count(env.members(of: t).count), "membershipType": .optional(t.membershipType?.label),
                    "snapshotMembershipType": .optional(t.membershipType?.snapshotName),
                    "roles": roles(t.roleIds, t.roleBusinessUnitIds), "id": .text(t.id),
                    "roleCopies": copies(t.roleBusinessUnitIds),
                ]
            }
            output(rows, columns: ["name", "type", "businessUnit", "members", "membershipType", "roles", "id"])
        case .roles:
            var users: [String: Int] = [:]
            var teams: [String: Int] = [:]
            for u in env.users.values { for r in u.roleIds { users[r, default: 0] += 1 } }
            for t in env.teams.values { for r in t.roleIds { teams[r, default: 0] += 1 } }
            let rows = env.sortedRoles.map { r -> [String: ShowCell] in
                [
                    "name": .text(r.name), "builtIn": .optional(r.builtIn?.rawValue),
                    "inheritance": .text(
                        (r.inheritsMemberPrivileges ? "direct + team" : "team only")
                            + (r.inheritsMemberPrivilegesKnown || r.isSystemAdministrator ? "" : " (default)")),
                    // As the snapshot says it: the value read, and whether the file left it unsaid.
                    "inheritsMemberPrivileges": .onOff(r.inheritsMemberPrivileges || r.isSystemAdministrator),
                    "inheritsMemberPrivilegesUnknown": .onOff(!r.inheritsMemberPrivilegesKnown && !r.isSystemAdministrator),
                    "tables": .count(r.isSystemAdministrator ? env.tables.count : r.privileges.count),
                    // System Administrator holds every privilege, whatever its rows say.
                    "misc": r.isSystemAdministrator ? .all : .count(r.miscPrivileges.count),
                    "users": .count(users[r.id] ?? 0), "teams": .count(teams[r.id] ?? 0), "id": .text(r.id),
                ]
            }
            output(rows, columns: ["name", "builtIn", "inheritance", "tables", "misc", "users", "teams", "id"])
        case .tables:
            let rows = env.sortedTables.map { t -> [String: ShowCell] in
                [
                    "logicalName": .text(t.logicalName), "displayName": .text(t.displayName), "ownership": .text(t.ownership.label),
                    "snapshotOwnership": .text(t.ownership.snapshotName),
                    "custom": .flag(t.isCustom, shown: "custom"),
                    "securedColumns": .list(t.securedColumns.map(\.logicalName), separator: ", "),
                ]
            }
            output(rows, columns: ["logicalName", "displayName", "ownership", "custom", "securedColumns"])
        case .profiles:
            let rows = env.sortedProfiles.map { p -> [String: ShowCell] in
                [
                    "name": .text(p.name), "columns": .count(env.columnPermissions(of: p).count), "users": .count(p.userIds.count),
                    "teams": .count(p.teamIds.count), "id": .text(p.id),
                ]
            }
            output(rows, columns: ["name", "columns", "users", "teams", "id"])
        }
    }

    /// Text: the given columns, aligned. JSON: every field of every row, typed (numbers, booleans,
    /// arrays, null), so that a script needs no parsing of "a; b" or "on". Fields shown with a
    /// display label (`Read-Write`) have a `snapshot…` twin with the name the snapshot and the
    /// other JSON outputs use (`read-write`); only JSON has them.
    func output(_ rows: [[String: ShowCell]], columns: [String]) {
        switch format {
        case .json: printJSON(rows.map { $0.mapValues(\.json) })
        case .text: print(TextTable(columns: columns, rows: rows.map { $0.mapValues(\.text) }).rendered)
        }
    }
}

/// One field of a `show` row: how it reads in the text table, and its typed JSON value.
enum ShowCell {
    case text(String)
    case optional(String?)
    case count(Int)
    /// Every privilege (System Administrator): "all" in text, `"all"` in JSON.
    case all
    case onOff(Bool)
    case flag(Bool, shown: String)
    case list([String], separator: String)
    /// A list whose text reads differently from its JSON items (a role with the copy it names).
    case labelledList(json: [String], text: [String], separator: String)

    var text: String {
        switch self {
        case .text(let s): s
        case .optional(let s): s ?? ""
        case .count(let n): String(n)
        case .all: "all"
        case .onOff(let b): b ? "on" : "off"
        case .flag(let b, let shown): b ? shown : ""
        case .list(let items, let separator): items.joined(separator: separator)
        case .labelledList(_, let text, let separator): text.joined(separator: separator)
        }
    }

    var json: Any {
        switch self {
        case .text(let s): s
        case .optional(let s): s.map { $0 as Any } ?? NSNull()
        case .count(let n): n
        case .all: "all"
        case .onOff(let b), .flag(let b, _): b
        case .list(let items, _), .labelledList(let items, _, _): items
        }
    }
}

/// A plain aligned text table for the terminal; control characters in data are escaped.
struct TextTable {
    var columns: [String]
    var rows: [[String: String]]

    /// A column is at most this wide: a longer value (a 500-character name) runs past its
    /// column on its own row instead of widening every row.
    static let widest = 48

    var rendered: String {
        let header = columns.map { $0.uppercased() }
        let body = rows.map { row in columns.map { readable(row[$0] ?? "") } }
        // Terminal columns, not characters: a CJK name or an emoji takes two.
        var widths = header.map { displayWidth(of: $0) }
        for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], min(Self.widest, displayWidth(of: c))) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: max(0, widths[i] - displayWidth(of: c)))
            }
            .joined(separator: "  ")
        }
        return ([line(header)] + body.map(line)).joined(separator: "\n")
    }
}
