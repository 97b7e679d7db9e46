import SecurityModel

/// Why a change of this session was skipped on "reload theirs and re-apply mine", in words.
///
/// The domain refuses a change whose target their file lacks with the target's id ("unknown
/// role '1748ef84-…'"): their file no longer knows the name. The names come from the snapshot as
/// it was before the reload (and, for a deletion of mine, from the change's inverse, which
/// re-creates what it deleted).
enum ReloadSkipReason {
    /// One thing a change names.
    enum Target: Hashable {
        case environment(String)
        case businessUnit(String)
        case user(String)
        case team(String)
        case role(String)
        case profile(String)
        case table(String)
        case column(ColumnReference)
    }

    /// "their file has no role Legacy Contract Viewer": the first thing `change` names that
    /// `theirs` does not have; nil when it has them all (the refusal is about something else).
    static func missing(_ change: Change, inverse: Change, mine: Snapshot, theirs: Snapshot) -> String? {
        guard let envId = change.environmentId else { return nil }
        let before = mine.environments[envId]
        guard let env = theirs.environments[envId] else {
            return "their file has no environment \(before?.name ?? envId)"
        }
        let created = createdNames(inverse)
        func name(_ id: String, _ known: String?) -> String { known ?? created[id] ?? id }
        for target in targets(of: change) {
            switch target {
            case .environment: continue
            case .businessUnit(let id) where env.businessUnits[id] == nil:
                return "their file has no business unit \(name(id, before?.businessUnits[id]?.name))"
            case .user(let id) where env.users[id] == nil:
                return "their file has no user \(name(id, before?.users[id]?.name))"
            case .team(let id) where env.teams[id] == nil:
                return "their file has no team \(name(id, before?.teams[id]?.name))"
            case .role(let id) where env.roles[id] == nil:
                return "their file has no role \(name(id, before?.roles[id]?.name))"
            case .profile(let id) where env.fieldSecurityProfiles[id] == nil:
                return "their file has no field security profile \(name(id, before?.fieldSecurityProfiles[id]?.name))"
            case .table(let t) where env.tables[t] == nil:
                return "their file has no table \(t)"
            case .column(let ref) where env.tables[ref.table] == nil:
                return "their file has no table \(ref.table)"
            case .column(let ref) where env.tables[ref.table]?.columns[ref.column] == nil:
                return "their file has no column \(ref.description)"
            default: continue
            }
        }
        return nil
    }

    /// What `change` names, the thing it acts on first.
    static func targets(of change: Change) -> [Target] {
        switch change {
        case .setPrivilege(_, let r, let t, _, _), .setPrivilegeRow(_, let r, let t, _): [.role(r), .table(t)]
        case .setMiscPrivilege(_, let r, _, _), .setMemberPrivilegeInheritance(_, let r, _), .renameRole(_, let r, _),
            .deleteRole(_, let r):
            [.role(r)]
        case .assignUserRole(_, let u, let r), .removeUserRole(_, let u, let r): [.user(u), .role(r)]
        case .assignTeamRole(_, let t, let r), .removeTeamRole(_, let t, let r): [.team(t), .role(r)]
        case .setUserRoleCopy(_, let u, let r, let b): [.user(u), .role(r)] + (b.map { [.businessUnit($0)] } ?? [])
        case .setTeamRoleCopy(_, let t, let r, let b): [.team(t), .role(r)] + (b.map { [.businessUnit($0)] } ?? [])
        case .addTeamMember(_, let t, let u), .removeTeamMember(_, let t, let u): [.team(t), .user(u)]
        case .setUserBusinessUnit(_, let u, let b): [.user(u), .businessUnit(b)]
        case .setUserDisabled(_, let u, _), .setUserAccessMode(_, let u, _): [.user(u)]
        case .setColumnPermission(_, let p, let c, _): [.profile(p), .column(c)]
        case .addProfileUser(_, let p, let u), .removeProfileUser(_, let p, let u): [.profile(p), .user(u)]
        case .addProfileTeam(_, let p, let t), .removeProfileTeam(_, let p, let t): [.profile(p), .team(t)]
        case .setColumnSecured(_, let c, _): [.column(c)]
        case .setEnvironmentSettings(let e, _): [.environment(e)]
        case .createRole(_, let role): [.businessUnit(role.businessUnitId)]
        case .createTeam(_, let team): [.businessUnit(team.businessUnitId)] + team.roleIds.sorted().map(Target.role)
        case .renameTeam(_, let t, _), .deleteTeam(_, let t): [.team(t)]
        case .createProfile: []
        case .renameProfile(_, let p, _), .deleteProfile(_, let p): [.profile(p)]
        case .createBusinessUnit(_, let unit): unit.parentId.map { [.businessUnit($0)] } ?? []
        case .renameBusinessUnit(_, let b, _), .deleteBusinessUnit(_, let b): [.businessUnit(b)]
        case .setBusinessUnitParent(_, let b, let parent): [.businessUnit(b), .businessUnit(parent)]
        case .compound(let parts): parts.flatMap(targets(of:))
        }
    }

    /// The names of what `inverse` creates: a deletion's inverse re-creates what it deleted.
    private static func createdNames(_ inverse: Change) -> [String: String] {
        switch inverse {
        case .createRole(_, let role): [role.id: role.name]
        case .createTeam(_, let team): [team.id: team.name]
        case .createProfile(_, let profile): [profile.id: profile.name]
        case .createBusinessUnit(_, let unit): [unit.id: unit.name]
        case .compound(let parts): parts.reduce(into: [:]) { $0.merge(createdNames($1)) { a, _ in a } }
        default: [:]
        }
    }
}
