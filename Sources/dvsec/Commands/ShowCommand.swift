import ArgumentParser
import Foundation
import SecurityModel

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
            let shown = try environment.map { [try pickEnvironment(snapshot, $0)] } ?? snapshot.sortedEnvironments
            let rows = shown.map { e in
                [
                    "id": e.id, "name": e.name, "type": e.type.rawValue, "region": e.settings.region,
                    "securityGroup": e.settings.securityGroupId.flatMap { e.entraGroups[$0]?.name } ?? "",
                    "adminMode": e.settings.adminMode ? "on" : "off",
                    "modernizedBusinessUnits": e.settings.modernizedBusinessUnits ? "on" : "off",
                    "auditing": e.settings.auditingEnabled ? "on" : "off", "users": String(e.users.count),
                ]
            }
            return output(
                rows,
                columns: ["name", "type", "region", "securityGroup", "adminMode", "modernizedBusinessUnits", "auditing", "users", "id"])
        }
        let env = try pickEnvironment(snapshot, environment)
        let roleName = { (id: String) in env.roles[id]?.name ?? id }
        switch kind {
        case .environments: break
        case .businessUnits:
            let rows = env.businessUnits.values.sorted { env.businessUnitPath($0.id) < env.businessUnitPath($1.id) }.map { bu in
                [
                    "path": env.businessUnitPath(bu.id), "name": bu.name,
                    "users": String(env.users.values.filter { $0.businessUnitId == bu.id }.count), "id": bu.id,
                ]
            }
            output(rows, columns: ["path", "users", "id"])
        case .users:
            let rows = env.sortedUsers.map { u -> [String: String] in
                var state: [String] = []
                if u.isDisabled { state.append("disabled") }
                if !u.isLicensed { state.append("unlicensed") }
                if u.isApplicationUser { state.append("application") }
                if !env.isInSecurityGroup(u) { state.append("outside security group") }
                return [
                    "name": u.name, "domainName": u.domainName,
                    "businessUnit": env.businessUnits[u.businessUnitId]?.name ?? u.businessUnitId,
                    "accessMode": u.accessMode.label, "state": state.joined(separator: ", "),
                    "roles": u.roleIds.map(roleName).sorted().joined(separator: "; "), "id": u.id,
                ]
            }
            output(rows, columns: ["name", "domainName", "businessUnit", "accessMode", "state", "roles", "id"])
        case .teams:
            let rows = env.sortedTeams.map { t in
                [
                    "name": t.name, "type": t.isDefault ? "Owner (default)" : t.type.label,
                    "businessUnit": env.businessUnits[t.businessUnitId]?.name ?? t.businessUnitId,
                    "members": String(env.members(of: t).count), "membershipType": t.membershipType?.label ?? "",
                    "roles": t.roleIds.map(roleName).sorted().joined(separator: "; "), "id": t.id,
                ]
            }
            output(rows, columns: ["name", "type", "businessUnit", "members", "membershipType", "roles", "id"])
        case .roles:
            let rows = env.sortedRoles.map { r in
                [
                    "name": r.name, "builtIn": r.builtIn?.rawValue ?? "",
                    "inheritance": (r.inheritsMemberPrivileges ? "direct + team" : "team only")
                        + (r.inheritsMemberPrivilegesKnown || r.isSystemAdministrator ? "" : " (default)"),
                    "tables": String(r.isSystemAdministrator ? env.tables.count : r.privileges.count),
                    "misc": r.isSystemAdministrator ? "all" : String(r.miscPrivileges.count),
                    "users": String(env.users.values.filter { $0.roleIds.contains(r.id) }.count),
                    "teams": String(env.teams.values.filter { $0.roleIds.contains(r.id) }.count), "id": r.id,
                ]
            }
            output(rows, columns: ["name", "builtIn", "inheritance", "tables", "misc", "users", "teams", "id"])
        case .tables:
            let rows = env.sortedTables.map { t in
                [
                    "logicalName": t.logicalName, "displayName": t.displayName, "ownership": t.ownership.label,
                    "custom": t.isCustom ? "custom" : "", "securedColumns": t.securedColumns.map(\.logicalName).joined(separator: ", "),
                ]
            }
            output(rows, columns: ["logicalName", "displayName", "ownership", "custom", "securedColumns"])
        case .profiles:
            let rows = env.sortedProfiles.map { p in
                [
                    "name": p.name, "columns": String(p.permissions.count), "users": String(p.userIds.count),
                    "teams": String(p.teamIds.count), "id": p.id,
                ]
            }
            output(rows, columns: ["name", "columns", "users", "teams", "id"])
        }
    }

    func output(_ rows: [[String: String]], columns: [String]) {
        switch format {
        case .json: printJSON(rows)
        case .text: print(TextTable(columns: columns, rows: rows).rendered)
        }
    }
}

/// A plain aligned text table for the terminal; control characters in data are escaped.
struct TextTable {
    var columns: [String]
    var rows: [[String: String]]

    var rendered: String {
        let header = columns.map { $0.uppercased() }
        let body = rows.map { row in columns.map { printable(row[$0] ?? "") } }
        var widths = header.map(\.count)
        for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([line(header)] + body.map(line)).joined(separator: "\n")
    }
}
