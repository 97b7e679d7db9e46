/// `accessmode` of a `systemuser`.
public enum AccessMode: Int, CaseIterable, Sendable, Hashable {
    case readWrite = 0
    case administrative = 1
    case read = 2
    case supportUser = 3
    case nonInteractive = 4
    case delegatedAdmin = 5

    /// The name used in snapshots.
    public var snapshotName: String {
        switch self {
        case .readWrite: "read-write"
        case .administrative: "administrative"
        case .read: "read"
        case .supportUser: "support-user"
        case .nonInteractive: "non-interactive"
        case .delegatedAdmin: "delegated-admin"
        }
    }

    /// The label Dataverse shows.
    public var label: String {
        switch self {
        case .readWrite: "Read-Write"
        case .administrative: "Administrative"
        case .read: "Read"
        case .supportUser: "Support User"
        case .nonInteractive: "Non-interactive"
        case .delegatedAdmin: "Delegated Admin"
        }
    }

    /// Access mode Read's rule in words, marked inferred (DATAVERSE.md §2 rule 4 [I]), as a note
    /// on the diff's access mode line to or from Read.
    public static let readOnlyRule = "access mode Read: only the Read privilege applies [I]"

    /// The inferred rule dvsec applies for this mode, in words with its [I]: Read keeps only the
    /// Read privilege; Support User and Delegated Admin, for which no rule is known, are read as
    /// Read-Write (DATAVERSE.md §1.2 lists them without one); `nil` for the other modes.
    public var inferredRule: String? {
        switch self {
        case .read: Self.readOnlyRule
        case .supportUser, .delegatedAdmin: "access mode \(label): no rule for it is known, read as Read-Write [I]"
        case .readWrite, .administrative, .nonInteractive: nil
        }
    }

    public init?(snapshotName: String) {
        guard let mode = AccessMode.allCases.first(where: { $0.snapshotName == snapshotName.lowercased() }) else {
            return nil
        }
        self = mode
    }
}

/// A user (`systemuser`) of one environment.
///
/// A value, like every model type, but its fields live in one shared box that is copied only when
/// a copy is changed: an organisation's users are copied into indexes, diffs and reports by the
/// hundred thousand, and a copy is one reference count instead of one per field.
public struct User: Hashable, Sendable, Identifiable {
    private final class Fields: @unchecked Sendable {
        // Mutated only through `User`'s setters, after `isKnownUniquelyReferenced` (copy on write).
        var id: String
        var name: String
        var domainName: String
        var businessUnitId: String
        var isDisabled: Bool
        var accessMode: AccessMode
        var isLicensed: Bool
        var isApplicationUser: Bool
        var managerId: String?
        var title: String?
        var roleIds: Set<String>
        var roleBusinessUnitIds: [String: String]

        init(
            id: String, name: String, domainName: String, businessUnitId: String, isDisabled: Bool, accessMode: AccessMode,
            isLicensed: Bool, isApplicationUser: Bool, managerId: String?, title: String?, roleIds: Set<String>,
            roleBusinessUnitIds: [String: String]
        ) {
            self.id = id
            self.name = name
            self.domainName = domainName
            self.businessUnitId = businessUnitId
            self.isDisabled = isDisabled
            self.accessMode = accessMode
            self.isLicensed = isLicensed
            self.isApplicationUser = isApplicationUser
            self.managerId = managerId
            self.title = title
            self.roleIds = roleIds
            self.roleBusinessUnitIds = roleBusinessUnitIds
        }

        func copy() -> Fields {
            Fields(
                id: id, name: name, domainName: domainName, businessUnitId: businessUnitId, isDisabled: isDisabled,
                accessMode: accessMode, isLicensed: isLicensed, isApplicationUser: isApplicationUser, managerId: managerId,
                title: title, roleIds: roleIds, roleBusinessUnitIds: roleBusinessUnitIds)
        }
    }

    private var fields: Fields

    /// The box, made this value's own before a change.
    private var unique: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&fields) { fields = fields.copy() }
            return fields
        }
    }

    public var id: String {
        get { fields.id }
        set { unique.id = newValue }
    }
    /// `fullname`.
    public var name: String {
        get { fields.name }
        set { unique.name = newValue }
    }
    /// `domainname`: the user principal name, e.g. `adele@contoso.com`.
    public var domainName: String {
        get { fields.domainName }
        set { unique.domainName = newValue }
    }
    /// `businessunitid`: every user is in exactly one business unit.
    public var businessUnitId: String {
        get { fields.businessUnitId }
        set { unique.businessUnitId = newValue }
    }
    /// `isdisabled`: the user can't sign in, but keeps roles, teams and records [I].
    public var isDisabled: Bool {
        get { fields.isDisabled }
        set { unique.isDisabled = newValue }
    }
    public var accessMode: AccessMode {
        get { fields.accessMode }
        set { unique.accessMode = newValue }
    }
    /// Whether the user holds a licence; without one there is no data access.
    public var isLicensed: Bool {
        get { fields.isLicensed }
        set { unique.isLicensed = newValue }
    }
    /// An application user (`applicationid` set): bypasses the environment security group.
    public var isApplicationUser: Bool {
        get { fields.isApplicationUser }
        set { unique.isApplicationUser = newValue }
    }
    /// Whether the user needs a licence to have runtime access. Application users need none
    /// [I]; non-interactive users need none ("Non-interactive users do not need a license",
    /// Microsoft Learn, create-users), nor do users in access mode Administrative (the same
    /// page: unlicensed administrators are put in that mode). The one rule every dormancy
    /// computation reads.
    public var needsLicence: Bool { !isApplicationUser && accessMode != .nonInteractive && accessMode != .administrative }
    /// Unlicensed, and needs a licence: dormant for it (EffectiveAccessRules rule 10).
    public var lacksNeededLicence: Bool { !isLicensed && needsLicence }
    /// `parentsystemuserid`: the manager in the manager hierarchy.
    public var managerId: String? {
        get { fields.managerId }
        set { unique.managerId = newValue }
    }
    /// `title`, shown for context only.
    public var title: String? {
        get { fields.title }
        set { unique.title = newValue }
    }
    /// Security roles assigned directly (`systemuserroles`).
    public var roleIds: Set<String> {
        get { fields.roleIds }
        _modify {
            // Changed in place: the set is not copied to insert one role.
            let box = unique
            yield &box.roleIds
            // A role no longer held takes its copy's unit with it.
            if !box.roleBusinessUnitIds.isEmpty {
                box.roleBusinessUnitIds = box.roleBusinessUnitIds.filter { box.roleIds.contains($0.key) }
            }
        }
    }
    /// Which business unit's copy of a role the user holds, where the snapshot says so (role id
    /// to business unit id; `roleBusinessUnits` in a snapshot). Only read with modernized
    /// business units, where a role can be assigned from any unit that has a copy; a role
    /// without an entry follows ``Environment/assignedCopyBusinessUnitId(of:principalBusinessUnitId:heldCopy:)``'s
    /// default **[I]**. Only roles in ``roleIds`` have an entry: setting one for a role not held
    /// does nothing.
    public var roleBusinessUnitIds: [String: String] {
        get { fields.roleBusinessUnitIds }
        set {
            let box = unique
            box.roleBusinessUnitIds = newValue.isEmpty ? newValue : newValue.filter { box.roleIds.contains($0.key) }
        }
    }

    public init(
        id: String, name: String, domainName: String = "", businessUnitId: String, isDisabled: Bool = false,
        accessMode: AccessMode = .readWrite, isLicensed: Bool = true, isApplicationUser: Bool = false,
        managerId: String? = nil, title: String? = nil, roleIds: Set<String> = [], roleBusinessUnitIds: [String: String] = [:]
    ) {
        fields = Fields(
            id: id, name: name, domainName: domainName, businessUnitId: businessUnitId, isDisabled: isDisabled,
            accessMode: accessMode, isLicensed: isLicensed, isApplicationUser: isApplicationUser, managerId: managerId,
            title: title, roleIds: roleIds, roleBusinessUnitIds: roleBusinessUnitIds.filter { roleIds.contains($0.key) })
    }

    public static func == (a: User, b: User) -> Bool {
        if a.fields === b.fields { return true }
        let x = a.fields
        let y = b.fields
        return x.id == y.id && x.name == y.name && x.domainName == y.domainName && x.businessUnitId == y.businessUnitId
            && x.isDisabled == y.isDisabled && x.accessMode == y.accessMode && x.isLicensed == y.isLicensed
            && x.isApplicationUser == y.isApplicationUser && x.managerId == y.managerId && x.title == y.title
            && x.roleIds == y.roleIds && x.roleBusinessUnitIds == y.roleBusinessUnitIds
    }

    public func hash(into hasher: inout Hasher) {
        let f = fields
        hasher.combine(f.id)
        hasher.combine(f.name)
        hasher.combine(f.domainName)
        hasher.combine(f.businessUnitId)
        hasher.combine(f.isDisabled)
        hasher.combine(f.accessMode)
        hasher.combine(f.isLicensed)
        hasher.combine(f.isApplicationUser)
        hasher.combine(f.managerId)
        hasher.combine(f.title)
        hasher.combine(f.roleIds)
        hasher.combine(f.roleBusinessUnitIds)
    }
}
