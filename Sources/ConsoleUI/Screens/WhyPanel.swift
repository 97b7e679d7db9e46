import SecurityModel
import TerminalCore

/// "Why": every grant behind a cell with its path, the winner marked, dormancy, notes and what
/// was not evaluated. Everything comes from the domain's answer.
enum WhyPanel {
    static func block(_ why: WhyAnswer, env: Environment, width: Int, palette: Palette) -> TextBlock {
        var b = TextBlock()
        let g = palette.glyphs
        func levelPieces(_ level: AccessLevel) -> [(String, Style)] {
            [(g.accessLevel(Int(level.rawValue)) + " ", palette.level(Int(level.rawValue))), (level.label, palette[.normal])]
        }
        switch why {
        case .user(let answer):
            let name = Labels.user(answer.userId, env)
            b.add("Why: \(answer.operation.label) on \(answer.table)", palette[.title])
            // A `·` cell: the privilege does not exist, so no level, grant or note is about it.
            if let absent = absence(answer.operation, on: answer.table, env: env) {
                b.addWrapped(absent, palette[.normal], width: width)
                break
            }
            b.add([("Effective ", palette[.dim])] + levelPieces(answer.level))
            if answer.grantedLevel != answer.level {
                b.add(
                    [("Granted   ", palette[.dim])] + levelPieces(answer.grantedLevel) + [
                        ("  (not effective: dormant or read-only)", palette[.dim])
                    ])
            }
            // Set aside by a rule the domain names in its notes (access mode Read [I]): no winner.
            let setAside =
                answer.grantsApply
                ? nil
                : answer.notes.contains(.readOnlyAccessMode) ? "access mode Read [I]" : "see the notes"
            grants(
                answer.grants, principal: name, env: env, width: width, palette: palette, notApplied: setAside, into: &b)
            if !answer.dormancy.isEmpty {
                b.add("Dormant: the grants give no access at run time", palette[.warning])
                for d in answer.dormancy {
                    b.addWrapped(g.bullet + " " + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width, indent: 1)
                }
            }
            notes(answer.notes, env: env, width: width, palette: palette, into: &b)
            notEvaluated(answer.notEvaluated, width: width, palette: palette, into: &b)
        case .team(let answer):
            let name = "team " + Labels.team(answer.teamId, env)
            b.add("Why: \(answer.operation.label) on \(answer.table) for \(name)", palette[.title])
            if let absent = absence(answer.operation, on: answer.table, env: env) {
                b.addWrapped(absent, palette[.normal], width: width)
                break
            }
            b.add([("Level ", palette[.dim])] + levelPieces(answer.level))
            if !answer.holdsRoles { b.addWrapped("Access team: holds no roles, only record shares", palette[.dim], width: width) }
            // The team's grants come through the team: their paths start there.
            grants(answer.grants, principal: nil, env: env, width: width, palette: palette, into: &b)
            b.addWrapped(
                "Members also get their own roles; with inheritance, the team role's level as Basic [see a member's view]",
                palette[.dim], width: width)
            notes(answer.notes, env: env, width: width, palette: palette, into: &b)
            notEvaluated(answer.notEvaluated, width: width, palette: palette, into: &b)
        case .column(let answer):
            b.add("Why: \(answer.kind.label) on \(answer.column.description)", palette[.title])
            // Read unmasked goes to one record at a time or to all records: the domain says which.
            let scope = env.unmaskedRead(answer)
            let allowedWords = scope == .notAllowed ? "allowed" : unmaskedWords(scope)
            // Allowed by the profiles, but without the table operation (no record to use it on),
            // or Read unmasked without Read (nothing to unmask [I]).
            if let words = answer.notUsableWords {
                b.add([("Effective ", palette[.dim]), (g.crossMark + " not usable", palette[.warning])])
                let reach = scope == .notAllowed ? "" : " (" + unmaskedWords(scope) + ")"
                let why = answer.withoutTableOperation ? " (column security never grants record access)" : ""
                b.addWrapped("Allowed" + reach + ", but " + words + why, palette[.warning], width: width)
            } else {
                let allowed = answer.allowed ? (g.checkMark + " " + allowedWords) : (g.crossMark + " not allowed")
                b.add([("Effective ", palette[.dim]), (allowed, answer.allowed ? palette[.success] : palette[.error])])
            }
            if answer.grantedAllowed != answer.allowed {
                b.add("Granted but dormant" + (scope == .notAllowed ? "" : " (" + unmaskedWords(scope) + ")"), palette[.warning])
            }
            if answer.blockedByReadAccessMode {
                b.addWrapped(
                    "[I] Granted, but access mode Read keeps Create and Update from working", palette[.inferred], width: width)
            }
            if !answer.isSecured {
                b.addWrapped("The column is not secured: anyone with access to the table has it", palette[.dim], width: width)
            }
            if let admin = answer.systemAdministrator {
                let via = admin.teamId.map { " through team \(Labels.team($0, env))" } ?? " (direct)"
                b.addWrapped("\(g.bullet) System Administrator\(via): every secured column", palette[.normal], width: width, indent: 1)
            }
            if !answer.grants.isEmpty { b.add("Profiles that allow it", palette[.header]) }
            for grant in answer.grants {
                let via: String =
                    switch grant.via {
                    case .direct: "direct member"
                    case .team(let t): "through team \(Labels.team(t, env))" + ((env.disabledTeamUnitWords(t).map { " [\($0)]" } ?? ""))
                    }
                b.addWrapped("\(g.bullet) \(Labels.profile(grant.profileId, env)) (\(via))", palette[.normal], width: width, indent: 1)
            }
            if answer.isSecured && answer.grants.isEmpty && answer.systemAdministrator == nil {
                b.addWrapped("No profile of the user or the user's teams allows it", palette[.dim], width: width)
            }
            if answer.isSecured { b.add("[I] Profiles combine as a union", palette[.inferred]) }
            for d in answer.dormancy {
                b.addWrapped(g.bullet + " " + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width, indent: 1)
            }
            notEvaluated(answer.notEvaluated, width: width, palette: palette, into: &b)
        case .miscellaneous(let grant, let dormancy, let readOnlyBlocked):
            b.add("Why: \(grant.name)", palette[.title])
            let effective = dormancy.isEmpty && !readOnlyBlocked
            b.add(
                [(effective ? "Effective " : "Granted   ", palette[.dim])] + levelPieces(grant.level)
                    + (dormancy.isEmpty ? [] : [("  (not effective: dormant)", palette[.dim])])
                    + (dormancy.isEmpty && readOnlyBlocked ? [("  (not effective: access mode Read)", palette[.dim])] : []))
            b.add("Granted by (highest-level role)", palette[.header])
            b.addWrapped("\(g.arrowRight) role \(grant.roleName)", palette[.normal], width: width, indent: 1)
            if let teamId = grant.teamId {
                b.addWrapped("through team \(Labels.teamWithKind(teamId, env))", palette[.normal], width: width, indent: 4)
            } else {
                b.addWrapped("assigned to the user directly", palette[.dim], width: width, indent: 4)
            }
            if grant.isSystemAdministrator {
                b.addWrapped(
                    "System Administrator: holds every miscellaneous privilege (each documented one, and any other a role names) at Organization",
                    palette[.warning], width: width, indent: 1)
            }
            if grant.teamId != nil {
                b.addWrapped(
                    "[I] A role held through an owner or group team grants its miscellaneous privileges to every member, "
                        + "whatever its member privilege inheritance: they are not about records", palette[.inferred], width: width)
            }
            if readOnlyBlocked {
                b.addWrapped(
                    "[I] Access mode Read is read-only: a privilege that writes (its name starts with a writing verb: Create, Delete, BulkEdit, Merge, Publish…) does not work",
                    palette[.inferred], width: width)
            }
            if !dormancy.isEmpty {
                b.add("Dormant: the grants give no access at run time", palette[.warning])
                for d in dormancy {
                    b.addWrapped(g.bullet + " " + d.label + (d.isInferred ? " [I]" : ""), palette[.dormant], width: width, indent: 1)
                }
            }
        }
        return b
    }

    /// Read unmasked's reach in words: "one record at a time" (the form unmasks the record
    /// open in it), "all records".
    static func unmaskedWords(_ scope: UnmaskedRead) -> String {
        switch scope {
        case .notAllowed: "not allowed"
        case .oneRecord: "one record at a time"
        case .allRecords: "all records"
        }
    }

    /// The grants, the winner marked; `notApplied` (the rule's words) when none of them applies,
    /// and then none is marked.
    private static func grants(
        _ grants: [Grant], principal: String?, env: Environment, width: Int, palette: Palette,
        notApplied: String? = nil, into b: inout TextBlock
    ) {
        let g = palette.glyphs
        guard !grants.isEmpty else {
            b.addWrapped("No role grants this privilege", palette[.dim], width: width)
            return
        }
        if let notApplied {
            b.add("Grants, highest first (none applies)", palette[.header])
            for grant in grants {
                b.add([
                    ("  " + g.accessLevel(Int(grant.level.rawValue)) + " " + grant.level.label, palette[.dim]),
                    (grant.isSystemAdministrator ? "  System Administrator" : "", palette[.dim]),
                ])
                b.addWrapped(GrantDescription.path(grant, principal: principal, env: env), palette[.dim], width: width, indent: 4)
                b.addWrapped("(not applied: \(notApplied))", palette[.inferred], width: width, indent: 4)
            }
            return
        }
        b.add("Grants, highest first (\(g.arrowRight) wins)", palette[.header])
        for (i, grant) in grants.enumerated() {
            let marker = i == 0 ? g.arrowRight + " " : "  "
            b.add([
                (marker, palette[.title]), (g.accessLevel(Int(grant.level.rawValue)) + " ", palette.level(Int(grant.level.rawValue))),
                (grant.level.label, i == 0 ? palette[.title] : palette[.normal]),
                (grant.isSystemAdministrator ? "  System Administrator" : "", palette[.warning]),
            ])
            b.addWrapped(GrantDescription.path(grant, principal: principal, env: env), palette[.normal], width: width, indent: 4)
            b.addWrapped("reaches " + GrantDescription.scope(grant, env: env), palette[.dim], width: width, indent: 4)
        }
    }

    /// That `operation` does not exist on the table (the `·` cell): Assign and Share on an
    /// organization-owned table. The why then says only this: the notes on levels and access
    /// modes are about a privilege that exists.
    private static func absence(_ operation: TableOperation, on table: String, env: Environment) -> String? {
        guard let ownership = env.tables[table]?.ownership, !ownership.has(operation) else { return nil }
        return "\(operation.label) does not exist on organization-owned tables: no role can grant it"
    }

    private static func notes(_ notes: [AccessNote], env: Environment, width: Int, palette: Palette, into b: inout TextBlock) {
        guard !notes.isEmpty else { return }
        b.add("Notes", palette[.header])
        for note in notes {
            b.addWrapped(
                palette.glyphs.bullet + " " + GrantDescription.note(note, env: env),
                note.isInferred ? palette[.inferred] : palette[.normal],
                width: width, indent: 1)
        }
    }

    private static func notEvaluated(_ items: [NotEvaluated], width: Int, palette: Palette, into b: inout TextBlock) {
        guard !items.isEmpty else { return }
        b.add("Not evaluated", palette[.header])
        for item in items { b.addWrapped(palette.glyphs.bullet + " " + item.label, palette[.dim], width: width, indent: 1) }
    }
}
