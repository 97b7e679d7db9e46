import Foundation

/// Writes a ``Snapshot`` as deterministic JSON: keys sorted, entities sorted by id, sparse (absent
/// means none, false or empty), two-space indentation, one privilege row per line. The same model
/// always gives the same bytes, so a snapshot under git shows minimal diffs.
public enum SnapshotWriter {
    public static func data(for snapshot: Snapshot) -> Data {
        Data(bytes(for: snapshot))
    }

    /// The snapshot's bytes, without the extra copy `Data` would make (saving a 100,000-user
    /// snapshot holds one buffer, sized up front from the entity counts).
    public static func bytes(for snapshot: Snapshot) -> [UInt8] {
        var w = JSONTextWriter()
        var estimate = 1 << 16
        for env in snapshot.environments.values {
            estimate += env.users.count * 420 + env.teams.count * 600 + env.roles.count * 4_000 + env.tables.count * 1_000
            estimate += env.entraGroups.values.reduce(0) { $0 + $1.members.count * 90 }
        }
        w.bytes.reserveCapacity(estimate)
        write(snapshot, into: &w)
        return w.bytes
    }

    /// Writes the snapshot in chunks of about 1 MB to `sink` (saving streams to the file).
    public static func stream(_ snapshot: Snapshot, to sink: @escaping (UnsafeRawBufferPointer) -> Void) {
        var w = JSONTextWriter(sink: sink)
        write(snapshot, into: &w)
        w.drain()
    }

    static func write(_ snapshot: Snapshot, into w: inout JSONTextWriter) {
        w.object(0) { o in
            o.field("environments") { w in
                w.array(1, snapshot.environments.values.sorted { $0.id < $1.id }) { w, env in write(env, into: &w) }
            }
            o.field("format") { $0.string(Snapshot.formatName) }
            o.field("tenant") { $0.string(snapshot.tenant) }
            o.field("version") { $0.raw(String(snapshot.formatVersion)) }
        }
        w.bytes.append(0x0A)
    }

    // swiftlint:disable:next function_body_length
    static func write(_ env: Environment, into w: inout JSONTextWriter) {
        let s = env.settings
        w.object(2) { o in
            if s.adminMode { o.field("adminMode") { $0.raw("true") } }
            if s.auditingEnabled { o.field("auditing") { $0.raw("true") } }
            o.field("businessUnits") { w in
                w.array(3, env.businessUnits.values.sorted { $0.id < $1.id }) { w, bu in
                    w.object(4) { o in
                        if bu.isDisabled { o.field("disabled") { $0.raw("true") } }
                        o.field("id") { $0.string(bu.id) }
                        o.field("name") { $0.string(bu.name) }
                        if let p = bu.parentId { o.field("parent") { $0.string(p) } }
                    }
                }
            }
            if !env.entraGroups.isEmpty {
                o.field("entraGroups") { w in
                    w.array(3, env.entraGroups.values.sorted { $0.id < $1.id }) { w, g in
                        w.object(4) { o in
                            o.field("id") { $0.string(g.id) }
                            o.field("members") { w in
                                w.array(5, g.members.sorted { $0.key < $1.key }) { w, m in
                                    w.inlineObject { o in
                                        if m.value.isOwner { o.field("owner") { $0.raw("true") } }
                                        o.field("type") { $0.string(m.value.isGuest ? "guest" : "member") }
                                        o.field("user") { $0.string(m.key) }
                                    }
                                }
                            }
                            o.field("name") { $0.string(g.name) }
                        }
                    }
                }
            }
            if !env.fieldSecurityProfiles.isEmpty {
                o.field("fieldSecurityProfiles") { w in
                    w.array(3, env.fieldSecurityProfiles.values.sorted { $0.id < $1.id }) { w, p in
                        w.object(4) { o in
                            if let d = p.description { o.field("description") { $0.string(d) } }
                            o.field("id") { $0.string(p.id) }
                            o.field("name") { $0.string(p.name) }
                            if !p.permissions.isEmpty {
                                o.field("permissions") { w in
                                    w.array(5, p.permissions.sorted { $0.key < $1.key }) { w, entry in
                                        w.inlineObject { o in
                                            o.field("column") { $0.string(entry.key.column) }
                                            if entry.value.canCreate { o.field("create") { $0.raw("true") } }
                                            if entry.value.canRead { o.field("read") { $0.raw("true") } }
                                            if entry.value.canReadUnmasked != .notAllowed {
                                                o.field("readUnmasked") { $0.string(entry.value.canReadUnmasked.snapshotName) }
                                            }
                                            o.field("table") { $0.string(entry.key.table) }
                                            if entry.value.canUpdate { o.field("update") { $0.raw("true") } }
                                        }
                                    }
                                }
                            }
                            if !p.teamIds.isEmpty { o.field("teams") { $0.stringArray(5, p.teamIds.sorted()) } }
                            if !p.userIds.isEmpty { o.field("users") { $0.stringArray(5, p.userIds.sorted()) } }
                        }
                    }
                }
            }
            o.field("id") { $0.string(env.id) }
            if s.modernizedBusinessUnits { o.field("modernizedBusinessUnits") { $0.raw("true") } }
            o.field("name") { $0.string(s.name) }
            if !s.region.isEmpty { o.field("region") { $0.string(s.region) } }
            o.field("roles") { w in
                w.array(3, env.roles.values.sorted { $0.id < $1.id }) { w, r in writeRole(r, into: &w) }
            }
            if let g = s.securityGroupId { o.field("securityGroup") { $0.string(g) } }
            o.field("tables") { w in
                w.array(3, env.tables.values.sorted { $0.logicalName < $1.logicalName }) { w, t in
                    w.object(4) { o in
                        if !t.columns.isEmpty {
                            o.field("columns") { w in
                                w.array(5, t.columns.values.sorted { $0.logicalName < $1.logicalName }) { w, c in
                                    w.inlineObject { o in
                                        if !c.displayName.isEmpty && c.displayName != c.logicalName {
                                            o.field("displayName") { $0.string(c.displayName) }
                                        }
                                        o.field("logicalName") { $0.string(c.logicalName) }
                                        if c.isSecured { o.field("secured") { $0.raw("true") } }
                                    }
                                }
                            }
                        }
                        if t.isCustom { o.field("custom") { $0.raw("true") } }
                        if !t.displayName.isEmpty && t.displayName != t.logicalName { o.field("displayName") { $0.string(t.displayName) } }
                        o.field("logicalName") { $0.string(t.logicalName) }
                        o.field("ownership") { $0.string(t.ownership.snapshotName) }
                        if t.schemaName != t.logicalName { o.field("schemaName") { $0.string(t.schemaName) } }
                    }
                }
            }
            o.field("teams") { w in
                w.array(3, env.teams.values.sorted { $0.id < $1.id }) { w, t in
                    w.object(4) { o in
                        o.field("businessUnit") { $0.string(t.businessUnitId) }
                        if t.isDefault { o.field("default") { $0.raw("true") } }
                        if let g = t.entraGroupId { o.field("entraGroup") { $0.string(g) } }
                        o.field("id") { $0.string(t.id) }
                        if !t.memberIds.isEmpty { o.field("members") { $0.stringArray(5, t.memberIds.sorted()) } }
                        if let m = t.membershipType { o.field("membershipType") { $0.string(m.snapshotName) } }
                        o.field("name") { $0.string(t.name) }
                        if !t.roleBusinessUnitIds.isEmpty { o.field("roleBusinessUnits") { $0.stringMap(5, t.roleBusinessUnitIds) } }
                        if !t.roleIds.isEmpty { o.field("roles") { $0.stringArray(5, t.roleIds.sorted()) } }
                        o.field("type") { $0.string(t.type.snapshotName) }
                    }
                }
            }
            o.field("type") { $0.string(s.type.rawValue) }
            o.field("users") { w in
                w.array(3, env.users.values.sorted { $0.id < $1.id }) { w, u in
                    w.object(4) { o in
                        if u.accessMode != .readWrite { o.field("accessMode") { $0.string(u.accessMode.snapshotName) } }
                        if u.isApplicationUser { o.field("applicationUser") { $0.raw("true") } }
                        o.field("businessUnit") { $0.string(u.businessUnitId) }
                        if u.isDisabled { o.field("disabled") { $0.raw("true") } }
                        if !u.domainName.isEmpty { o.field("domainName") { $0.string(u.domainName) } }
                        o.field("id") { $0.string(u.id) }
                        if !u.isLicensed { o.field("licensed") { $0.raw("false") } }
                        if let m = u.managerId { o.field("manager") { $0.string(m) } }
                        o.field("name") { $0.string(u.name) }
                        if !u.roleBusinessUnitIds.isEmpty { o.field("roleBusinessUnits") { $0.stringMap(5, u.roleBusinessUnitIds) } }
                        if !u.roleIds.isEmpty { o.field("roles") { $0.stringArray(5, u.roleIds.sorted()) } }
                        if let t = u.title { o.field("title") { $0.string(t) } }
                    }
                }
            }
        }
    }

    static func writeRole(_ r: SecurityRole, into w: inout JSONTextWriter) {
        w.object(4) { o in
            if let a = r.appliesTo { o.field("appliesTo") { $0.string(a) } }
            if let a = r.isAutoAssigned { o.field("autoAssigned") { $0.raw(a ? "true" : "false") } }
            o.field("businessUnit") { $0.string(r.businessUnitId) }
            if let c = r.isCustomizable { o.field("customizable") { $0.raw(c ? "true" : "false") } }
            if let d = r.description { o.field("description") { $0.string(d) } }
            o.field("id") { $0.string(r.id) }
            if !r.inheritsMemberPrivileges { o.field("inheritsMemberPrivileges") { $0.raw("false") } }
            if !r.inheritsMemberPrivilegesKnown { o.field("inheritsMemberPrivilegesUnknown") { $0.raw("true") } }
            if r.isManaged { o.field("managed") { $0.raw("true") } }
            if !r.miscPrivileges.isEmpty { o.field("miscPrivileges") { $0.levelMap(5, r.miscPrivileges) } }
            o.field("name") { $0.string(r.name) }
            if !r.privileges.isEmpty {
                o.field("privileges") { w in
                    w.object(5) { o in
                        for (table, row) in r.privileges.sorted(by: { $0.key < $1.key }) where !row.isEmpty {
                            o.field(table) { w in
                                w.inlineObject { o in
                                    let ops = TableOperation.allCases.sorted { $0.snapshotName < $1.snapshotName }
                                    for op in ops where row[op] != .none {
                                        o.field(op.snapshotName) { $0.string(row[op].snapshotName) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if let s = r.summaryOfCoreTablePermissions { o.field("summaryOfCoreTablePermissions") { $0.string(s) } }
            if let t = r.templateId { o.field("template") { $0.string(t) } }
            if !r.unmappedPrivileges.isEmpty { o.field("unmappedPrivileges") { $0.levelMap(5, r.unmappedPrivileges) } }
        }
    }
}
