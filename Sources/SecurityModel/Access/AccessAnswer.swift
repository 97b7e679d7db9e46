/// A user's effective access for one operation on one table, and why.
public struct AccessAnswer: Hashable, Sendable {
    public var userId: String
    public var table: String
    public var operation: TableOperation
    /// The level the user has at run time: `none` when dormant.
    public var level: AccessLevel
    /// The level the grants add up to, ignoring dormancy (what the user would have if enabled).
    public var grantedLevel: AccessLevel
    /// Every contributing grant, highest first; empty when no role grants the operation.
    public var grants: [Grant]
    /// Reasons the user has no runtime access; the grants are then dormant.
    public var dormancy: [Dormancy]
    public var notes: [AccessNote]
    public var notEvaluated: [NotEvaluated]

    /// The grant that decides the level (the first of the highest).
    public var winningGrant: Grant? { grants.first }
    public var isDormant: Bool { !dormancy.isEmpty }
    /// Whether the grants give the level they add up to. False when a rule other than dormancy
    /// sets them aside (access mode Read: only Read applies [I], said in ``notes``): then no
    /// grant wins, and ``grantedLevel`` is below the highest grant.
    public var grantsApply: Bool { grantedLevel >= (winningGrant?.level ?? .none) }
}

/// A user's effective access to one secured column for one permission kind.
public struct ColumnAccessAnswer: Hashable, Sendable {
    /// How a user holds a field security profile.
    public enum Via: Hashable, Sendable {
        case direct
        case team(String)
    }

    /// One profile membership that allows the permission.
    public struct ProfileGrant: Hashable, Sendable {
        public var profileId: String
        public var via: Via
    }

    public var userId: String
    public var column: ColumnReference
    public var kind: ColumnPermissionKind
    /// The column is secured; when it is not, everyone with table access has the column.
    public var isSecured: Bool
    /// Allowed at run time (false when dormant).
    public var allowed: Bool
    /// Allowed by the grants, ignoring dormancy.
    public var grantedAllowed: Bool
    /// System Administrator allows every secured column.
    public var systemAdministrator: GrantPath?
    public var grants: [ProfileGrant]
    public var dormancy: [Dormancy]
    /// For Read unmasked: how far it goes, the widest of the allowing profiles (All records for
    /// System Administrator); `nil` for the other permissions and when nothing allows it.
    public var unmaskedScope: UnmaskedRead? = nil
    /// Allowed by the grants, but the user's access mode Read keeps Create and Update from
    /// working [I] (``grantedAllowed`` is false then).
    public var blockedByReadAccessMode = false
    /// The user's granted level (ignoring dormancy) of the table operation the permission goes
    /// with (``ColumnPermissionKind/tableOperation``: Read for read and read unmasked, Create for
    /// create, Write for update); `nil` when not worked out. ``Environment/columnAccessOnRecords(of:column:kind:)``
    /// and who-can work it out.
    public var tableLevel: AccessLevel? = nil
    /// Profiles combine as a union [I].
    public var unionIsInferred: Bool { true }
    public var notEvaluated: [NotEvaluated]

    /// Column security allows it, but the user lacks the table operation it goes with
    /// (``tableLevel`` None): column security never grants record access (DATAVERSE.md §1.6), so
    /// there is no record to use it on. Who-can lists such a user without counting them.
    public var withoutTableOperation: Bool { isSecured && grantedAllowed && tableLevel == AccessLevel.none }

    /// Why a ``withoutTableOperation`` permission can't be used ("no Read on contact: no record
    /// to read it on"); `nil` otherwise.
    public var withoutTableOperationWords: String? {
        withoutTableOperation ? kind.withoutTableOperationWords(table: column.table) : nil
    }

    /// For Read unmasked: whether the grants (ignoring dormancy) allow Read on the column too;
    /// `nil` for the other permissions and when not worked out
    /// (``Environment/columnAccessOnRecords(of:column:kind:)`` works it out, as who-can does).
    public var columnReadAllowed: Bool? = nil

    /// Read unmasked allowed by the profiles without Read on the column: there is nothing to
    /// unmask [I]. Who-can lists such a user without counting them; `effective`, `report` and the
    /// console's column tab now say so too (a docs review found them saying "Read unmasked all
    /// records" where who-can said "not counted").
    public var withoutColumnRead: Bool { kind == .readUnmasked && isSecured && grantedAllowed && columnReadAllowed == false }

    /// Allowed by the grants, but of no use: no table operation to reach a record, or (Read
    /// unmasked) no Read on the column.
    public var isNotUsable: Bool { withoutTableOperation || withoutColumnRead }

    /// Why an ``isNotUsable`` permission can't be used; `nil` otherwise.
    public var notUsableWords: String? {
        withoutTableOperationWords ?? (withoutColumnRead ? ColumnPermissionKind.withoutColumnReadWords : nil)
    }
}

/// One table row of a user's effective-access matrix.
public struct EffectiveRow: Hashable, Sendable {
    public var table: String
    /// Runtime levels (none when dormant).
    public var levels: PrivilegeRow
    /// Levels the grants add up to, ignoring dormancy.
    public var grantedLevels: PrivilegeRow
}

extension Environment {
    /// How far a Read unmasked answer goes: the widest any of its profiles allows (`canreadunmasked`
    /// 1 One record, 3 All records), All records through System Administrator, Not allowed when
    /// the grants allow nothing (DATAVERSE.md §1.6).
    public func unmaskedRead(_ answer: ColumnAccessAnswer) -> UnmaskedRead {
        unmaskedScope(of: answer) ?? .notAllowed
    }
}
