import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec effective FILE --user U`: a user's effective access and why.
struct EffectiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effective",
        abstract: "Show a user's effective access per table and operation, and (with --explain) every grant and its path.")

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "User id, domain name or name.") var user: String
    @Option(name: .shortAndLong, help: "Only this table (logical, schema or display name).") var table: String?
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.") var environment:
        String?
    @Flag(help: "List every contributing grant with its path, the scope, notes and what is not evaluated.") var explain = false
    @Flag(help: "Include tables where the user has no access.") var all = false
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment, file: file)
        let u = try pickUser(env, user, file: file)
        let teams = env.teams(of: u)
        let context = env.accessContext(of: u, teams: teams)
        let tables = try table.map { [try pickTable(env, $0, file: file)] } ?? env.sortedTables
        let dormancy = env.dormancy(of: u)
        var rows: [(Table, [AccessAnswer])] = []
        for t in tables {
            let answers = TableOperation.allCases.map { env.effectiveAccess(of: u, table: t.logicalName, operation: $0, teams: teams) }
            if all || table != nil || answers.contains(where: { $0.grantedLevel > .none }) { rows.append((t, answers)) }
        }
        let columns = tables.flatMap { t in t.securedColumns.map { ColumnReference(table: t.logicalName, column: $0.logicalName) } }
        // Not about a table: shown when the whole user is asked for.
        let misc =
            table == nil
            // One user's answer: no index of the whole environment (the same rule, MiscPrivilegeRule).
            ? env.miscPrivileges(of: u, holdings: env.roleHoldings(of: u, teams: teams)).values.sorted {
                $0.name.lowercased() < $1.name.lowercased()
            } : []
        switch format {
        case .json:
            printJSON([
                "environment": ["id": env.id, "name": env.name],
                "user": [
                    "id": u.id, "name": u.name, "domainName": u.domainName,
                    "businessUnit": u.businessUnitId, "accessMode": u.accessMode.snapshotName,
                ],
                "dormancy": dormancy.map(\.rawValue),
                "teams": teams.map { ["id": $0.id, "name": $0.name, "type": $0.type.snapshotName] },
                "tables": rows.map { t, answers in
                    [
                        "table": t.logicalName,
                        "operations": Dictionary(uniqueKeysWithValues: answers.map { ($0.operation.snapshotName, env.jsonObject($0)) }),
                    ] as [String: Any]
                },
                // With the table operation's level: "none" is no record to use the column on.
                "columns": columns.flatMap { ref in
                    ColumnPermissionKind.allCases.map { env.jsonObject(env.columnAccessOnRecords(of: context, column: ref, kind: $0)) }
                },
                "miscPrivileges": misc.map { m -> [String: Any] in
                    var o: [String: Any] = [
                        "privilege": m.name, "level": m.level.snapshotName, "roleId": m.roleId, "roleName": m.roleName,
                        "systemAdministrator": m.isSystemAdministrator, "via": m.quotedVia,
                    ]
                    o["teamId"] = m.teamId
                    // Through a team: team roles' miscellaneous privileges reach the members [I].
                    o["inferred"] = m.teamId != nil
                    // Granted, but access mode Read keeps a privilege that writes from working [I].
                    o["blockedByReadAccessMode"] = u.readAccessModeBlocks(miscPrivilege: m.name)
                    return o
                },
                "notEvaluated": notEvaluated(columns).map(\.label),
            ])
        case .text:
            printText(env, context, dormancy, rows, columns)
            if !misc.isEmpty {
                // Access mode Administrative keeps table access from working, not these (rule 13).
                print("\nMiscellaneous privileges\(Dormancy.forMiscellaneousPrivileges(dormancy).isEmpty ? "" : ", dormant"):")
                let width = misc.map { readable($0.name).count }.max() ?? 0
                let levelWidth = misc.map(\.level.label.count).max() ?? 0
                for m in misc {
                    print(
                        "  \(readable(m.name).padding(toLength: width, withPad: " ", startingAt: 0))  \(m.level.label.padding(toLength: levelWidth, withPad: " ", startingAt: 0))  via \(readable(m.labelledVia))"
                            + (u.readAccessModeBlocks(miscPrivilege: m.name) ? "  (not effective: access mode Read [I])" : "")
                    )
                }
            }
            // With or without --explain: a level is not the whole answer (shares and hierarchy
            // grant records too), as who-can says (found by a domain review: only --explain and
            // the JSON said it).
            print("\nNot evaluated: \(notEvaluated(columns).map(\.label).joined(separator: "; ")).")
        }
    }

    // swiftlint:disable:next function_parameter_count
    func printText(
        _ env: Environment, _ context: UserAccessContext, _ dormancy: [Dormancy], _ rows: [(Table, [AccessAnswer])],
        _ columns: [ColumnReference]
    ) {
        let u = context.user
        let teams = context.teams
        print(
            "\(readable(u.name))\(u.domainName.isEmpty ? "" : " <\(readable(u.domainName))>") in \(readable(env.name)), BU \(readable(env.businessUnitPath(u.businessUnitId)))"
        )
        print(
            // Quoted, as every name in the paths below: a team name may hold a comma.
            "access mode \(u.accessMode.label); teams: \(teams.isEmpty ? "none" : teams.map { readable(quotedName($0.name)) }.joined(separator: ", "))"
        )
        if let note = Dormancy.noLicenceNeeded(by: u) { print("note: \(note)") }
        for d in dormancy {
            print("DORMANT: \(d.label)\(d.isInferred ? " [I]" : "") — levels below are what the grants would give; runtime access is None")
        }
        let header = ["TABLE"] + TableOperation.allCases.map { $0.label.uppercased() }
        var lines = [header]
        for (t, answers) in rows {
            lines.append([readable(t.logicalName)] + answers.map { $0.grantedLevel == .none ? "-" : $0.grantedLevel.shortLabel })
        }
        var widths = Array(repeating: 0, count: header.count)
        for l in lines { for (i, c) in l.enumerated() { widths[i] = max(widths[i], c.count) } }
        for l in lines {
            print(l.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
        }
        if rows.isEmpty { print("(no table access)") }
        // Notes about the user or the environment are said once, not under every cell, and
        // without --explain too: the levels above follow them (found by a domain review: access
        // mode Support User, read as Read-Write [I], said so only with --explain).
        var general: [AccessNote] = []
        for (_, answers) in rows {
            for n in answers.flatMap(\.notes) where n.isAboutTheUserOrEnvironment && !general.contains(n) { general.append(n) }
        }
        for n in general { print("note: \(readable(env.describe(n)))") }
        if explain {
            for (t, answers) in rows {
                // Only cells some grant names: a note on a cell nothing grants says nothing new.
                for a in answers where !a.grants.isEmpty {
                    print("\n\(readable(t.logicalName)) \(a.operation.label): \(a.grantedLevel.label)\(a.isDormant ? " (dormant)" : "")")
                    // `*` marks the deciding grant; none decides when a rule (access mode Read)
                    // keeps the grants from applying.
                    for (i, g) in a.grants.enumerated() {
                        print(
                            "  \(i == 0 && a.grantsApply ? "*" : " ") \(g.level.label.padding(toLength: 28, withPad: " ", startingAt: 0)) \(readable(env.describe(g.path))); scope: \(readable(env.describeScope(g)))"
                        )
                    }
                    for n in a.notes where !n.isAboutTheUserOrEnvironment { print("    note: \(readable(env.describe(n)))") }
                }
            }
            if !columns.isEmpty {
                print("\nSecured columns (profiles combine as a union [I]):")
                for ref in columns {
                    let answers = ColumnPermissionKind.allCases.map { env.columnAccessOnRecords(of: context, column: ref, kind: $0) }
                    let parts = answers.map { columnWords($0, env, dormancy) }
                    // Every profile that allows something, with what it allows (a profile giving
                    // Create and Update without Read is still why the user can update the column).
                    var sources: [String] = []
                    var allows: [String: [String]] = [:]
                    for a in answers {
                        for g in a.grants {
                            let name = env.fieldSecurityProfiles[g.profileId]?.name ?? g.profileId
                            let source =
                                switch g.via {
                                case .direct: "profile \(name) (direct)"
                                case .team(let t):
                                    "profile \(name) through team \(env.teams[t]?.name ?? t)"
                                        + (env.disabledTeamUnitWords(t).map { " [\($0)]" } ?? "")
                                }
                            if allows[source] == nil { sources.append(source) }
                            // Read unmasked with how far this profile lets it go.
                            let scope =
                                a.kind == .readUnmasked
                                ? (env.fieldSecurityProfiles[g.profileId]?.permission(on: ref)?.canReadUnmasked).map {
                                    " (\($0.label.lowercased()))"
                                } ?? "" : ""
                            allows[source, default: []].append(a.kind.label + scope)
                        }
                    }
                    var why = sources.map { source -> String in
                        let kinds = allows[source] ?? []
                        return kinds.count == answers.count ? source : "\(source): \(kinds.joined(separator: ", "))"
                    }
                    if answers.contains(where: { $0.systemAdministrator != nil }) { why.insert("System Administrator", at: 0) }
                    print(
                        "  \(readable(ref.description)): \(parts.joined(separator: ", "))\(why.isEmpty ? "" : " — " + readable(why.joined(separator: "; ")))"
                    )
                }
            }
        } else if !columns.isEmpty {
            // Without --explain too: what the user may do with secured columns, without the
            // profiles behind it (found by a docs review: a profile member saw nothing of it).
            // Columns that allow nothing are counted, not listed, unless one table is asked for.
            var allowing: [String] = []
            var none = 0
            for ref in columns {
                let answers = ColumnPermissionKind.allCases.map { env.columnAccessOnRecords(of: context, column: ref, kind: $0) }
                if table == nil && !answers.contains(where: \.grantedAllowed) {
                    none += 1
                    continue
                }
                allowing.append("  \(readable(ref.description)): \(answers.map { columnWords($0, env, dormancy) }.joined(separator: ", "))")
            }
            print("\nSecured columns (profiles combine as a union [I]; --explain names them):")
            for line in allowing { print(line) }
            if none > 0 {
                print(
                    "  \(allowing.isEmpty ? "" : "and ")\(none) \(allowing.isEmpty ? "" : "more ")secured column\(none == 1 ? " allows" : "s allow") nothing"
                )
            }
        }
    }

    /// One column permission in words: Read unmasked with how far it goes (one record at a time,
    /// or all records); allowed without what it needs, "not usable" and why, as who-can says; a
    /// dormant user's grants are what they would give, as the table lines say (found by a domain
    /// review: "Read yes" without it).
    func columnWords(_ a: ColumnAccessAnswer, _ env: Environment, _ dormancy: [Dormancy]) -> String {
        let dormant = dormancy.isEmpty ? "" : " (dormant)"
        return a.notUsableWords.map { "\(a.kind.label) not usable [\($0)]" }
            ?? (a.kind == .readUnmasked && a.grantedAllowed
                ? "\(a.kind.label) \(env.unmaskedRead(a).label.lowercased())\(dormant)"
                : "\(a.kind.label) \(a.grantedAllowed ? "yes" + dormant : "no")")
    }

    /// What the answer does not cover: record sharing, hierarchy, ownership, and per-record column
    /// shares when secured columns are part of it.
    func notEvaluated(_ columns: [ColumnReference]) -> [NotEvaluated] {
        NotEvaluated.forTablePrivileges + (columns.isEmpty ? [] : [.perRecordColumnSharing])
    }
}
