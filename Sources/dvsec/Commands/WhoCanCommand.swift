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
    @Option(
        name: .customLong("permission"),
        help: "Column permission: read, create, update or readUnmasked (read-unmasked, unmasked); default read.")
    var chosenPermission: String?
    var permission: String { chosenPermission ?? "read" }
    @Option(name: .shortAndLong, help: "Environment (id, name, name prefix or type); default: production, else the first.")
    var environment: String?
    @Flag(help: "Also list dormant users (disabled, outside the security group, unlicensed, admin mode).") var includeDormant = false
    @Option(help: "Output format.") var format: OutputFormat = .text

    func validate() throws {
        if column == nil && chosenPermission != nil {
            throw ValidationError("--permission goes with --column: it is a column permission (for tables, use --op and --level)")
        }
        if column != nil && (chosenOperation != nil || minimumLevel != nil) {
            throw ValidationError("--op and --level are about table privileges: with --column, give --permission instead")
        }
    }

    func run() throws {
        let snapshot = try loadSnapshot(file)
        let env = try pickEnvironment(snapshot, environment, file: file)
        let t = try pickTable(env, table, file: file)
        let index = AccessIndex(environment: env)
        if let key = column {
            let column = try pickColumn(env, t, key, file: file).logicalName
            guard let kind = ColumnPermissionKind(name: permission) else {
                throw fail("unknown permission '\(permission)': read, create, update or readUnmasked")
            }
            // The domain's answer: active and dormant users apart, and for an unsecured column
            // nobody, with the table operation that decides instead.
            guard let answer = index.columnWhoCan(ColumnReference(table: t.logicalName, column: column), kind: kind) else {
                throw fail("no column '\(column)' in table \(t.logicalName)")
            }
            let shown = answer.users + (includeDormant ? answer.dormantUsers : [])
            switch format {
            case .json:
                printJSON([
                    "environment": ["id": env.id, "name": env.name], "table": t.logicalName, "column": column, "permission": kind.rawValue,
                    "secured": answer.isSecured,
                    "tableOperation": answer.tableOperation.snapshotName,
                    "users": shown.map { e -> [String: Any] in
                        var d = env.jsonObject(e.answer)
                        d["user"] = e.userId
                        d["userName"] = env.users[e.userId]?.name ?? ""
                        d["dormancy"] = e.answer.dormancy.map(\.rawValue)
                        // tableLevel comes with the answer: "none" means no record to use the column on.
                        // Read unmasked without Read on the column: nothing to unmask [I].
                        if let read = e.columnReadAllowed { d["columnReadAllowed"] = read }
                        if let reading = accessModeNote(env, e.userId) { d["notes"] = [reading] }
                        return d
                    },
                    "dormantUsers": answer.dormantUsers.count,
                    "readAccessModeUsers": answer.readAccessModeUsers.map { e -> [String: Any] in
                        ["user": e.userId, "userName": env.users[e.userId]?.name ?? ""]
                    },
                    "rules": answer.rules.map(\.label),
                    "notEvaluated": answer.notEvaluated.map(\.label),
                ])
            case .text:
                if !answer.isSecured {
                    print(
                        "\(readable(t.logicalName)).\(readable(column)) is not secured: column security does not restrict it; "
                            + "everyone who can \(answer.tableOperation.label) \(readable(t.logicalName)) can \(kind.label.lowercased()) it "
                            + "(dvsec who-can FILE --table \(readable(t.logicalName)) --op \(answer.tableOperation.snapshotName) lists them)."
                    )
                    return
                }
                let dormant = answer.dormantUsers.count
                let without = answer.usersWithoutTableOperation
                let unreadable = answer.usersWithoutColumnRead
                let readOnly = answer.readAccessModeUsers.count
                print(
                    "\(counted(answer.usersCounted, "user")) can \(kind.label.lowercased()) \(readable(t.logicalName)).\(readable(column)) in \(readable(env.name))"
                        + (without == 0
                            ? ""
                            : "; \(without) more \(without == 1 ? "holds" : "hold") it without \(answer.tableOperation.label) on the table")
                        + (unreadable == 0
                            ? ""
                            : "; \(unreadable) more \(unreadable == 1 ? "holds" : "hold") it without Read on the column (nothing to unmask [I])")
                        + (dormant == 0
                            ? ""
                            : "; \(dormant) more \(dormant == 1 ? "is" : "are") dormant\(includeDormant ? "" : " (--include-dormant)")")
                        + (readOnly == 0
                            ? ""
                            : "; \(readOnly) more \(readOnly == 1 ? "holds" : "hold") it in access mode Read [I], which keeps only Read"))
                for e in shown {
                    let via = env.describeColumnPaths(e.answer).joined(separator: "; ")
                    let tag = e.answer.dormancy.isEmpty ? "" : " [dormant: \(Dormancy.words(e.answer.dormancy))]"
                    let noRecords =
                        e.tableLevel == AccessLevel.none
                        ? " [\(readable(answer.withoutTableOperationWords))]"
                        : e.columnReadAllowed == false ? " [no Read on the column: nothing to unmask [I]]" : ""
                    // Read unmasked goes to one record at a time, or to all records.
                    let scope = kind == .readUnmasked ? " (\(env.unmaskedRead(e.answer).label.lowercased()))" : ""
                    let reading = accessModeNote(env, e.userId).map { " [\($0)]" } ?? ""
                    print("  \(readable(env.users[e.userId]?.name ?? e.userId))\(scope)\(tag)\(noRecords)\(reading): \(readable(via))")
                }
                if !answer.readAccessModeUsers.isEmpty {
                    let names = answer.readAccessModeUsers.map { readable(env.users[$0.userId]?.name ?? $0.userId) }
                    print("Access mode Read [I], not counted: \(names.joined(separator: ", ")).")
                }
                print("Rules: " + answer.rules.map(\.label).joined(separator: "; ") + ".")
                print("Not evaluated: \(answer.notEvaluated.map(\.label).joined(separator: "; ")).")
            }
            return
        }
        // Organization-owned tables have no Assign or Share privilege: nobody "can" is no answer.
        if let reason = t.missingPrivilegeReason(operation) { throw fail(reason) }
        let answer = index.whoCan(table: t.logicalName, operation: operation, minimumLevel: level)
        // An organization-owned table has Organization only: a lower minimum asks about it, and
        // says so (it said "at User or above" of a table no grant reaches at User).
        let lowest = t.ownership.grantableLevels(for: operation).first ?? answer.minimumLevel
        let asked = max(answer.minimumLevel, lowest)
        let onlyLevel = asked > answer.minimumLevel ? " (its only level: \(readable(t.logicalName)) is organization-owned)" : ""
        let entries = answer.users + (includeDormant ? answer.dormantUsers : [])
        switch format {
        case .json:
            printJSON([
                "environment": ["id": env.id, "name": env.name], "table": t.logicalName, "operation": operation.snapshotName,
                "minimumLevel": asked.snapshotName,
                "users": entries.map { e -> [String: Any] in
                    var d: [String: Any] = [
                        "user": e.userId, "userName": env.users[e.userId]?.name ?? "", "level": e.level.snapshotName,
                        "dormancy": e.dormancy.map(\.rawValue), "grants": e.grants.map { env.jsonObject($0) },
                    ]
                    // A dormant holder whose access mode Read would still keep them from it [I].
                    if e.heldInReadAccessMode { d["readAccessMode"] = true }
                    // Access mode Support User or Delegated Admin, read as Read-Write [I].
                    if let reading = accessModeNote(env, e.userId) { d["notes"] = [reading] }
                    return d
                },
                "dormantUsers": answer.dormantUsers.count,
                "readAccessModeUsers": answer.readAccessModeUsers.map { e -> [String: Any] in
                    ["user": e.userId, "userName": env.users[e.userId]?.name ?? "", "level": e.level.snapshotName]
                },
                "notes": env.settings.modernizedBusinessUnits ? [env.describe(AccessNote.modernizedBusinessUnits)] : [],
                "notEvaluated": answer.notEvaluated.map(\.label),
            ])
        case .text:
            // As the console: those who hold it but cannot use it (dormant, or access mode Read)
            // are counted, and listed with --include-dormant.
            var more: [String] = []
            let dormant = answer.dormantUsers.count
            let readOnly = answer.readAccessModeUsers.count
            if dormant > 0 { more.append("\(dormant) more \(dormant == 1 ? "is" : "are") dormant") }
            if readOnly > 0 { more.append("\(readOnly) more \(readOnly == 1 ? "holds" : "hold") it in access mode Read [I]") }
            print(
                "\(counted(answer.users.count, "user")) can \(operation.label) \(readable(t.logicalName)) at \(asked.label)\(asked == .organization ? onlyLevel : " or above") in \(readable(env.name))"
                    + (more.isEmpty ? "" : "; " + more.joined(separator: ", ") + (includeDormant ? "" : " (--include-dormant)")))
            for e in entries {
                let readMode = e.heldInReadAccessMode ? "; access mode Read [I], which keeps only Read" : ""
                let dormant = e.dormancy.isEmpty ? "" : " [dormant: \(Dormancy.words(e.dormancy))\(readMode)]"
                let reading = accessModeNote(env, e.userId).map { " [\($0)]" } ?? ""
                print("  \(readable(env.users[e.userId]?.name ?? e.userId)) — \(e.level.label)\(dormant)\(reading)")
                for g in e.grants {
                    print("      \(g.level.shortLabel): \(readable(env.describe(g.path))); \(readable(env.describeScope(g)))")
                }
            }
            if includeDormant && !answer.readAccessModeUsers.isEmpty {
                let names = answer.readAccessModeUsers.map { "\(readable(env.users[$0.userId]?.name ?? $0.userId)) (\($0.level.label))" }
                print(
                    "Access mode Read [I]: \(names.count) more \(names.count == 1 ? "user holds" : "users hold") it through roles "
                        + "but may only read: \(names.joined(separator: ", ")).")
            }
            if env.settings.modernizedBusinessUnits { print("Note: " + env.describe(AccessNote.modernizedBusinessUnits) + ".") }
            print("Not evaluated: \(answer.notEvaluated.map(\.label).joined(separator: "; ")).")
        }
    }
}

/// The note on a who-can row of a user whose access mode is read as Read-Write [I]; `nil` otherwise.
private func accessModeNote(_ env: Environment, _ userId: String) -> String? {
    env.users[userId].flatMap(AccessNote.accessModeReading).map(env.describe)
}
