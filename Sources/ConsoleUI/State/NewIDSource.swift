import SecurityModel

/// Where the ids of created roles, teams, profiles and business units come from.
///
/// Ids are Dataverse-shaped lowercase GUIDs made with `DeterministicID` from a seed and a
/// counter kept in the state, so the reducer stays a pure function: the same state and action
/// always give the same id (tests pass a seed). The console starts with a random seed, so two
/// sessions do not hand out the same ids. The journal records the change with its id, so a
/// recovered session re-creates the same entity.
public struct NewIDSource: Hashable, Sendable {
    public var seed: UInt64
    /// How many ids were handed out.
    public var issued: Int

    public init(seed: UInt64 = .random(in: .min ... .max)) {
        self.seed = seed
        self.issued = 0
    }

    /// The next id not in `environment` (as any role, team, profile or business unit).
    public mutating func next(in environment: Environment?) -> String {
        while true {
            issued += 1
            let id = DeterministicID.guid("dvsec-new:\(seed):\(issued)")
            guard let env = environment else { return id }
            if env.roles[id] == nil && env.teams[id] == nil && env.fieldSecurityProfiles[id] == nil && env.businessUnits[id] == nil {
                return id
            }
        }
    }
}
