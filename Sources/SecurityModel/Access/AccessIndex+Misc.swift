/// Miscellaneous privileges (`prvExportToExcel`, `prvBulkDelete`, ...): not tied to a table, held
/// at the highest level any of the user's roles grants, like table privileges (DATAVERSE.md §2
/// rule 1). Roles held through an owner or group team count for their members whatever the
/// role's member privilege inheritance [I]: the privilege is not about records, so there is no
/// team ownership for it to be limited to. System Administrator holds every one at Organization:
/// each documented name (``MiscellaneousPrivilegeNames/known``) and any other a role names.
public struct MiscPrivilegeGrant: Hashable, Sendable {
    /// The privilege as the roles spell it (`prvExportToExcel`).
    public var name: String
    public var level: AccessLevel
    /// The role that grants it at that level (the first in holding order), and its team.
    public var roleId: String
    public var roleName: String
    public var teamId: String?
    public var teamName: String?
    public var isSystemAdministrator: Bool

    /// `role Seller`, `team Sales -> role Seller`.
    public var via: String {
        teamName.map { "team \($0) -> role \(roleName)" } ?? teamId.map { "team \($0) -> role \(roleName)" } ?? "role \(roleName)"
    }

    /// ``via`` with the names in quotes (``quotedName(_:)``), as a diff's access lines name
    /// paths: `role "Seller"`, `team "Sales" -> role "Seller"`.
    public var quotedVia: String {
        let role = "role " + quotedName(roleName)
        return (teamName ?? teamId).map { "team \(quotedName($0)) -> \(role)" } ?? role
    }

    /// ``quotedVia``, marked [I] when held through a team: that a team's role grants its
    /// miscellaneous privileges to the members is inferred (EffectiveAccessRules rule 13).
    /// `effective` and the diff's access lines name the grant so (a docs review found the diff
    /// without the [I] that `effective`, `report` and the console show).
    public var labelledVia: String { quotedVia + (teamId != nil ? " [I]" : "") }
}

/// The roles' miscellaneous privileges by role slot, with lower-cased keys, and every name seen.
struct MiscPrivilegeTable: Sendable {
    /// Per real role slot: (lower-cased key, name as written, level), levels above None only.
    let bySlot: [[(key: String, name: String, level: AccessLevel)]]
    /// Every privilege any role names, lower-cased key -> name as first written, sorted by key.
    let all: [(key: String, name: String)]
}

extension AccessIndex {
    private var miscTable: MiscPrivilegeTable {
        miscCache.value {
            let roles = (0..<realRoleCount).compactMap { environment.roles[roleIds[$0]] }
            return MiscPrivilegeTable(bySlot: roles.map(MiscPrivilegeRule.privileges(of:)), all: MiscPrivilegeRule.allNames(roles))
        }
    }

    /// The miscellaneous privileges a user's roles grant, by lower-cased name, ignoring dormancy
    /// (a disabled user keeps the grants but cannot use them: see ``Dormancy``).
    public func miscPrivileges(of user: User) -> [String: MiscPrivilegeGrant] {
        guard let slot = userSlots[user.id], Int(slot) < realUserCount else { return [:] }
        return miscPrivileges(of: denseUser(Int(slot)))
    }

    func miscPrivileges(of u: DenseUser) -> [String: MiscPrivilegeGrant] {
        let table = miscTable
        func held(_ h: DenseUser.Holding) -> MiscPrivilegeRule.Held {
            let team = Int(h.team)
            return MiscPrivilegeRule.Held(
                roleId: roleIds[Int(h.role)], roleName: slotRoleNames[Int(h.role)], teamId: team >= 0 ? teamIds[team] : nil,
                teamName: team >= 0 ? teamNames[team] : nil, privileges: table.bySlot[Int(h.role)])
        }
        let admin = u.adminRole >= 0 ? held(DenseUser.Holding(role: u.adminRole, team: u.adminTeam)) : nil
        return MiscPrivilegeRule.resolve(
            held: admin == nil ? u.holdings.map(held) : [], systemAdministrator: admin,
            allNames: table.all)
    }
}

extension User {
    /// Whether access mode Read keeps this user from using a miscellaneous privilege: the mode is
    /// read-only (DATAVERSE.md §2 rule 4 [I]), so a privilege that writes (its name starts with a
    /// writing verb: `prvBulkDelete`, `prvMerge`, `prvPublishDuplicateRule`, …) is granted but not
    /// effective [I]; one that reads, prints, exports or opens an app (`prvExportToExcel`,
    /// `prvPrint`, `prvAddressBook`, `prvGoMobile`) still works.
    public func readAccessModeBlocks(miscPrivilege name: String) -> Bool {
        accessMode == .read && MiscPrivilegeRule.writes(name)
    }
}

/// Rule 13 in one place, for the index (the diff, every touched user) and for one user
/// (``Environment/miscPrivileges(of:holdings:)``, the console): the highest level wins, the first
/// holding breaking ties; System Administrator holds every name at Organization.
enum MiscPrivilegeRule {
    /// The verbs that start the names of miscellaneous privileges that change data or settings.
    /// Besides the verbs, what a domain review found let through in access mode Read: changing
    /// the SQL encryption key (`prvChangeSqlEncryptionKey`), overriding Delete on quotes, orders
    /// and invoices (`prvQOIOverrideDelete`), impersonation (`prvActOnBehalfOfAnotherUser`: it
    /// acts, and writes, as someone else), and offline and Outlook synchronisation, which write
    /// back (`prvGoOffline`, `prvSyncToOutlook`).
    static let writingVerbs = [
        "activate", "actonbehalf", "append", "approve", "assign", "bulkdelete", "bulkedit", "cancel", "change", "close", "configure",
        "convert", "create", "customize", "deactivate", "delete", "disable", "documentgeneration", "edit", "enable", "gooffline",
        "import", "lock", "mailmerge", "manage", "merge", "override", "promote", "publish", "qoioverride", "reassign", "remove",
        "reopen", "reparent", "reset", "restore", "rollup", "send", "share", "sync", "unlock", "update", "webmailmerge",
        "workflowexecution", "write",
    ]

    /// Whether a privilege changes something: its name (case-insensitively, after `prv`) starts
    /// with a writing verb [I].
    static func writes(_ name: String) -> Bool {
        let n = name.lowercased()
        let verb = n.hasPrefix("prv") ? n.dropFirst(3) : Substring(n)
        return writingVerbs.contains { verb.hasPrefix($0) }
    }

    /// One held role: its names, its team, and its granted privileges (lower-cased key, name as
    /// written, level above None).
    struct Held {
        let roleId: String
        let roleName: String
        let teamId: String?
        let teamName: String?
        let privileges: [(key: String, name: String, level: AccessLevel)]
    }

    static func resolve(
        held: [Held], systemAdministrator: Held?, allNames: [(key: String, name: String)]
    )
        -> [String: MiscPrivilegeGrant]
    {
        func grant(_ name: String, _ level: AccessLevel, _ h: Held, admin: Bool) -> MiscPrivilegeGrant {
            MiscPrivilegeGrant(
                name: name, level: level, roleId: h.roleId, roleName: h.roleName, teamId: h.teamId,
                teamName: h.teamName, isSystemAdministrator: admin)
        }
        var out: [String: MiscPrivilegeGrant] = [:]
        if let admin = systemAdministrator {
            for p in allNames { out[p.key] = grant(p.name, .organization, admin, admin: true) }
            return out
        }
        for h in held {
            for p in h.privileges where p.level > (out[p.key]?.level ?? .none) { out[p.key] = grant(p.name, p.level, h, admin: false) }
        }
        return out
    }

    /// A role's granted privileges in ``Held`` form, by name.
    static func privileges(of role: SecurityRole) -> [(key: String, name: String, level: AccessLevel)] {
        role.miscPrivileges.filter { $0.value > .none }.sorted { $0.key < $1.key }.map {
            (key: $0.key.lowercased(), name: $0.key, level: $0.value)
        }
    }

    /// Every known name (``MiscellaneousPrivilegeNames/known``) and every name the roles grant,
    /// spelled as the first role (in `roles` order) writes it.
    static func allNames<S: Sequence>(_ roles: S) -> [(key: String, name: String)] where S.Element == SecurityRole {
        // Every privilege Dataverse has (DATAVERSE.md §1.4: "every privilege at Global"), not
        // only those another role in the snapshot happens to name.
        var names = Dictionary(uniqueKeysWithValues: MiscellaneousPrivilegeNames.known.map { ($0.lowercased(), $0) })
        for role in roles {
            for p in privileges(of: role) where names[p.key] == nil { names[p.key] = p.name }
        }
        return names.sorted { $0.key < $1.key }.map { (key: $0.key, name: $0.value) }
    }
}
