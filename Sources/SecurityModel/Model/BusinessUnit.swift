/// A business unit (`businessunit`): a node in the environment's tree of access boundaries.
///
/// Exactly one business unit per environment has no parent: the root, which cannot be deleted.
/// Each business unit has a system-managed default team holding all its users; dvsec models that
/// team as a ``Team`` with ``Team/isDefault`` set.
public struct BusinessUnit: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// `parentbusinessunitid`; `nil` only for the root business unit.
    public var parentId: String?
    public var isDisabled: Bool

    public init(id: String, name: String, parentId: String? = nil, isDisabled: Bool = false) {
        self.id = id
        self.name = name
        self.parentId = parentId
        self.isDisabled = isDisabled
    }
}
