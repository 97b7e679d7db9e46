import SecurityModel

extension AppState {
    /// Enter or Space on an environment-settings row: toggle, pick or type a new value.
    mutating func activateSetting() -> [Effect] {
        guard let env = environment, let field = SettingsField(rawValue: settingsCursor) else { return [] }
        if isReadOnly {
            status = .error("read-only: \(readOnlyReason); nothing can be changed")
            return []
        }
        var settings = env.settings
        switch field {
        case .name:
            input = InputLine(purpose: .setting(.name), text: settings.name)
            return []
        case .region:
            input = InputLine(purpose: .setting(.region), text: settings.region)
            return []
        case .type:
            let items = EnvironmentType.allCases.map { PickerItem(.environmentType, $0.rawValue) }
            picker = PickerState(
                title: "Environment type", purpose: .environmentType, items: items,
                keys: EnvironmentType.allCases.map { $0.label.lowercased() })
            return []
        case .securityGroup:
            let groups = env.entraGroups.values.sortedByName(\.name, id: \.id)
            let items = [PickerItem(.none, "")] + groups.map { PickerItem(.entraGroup, $0.id) }
            // What each choice does to who can sign in, counted by the domain, before choosing.
            let (enabled, outside) = env.enabledUsersOutsideEachGroup()
            let current = settings.securityGroupId
            let details =
                ["anyone in the tenant" + (current == nil ? " · current" : "")]
                + groups.map { g in
                    let out = outside[g.id] ?? enabled
                    return "\(counted(g.members.count, "member")) · \(out)/\(enabled) left out"
                        + (g.id == current ? " · current" : "")
                }
            picker = PickerState(
                title: "Security group (n/m left out: enabled users outside it)", purpose: .securityGroup, items: items,
                keys: ["(none)"] + groups.map { $0.name.lowercased() }, details: details)
            picker?.cursor = items.firstIndex { $0.kind == .none ? current == nil : $0.id == current } ?? 0
            return []
        case .adminMode: settings.adminMode.toggle()
        case .modernizedBusinessUnits: settings.modernizedBusinessUnits.toggle()
        case .auditing: settings.auditingEnabled.toggle()
        }
        return applyEdit(.setEnvironmentSettings(environment: env.id, settings: settings))
    }

    /// Enter on the name or region line.
    mutating func applySettingText(_ field: SettingsField, _ text: String) -> [Effect] {
        guard let env = environment else { return [] }
        var settings = env.settings
        switch field {
        case .name: settings.name = RecordName.trimmed(text)
        case .region: settings.region = text
        default: return []
        }
        guard settings != env.settings else { return [] }
        return applyEdit(.setEnvironmentSettings(environment: env.id, settings: settings))
    }

    /// Space or Enter in the profile editor: flips the permission under the cursor
    /// (Read unmasked steps through Not allowed, One record, All records).
    mutating func togglePermission() -> [Effect] {
        guard let editor = profileEditor, let env = environment, let profile = env.fieldSecurityProfiles[editor.profileId],
            let row = editor.columns.selectedId, let ref = ColumnReference(rowId: row)
        else { return [] }
        var permission = profile.permissions[ref] ?? ColumnPermission()
        switch editor.permissionKind {
        case .read: permission.canRead.toggle()
        case .create: permission.canCreate.toggle()
        case .update: permission.canUpdate.toggle()
        case .readUnmasked:
            let all = UnmaskedRead.allCases
            permission.canReadUnmasked = all[((all.firstIndex(of: permission.canReadUnmasked) ?? 0) + 1) % all.count]
        }
        let empty = !permission.canRead && !permission.canCreate && !permission.canUpdate && permission.canReadUnmasked == .notAllowed
        return applyEdit(.setColumnPermission(environment: env.id, profile: profile.id, column: ref, permission: empty ? nil : permission))
    }

    /// `s` in the profile editor: secures or unsecures the column under the cursor.
    mutating func toggleColumnSecured() -> [Effect] {
        guard screen == .profileEditor, let env = environment, let row = profileEditor?.columns.selectedId,
            let ref = ColumnReference(rowId: row), let column = env.tables[ref.table]?.columns[ref.column]
        else {
            status = StatusMessage("Secure a column from a field security profile (Enter on a profile, then s)")
            return []
        }
        let change = Change.setColumnSecured(environment: env.id, column: ref, secured: !column.isSecured)
        // In production, who would newly read it is asked first, as an administrator grant is.
        if env.type == .production, let exposure = snapshot.columnExposure(of: change) {
            dialog = .confirmColumnExposure(ColumnExposureQuestion(change: change, exposure: exposure))
            return []
        }
        return applyEdit(change)
    }
}
