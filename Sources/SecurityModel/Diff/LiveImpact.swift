extension SnapshotDiff {
    /// The impact of pending changes: applies them to a copy, then compares the snapshot with the
    /// copy, looking only at the objects the changes (and their side effects) touch. For the
    /// console's pending-changes screen; throws when a change does not apply.
    public static func liveImpact(
        of changes: [Change], on snapshot: Snapshot,
        options: DiffOptions = DiffOptions(runChecks: false, matchByName: false)
    ) throws(ChangeError) -> SnapshotDiffResult {
        var edited = snapshot
        let inverse = try edited.apply(all: changes)
        var scopes: [String: DiffScope] = [:]
        // The inverse names every side effect (assignments a role deletion removed, ...).
        for change in changes + [inverse] { collect(change, into: &scopes) }
        var options = options
        options.matchByName = false
        var comparisons: [DiffResult] = []
        for (envId, scope) in scopes.sorted(by: { $0.key < $1.key }) where !options.isCancelled {
            guard let b = snapshot.environments[envId], let t = edited.environments[envId] else { continue }
            comparisons.append(compare(base: b, target: t, scope: scope, options: options))
        }
        return SnapshotDiffResult(comparisons: comparisons, unmatchedEnvironments: [])
    }

    /// Adds the objects a change refers to, per environment.
    static func collect(_ change: Change, into scopes: inout [String: DiffScope]) {
        if case .compound(let parts) = change {
            for p in parts { collect(p, into: &scopes) }
            return
        }
        guard let e = change.environmentId else { return }
        // Taken out and put back, so the sets are not shared with the dictionary while one id is
        // inserted (a copy per insert: deleting a role 97,000 users hold took 70 s).
        var s =
            scopes.removeValue(forKey: e)
            ?? DiffScope(
                settings: false, businessUnits: [], users: [], teams: [], roles: [], profiles: [],
                tables: [], entraGroups: [])
        switch change {
        case .setPrivilege(_, let r, _, _, _), .setPrivilegeRow(_, let r, _, _), .setMiscPrivilege(_, let r, _, _),
            .setMemberPrivilegeInheritance(_, let r, _), .renameRole(_, let r, _), .deleteRole(_, let r):
            s.roles?.insert(r)
        case .createRole(_, let role):
            s.roles?.insert(role.id)
        case .assignUserRole(_, let u, _), .removeUserRole(_, let u, _), .setUserBusinessUnit(_, let u, _),
            .setUserDisabled(_, let u, _), .setUserAccessMode(_, let u, _), .setUserRoleCopy(_, let u, _, _):
            s.users?.insert(u)
        case .assignTeamRole(_, let t, _), .removeTeamRole(_, let t, _), .setTeamRoleCopy(_, let t, _, _), .addTeamMember(_, let t, _),
            .removeTeamMember(_, let t, _), .renameTeam(_, let t, _), .deleteTeam(_, let t):
            s.teams?.insert(t)
        case .createTeam(_, let team):
            s.teams?.insert(team.id)
        case .setColumnPermission(_, let p, _, _), .addProfileUser(_, let p, _), .removeProfileUser(_, let p, _),
            .addProfileTeam(_, let p, _), .removeProfileTeam(_, let p, _), .renameProfile(_, let p, _), .deleteProfile(_, let p):
            s.profiles?.insert(p)
        case .createProfile(_, let profile):
            s.profiles?.insert(profile.id)
        case .setColumnSecured(_, let ref, _):
            s.tables?.insert(ref.table)
        case .setEnvironmentSettings:
            s.settings = true
        case .createBusinessUnit(_, let bu):
            s.businessUnits?.insert(bu.id)
        case .renameBusinessUnit(_, let b, _), .deleteBusinessUnit(_, let b), .setBusinessUnitParent(_, let b, _):
            s.businessUnits?.insert(b)
        case .compound:
            break
        }
        scopes[e] = s
    }
}
