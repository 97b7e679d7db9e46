import ArgumentParser
import Foundation
import SecurityModel

/// `dvsec who-can FILE --table T --op O [--level L]`: the reverse query.
struct WhoCanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who-can",
        abstract: "List the users who can do an operation on a table at a minimum level (or read/update a secured column).")

    @Argument(help: "The snapshot file.") var file: String
    @Option(name: .shortAndLong, help: "Table (logical, schema or display name).") var table: String
    // Optional, with the defaults applied below: ArgumentParser prints an enum's raw value as its
    // default ("default: 1").
    @Option(
        name: [.customLong("op"), .customLong("operation")],
        help: "The operation (default: read).")
    var chosenOperation: TableOperation?
    @Option(name: [.customShort("l"), .customLong("level")], help: "The minimum level (default: basic).")
    var minimumLevel: AccessLevel?
    var operation: TableOperation { chosenOperation ?? .read }
    var level: AccessLevel { minimumLevel ?? .user }
    @Option(help: "A secured column: answer for column security instead (with --permission).") var column: String?
    @Option(help: "Column permission: read, create, update, readUnmasked.") var permission: String = "read"
    @Option(name: .shortAndLong, help: "Environment (id, name or type).") var environment: String?
    @Flag(help: "Also list dormant users (disabled, outside the security group, unlicensed, admin mode).") var includeDormant = false
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment)
        let t = try pickTable(env, table)
        let index = AccessIndex(environment: env)
        if let column {
            guard t.columns[column] != nil else { throw fail("no column '\(column)' in table \(t.logicalName)") }
            guard let kind = ColumnPermissionKind(rawValue: permission) else { throw fail("unknown permission '\(permission)'") }
            let entries = index.whoCan(column: ColumnReference(table: t.logicalName, column: column), kind: kind)
            let shown = entries.filter { includeDormant || $0.answer.dormancy.isEmpty }
            switch format {
            case .json:
                printJSON([
                    "table": t.logicalName, "column": column, "permission": kind.rawValue,
                    "users": shown.map { e -> [String: Any] in
                        var d = env.jsonObject(e.answer)
                        d["user"] = e.userId
                        d["userName"] = env.users[e.userId]?.name ?? ""
                        d["dormancy"] = e.answer.dormancy.map(\.rawValue)
                        return d
                    },
                ])
            case .text:
                print(
                    "\(shown.count) user\(shown.count == 1 ? "" : "s") can \(kind.label.lowercased()) \(t.logicalName).\(column)\(t.columns[column]?.isSecured == true ? "" : " (not secured: everyone with table access)")"
                )
                for e in shown {
                    let via =
                        e.answer.systemAdministrator != nil
                        ? "System Administrator"
                        : e.answer.grants.map { g in
                            "profile \(env.fieldSecurityProfiles[g.profileId]?.name ?? g.profileId)"
                                + {
                                    if case .team(let tid) = g.via { return " via team \(env.teams[tid]?.name ?? tid)" }
                                    return ""
                                }()
                        }.joined(separator: "; ")
                    print(
                        "  \(printable(env.users[e.userId]?.name ?? e.userId))\(e.answer.dormancy.isEmpty ? "" : " [dormant]"): \(printable(via))"
                    )
                }
            }
            return
        }
        let answer = index.whoCan(table: t.logicalName, operation: operation, minimumLevel: level)
        let entries = answer.users + (includeDormant ? answer.dormantUsers : [])
        switch format {
        case .json:
            printJSON([
                "table": t.logicalName, "operation": operation.snapshotName, "minimumLevel": answer.minimumLevel.snapshotName,
                "users": entries.map { e -> [String: Any] in
                    [
                        "user": e.userId, "userName": env.users[e.userId]?.name ?? "", "level": e.level.snapshotName,
                        "dormancy": e.dormancy.map(\.rawValue), "grants": e.grants.map { env.jsonObject($0) },
                    ]
                },
                "dormantUsers": answer.dormantUsers.count,
                "notEvaluated": answer.notEvaluated.map(\.label),
            ])
        case .text:
            print(
                "\(answer.users.count) user\(answer.users.count == 1 ? "" : "s") can \(operation.label) \(t.logicalName) at \(answer.minimumLevel.label) or above\(answer.dormantUsers.isEmpty ? "" : "; \(answer.dormantUsers.count) more \(answer.dormantUsers.count == 1 ? "is" : "are") dormant\(includeDormant ? "" : " (--include-dormant)")")"
            )
            for e in entries {
                let dormant = e.dormancy.isEmpty ? "" : " [dormant: \(e.dormancy.map(\.rawValue).joined(separator: ", "))]"
                print("  \(printable(env.users[e.userId]?.name ?? e.userId)) — \(e.level.label)\(dormant)")
                for g in e.grants { print("      \(g.level.shortLabel): \(printable(env.describe(g.path)))") }
            }
            print("Not evaluated: \(answer.notEvaluated.map(\.label).joined(separator: "; ")).")
        }
    }
}
