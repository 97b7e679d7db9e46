import SecurityModel

/// How a grant reaches a user, in words: "Adele Vance → team Sales EU (Owner, BU Sales EU) →
/// role Seller (inherits) → User".
public enum GrantDescription {
    /// The path of a grant from the principal to the level. A team's own grants start at the
    /// team (`principal` nil): "team Sales EU → team Sales EU (Owner, …)" named it twice (found
    /// by a console review).
    public static func path(_ grant: Grant, principal: String?, env: Environment?) -> String {
        let role = env?.roles[grant.path.roleId]
        let roleName = role?.name ?? grant.path.roleId
        let level = grant.level.label
        let start = principal.map { $0 + " → " } ?? ""
        // The domain's words for what an inferred rule says of the route (a team of a disabled
        // unit, an assumed inheritance): ` [team's BU "Sales EU" is disabled: …]`, or `""`.
        let notes = env?.pathNotes(grant.path).map { " [\($0)]" } ?? ""
        switch grant.path {
        case .direct:
            return "\(start)role \(roleName) (direct) → \(level)"
        case .team(let teamId, _):
            let tail = role?.inheritsMemberPrivileges == false ? " (team privileges only)" : ""
            return "\(start)team \(Labels.teamWithKind(teamId, env)) → role \(roleName)\(tail) → \(level)" + notes
        case .inherited(let teamId, _):
            return "\(start)team \(Labels.teamWithKind(teamId, env)) → role \(roleName) (inherits) → \(level)" + notes
        }
    }

    /// What a grant's level reaches: "records of Sales EU", "own records", "every record".
    public static func scope(_ grant: Grant, env: Environment?) -> String {
        let bu = Labels.businessUnit(grant.scopeBusinessUnitId, env)
        switch grant.level {
        case .none: return "nothing"
        // The domain's words, as `effective --explain` prints them (DATAVERSE.md §2: a Basic grant
        // acting as the user reaches the records of the user's teams too): worded here, it had
        // left them out and could drift again.
        case .user: return Environment.describeBasicScope(grant) { Labels.team($0, env) }
        case .businessUnit: return "records of business unit \(bu)"
        case .parentChildBusinessUnits: return "records of \(bu) and the business units below it"
        case .organization: return "every record"
        }
    }

    /// A note as a sentence, with `[I]` for inferred rules.
    public static func note(_ note: AccessNote, env: Environment?) -> String {
        let text: String =
            switch note {
            case .readOnlyAccessMode: "Access mode Read: only the Read privilege applies"
            case .nonInteractiveAccessMode: "Access mode Non-interactive: API access only"
            case .accessModeReadAsReadWrite(let mode): "Access mode \(mode.label): no rule for it is known, read as Read-Write"
            case .organizationOwnedTable: "Organization-owned table: any level above None counts as Organization"
            // The parenthesis says how the role is held, as `effective --explain` does; it named
            // the role again ("System Administrator (System Administrator)"; found by a review).
            case .systemAdministrator(let role, let team):
                "\(Labels.role(role, env)) (\(team.map { "through team \(Labels.team($0, env))" } ?? "direct")) grants Organization on everything"
            case .modernizedBusinessUnits:
                "Modernized business units (record ownership across business units): Local and Deep refer to the business unit of "
                    + "the role's copy assigned; where the snapshot does not name it, a holder is read as holding their own unit's "
                    + "copy, or the role's own unit's when it has none there"
            case .teamPrivilegesOnly(let team, let role):
                "\(Labels.role(role, env)) through \(Labels.team(team, env)) is “Team privileges only”: it acts as the team (a Basic "
                    + "level covers only the team's records), and the member gets no Basic level of their own from it"
            }
        return note.isInferred ? "[I] " + text : text
    }
}
