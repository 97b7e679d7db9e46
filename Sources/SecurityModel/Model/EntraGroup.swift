/// One user's membership of an Entra group, as the Entra snapshot lists it.
public struct EntraGroupMember: Hashable, Sendable {
    /// `userType` Guest rather than Member.
    public var isGuest: Bool
    /// The user is an owner of the group.
    public var isOwner: Bool

    public init(isGuest: Bool = false, isOwner: Bool = false) {
        self.isGuest = isGuest
        self.isOwner = isOwner
    }
}

/// A Microsoft Entra group: a group team's source, or an environment's security group.
public struct EntraGroup: Hashable, Sendable, Identifiable {
    /// The Entra object id.
    public var id: String
    public var name: String
    /// Members by user id.
    public var members: [String: EntraGroupMember]

    public init(id: String, name: String, members: [String: EntraGroupMember] = [:]) {
        self.id = id
        self.name = name
        self.members = members
    }
}
