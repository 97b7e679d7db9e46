extension Change {
    /// Whether ``rebased(from:onto:)`` can make this change other than itself: it sets a whole
    /// record (an environment's settings, a profile's permission on a column), of which the user
    /// changed some fields.
    public var setsAWholeRecord: Bool {
        switch self {
        case .setEnvironmentSettings, .setColumnPermission: true
        default: false
        }
    }

    /// The same edit made on top of another state of the snapshot: a change that sets a whole
    /// record (an environment's settings, a profile's permission on a column) sets only the fields
    /// it changed, read from `inverse` (what it replaced), over what `snapshot` holds now. Every
    /// other change is itself.
    ///
    /// Reverting an earlier edit re-makes the later ones over the reverted state: made verbatim,
    /// "auditing on → off" put back the administration mode an earlier edit had turned on, and
    /// "Read, Create" the Read an earlier edit had given, so the revert reverted nothing.
    public func rebased(from inverse: Change, onto snapshot: Snapshot) -> Change {
        switch (self, inverse) {
        case (.setEnvironmentSettings(let e, let new), .setEnvironmentSettings(_, let old)):
            guard let now = snapshot.environments[e]?.settings else { return self }
            return .setEnvironmentSettings(environment: e, settings: now.applying(from: old, to: new))
        case (.setColumnPermission(let e, let p, let c, let new), .setColumnPermission(_, _, _, let old)):
            guard let profile = snapshot.environments[e]?.fieldSecurityProfiles[p] else { return self }
            let merged = (profile.permissions[c] ?? ColumnPermission()).applying(
                from: old ?? ColumnPermission(), to: new ?? ColumnPermission())
            return .setColumnPermission(environment: e, profile: p, column: c, permission: merged == ColumnPermission() ? nil : merged)
        default:
            return self
        }
    }
}

extension EnvironmentSettings {
    /// These settings with the fields that differ between `old` and `new` set as in `new`.
    func applying(from old: EnvironmentSettings, to new: EnvironmentSettings) -> EnvironmentSettings {
        var out = self
        if old.name != new.name { out.name = new.name }
        if old.type != new.type { out.type = new.type }
        if old.region != new.region { out.region = new.region }
        if old.securityGroupId != new.securityGroupId { out.securityGroupId = new.securityGroupId }
        if old.adminMode != new.adminMode { out.adminMode = new.adminMode }
        if old.modernizedBusinessUnits != new.modernizedBusinessUnits { out.modernizedBusinessUnits = new.modernizedBusinessUnits }
        if old.auditingEnabled != new.auditingEnabled { out.auditingEnabled = new.auditingEnabled }
        return out
    }
}

extension ColumnPermission {
    /// This permission with the fields that differ between `old` and `new` set as in `new`.
    func applying(from old: ColumnPermission, to new: ColumnPermission) -> ColumnPermission {
        var out = self
        if old.canRead != new.canRead { out.canRead = new.canRead }
        if old.canCreate != new.canCreate { out.canCreate = new.canCreate }
        if old.canUpdate != new.canUpdate { out.canUpdate = new.canUpdate }
        if old.canReadUnmasked != new.canReadUnmasked { out.canReadUnmasked = new.canReadUnmasked }
        return out
    }
}
