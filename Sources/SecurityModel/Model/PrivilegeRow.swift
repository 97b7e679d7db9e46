/// The eight access levels a role grants on one table, one per ``TableOperation``.
///
/// Stored as eight bytes so that the effective-access engine can take the maximum of many
/// rows with one vector instruction.
public struct PrivilegeRow: Hashable, Sendable {
    /// Raw levels indexed by `TableOperation.rawValue`.
    public var storage: SIMD8<UInt8>

    /// A row with every operation at `none`.
    public static let empty = PrivilegeRow(storage: SIMD8(repeating: 0))

    public init(storage: SIMD8<UInt8>) { self.storage = storage }

    /// A row with every operation at `level`.
    public init(all level: AccessLevel) { storage = SIMD8(repeating: level.rawValue) }

    /// A row from explicit levels; operations not named stay at `none`.
    public init(_ levels: [TableOperation: AccessLevel]) {
        storage = SIMD8(repeating: 0)
        for (op, level) in levels { storage[op.rawValue] = level.rawValue }
    }

    public subscript(operation: TableOperation) -> AccessLevel {
        get { AccessLevel(rawValue: storage[operation.rawValue]) ?? .none }
        set { storage[operation.rawValue] = newValue.rawValue }
    }

    /// One bit per operation (bit `rawValue`) whose level is not `none`.
    public var grantedMask: UInt8 {
        SIMD8<UInt8>(repeating: 0).replacing(with: SIMD8<UInt8>(1, 2, 4, 8, 16, 32, 64, 128), where: storage .!= 0).wrappedSum()
    }

    /// True when every operation is `none`.
    public var isEmpty: Bool { storage == SIMD8(repeating: 0) }

    /// The highest level per operation of the two rows.
    public func union(_ other: PrivilegeRow) -> PrivilegeRow {
        PrivilegeRow(storage: pointwiseMax(storage, other.storage))
    }

    /// The levels as (operation, level) pairs, skipping `none`.
    public var grantedOperations: [(TableOperation, AccessLevel)] {
        TableOperation.allCases.compactMap { op in
            let level = self[op]
            return level == .none ? nil : (op, level)
        }
    }
}
