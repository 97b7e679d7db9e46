/// Miscellaneous privileges (`prvExportToExcel`, `prvBulkDelete`, ...): not tied to a table, held
/// at the highest level any of the user's roles grants, like table privileges (DATAVERSE.md §2
/// rule 1). Roles held through an owner or group team count for their members whatever the
/// role's member privilege inheritance [I]: the privilege is not about records, so there is no
/// team ownership for it to be limited to. System Administrator holds every one the environment's
/// roles name, at Organization.
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
            var bySlot: [[(key: String, name: String, level: AccessLevel)]] = []
            var names: [String: String] = [:]
            for slot in 0..<realRoleCount {
                let role = environment.roles[roleIds[slot]]
                let granted = (role?.miscPrivileges ?? [:]).filter { $0.value > .none }.sorted { $0.key < $1.key }
                bySlot.append(granted.map { (key: $0.key.lowercased(), name: $0.key, level: $0.value) })
                for (name, _) in granted where names[name.lowercased()] == nil { names[name.lowercased()] = name }
            }
            return MiscPrivilegeTable(bySlot: bySlot, all: names.sorted { $0.key < $1.key }.map { (key: $0.key, name: $0.value) })
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
        var out: [String: MiscPrivilegeGrant] = [:]
        func grant(_ name: String, _ level: AccessLevel, _ h: DenseUser.Holding, admin: Bool) -> MiscPrivilegeGrant {
            let team = Int(h.team)
            return MiscPrivilegeGrant(
                name: name, level: level, roleId: roleIds[Int(h.role)], roleName: slotRoleNames[Int(h.role)],
                teamId: team >= 0 ? teamIds[team] : nil, teamName: team >= 0 ? teamNames[team] : nil,
                isSystemAdministrator: admin)
        }
        if u.adminRole >= 0 {
            let h = DenseUser.Holding(role: u.adminRole, team: u.adminTeam)
            for p in table.all { out[p.key] = grant(p.name, .organization, h, admin: true) }
            return out
        }
        for h in u.holdings {
            for p in table.bySlot[Int(h.role)] where p.level > (out[p.key]?.level ?? .none) {
                out[p.key] = grant(p.name, p.level, h, admin: false)
            }
        }
        return out
    }
}
