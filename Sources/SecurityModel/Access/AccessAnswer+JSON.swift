/// JSON shapes of engine answers (`dvsec effective --format json`, `dvsec who-can --format json`).
/// One shape for the CLI and any tool that compares with it.
extension Environment {
    public func jsonObject(_ path: GrantPath) -> [String: Any] {
        // `roleId`/`teamId` repeat `role`/`team` under the names the miscellaneous privileges and
        // the diff use, so a script reads one name everywhere (keys are only added).
        switch path {
        case .direct(let r): return ["kind": "direct", "role": r, "roleId": r, "roleName": roles[r]?.name ?? r]
        case .team(let t, let r):
            return [
                "kind": "team", "team": t, "teamId": t, "teamName": teams[t]?.name ?? t, "role": r, "roleId": r,
                "roleName": roles[r]?.name ?? r,
            ]
        case .inherited(let t, let r):
            return [
                "kind": "inherited", "team": t, "teamId": t, "teamName": teams[t]?.name ?? t, "role": r, "roleId": r,
                "roleName": roles[r]?.name ?? r,
            ]
        }
    }

    public func jsonObject(_ grant: Grant) -> [String: Any] {
        var actsAs: Any = "user"
        if case .team(let t) = grant.actsAs { actsAs = ["team": t] }
        return [
            "level": grant.level.snapshotName, "scopeBusinessUnit": grant.scopeBusinessUnitId,
            "scopeBusinessUnitName": businessUnits[grant.scopeBusinessUnitId]?.name ?? "",
            "actsAs": actsAs, "path": jsonObject(grant.path), "description": describe(grant.path),
            "systemAdministrator": grant.isSystemAdministrator,
        ]
    }

    public func jsonObject(_ answer: AccessAnswer) -> [String: Any] {
        [
            "level": answer.level.snapshotName, "grantedLevel": answer.grantedLevel.snapshotName,
            "grants": answer.grants.map { jsonObject($0) }, "notes": answer.notes.map { describe($0) },
        ]
    }

    public func jsonObject(_ answer: ColumnAccessAnswer) -> [String: Any] {
        var d: [String: Any] = [
            "table": answer.column.table, "column": answer.column.column, "permission": answer.kind.rawValue,
            "secured": answer.isSecured, "allowed": answer.allowed, "grantedAllowed": answer.grantedAllowed,
            "profiles": answer.grants.map { g -> [String: Any] in
                var p: [String: Any] = ["profile": g.profileId, "profileName": fieldSecurityProfiles[g.profileId]?.name ?? g.profileId]
                switch g.via {
                case .direct: p["via"] = "direct"
                case .team(let t):
                    var via: [String: Any] = ["team": t, "teamName": teams[t]?.name ?? t]
                    if let note = disabledTeamUnitWords(t) { via["note"] = note }
                    p["via"] = via
                }
                return p
            },
        ]
        if let s = answer.systemAdministrator { d["systemAdministrator"] = jsonObject(s) }
        // How far Read unmasked goes: one-record or all-records (not-allowed when it is not granted).
        if answer.kind == .readUnmasked { d["unmaskedRead"] = unmaskedRead(answer).snapshotName }
        // The table operation's granted level, when worked out: "none" means no record to use
        // the column on (column security never grants record access).
        if let level = answer.tableLevel { d["tableLevel"] = level.snapshotName }
        // Read unmasked without Read on the column: nothing to unmask [I] (as who-can's entries say).
        if let read = answer.columnReadAllowed { d["columnReadAllowed"] = read }
        return d
    }
}
