import SecurityModel

/// The y/N question before a deletion, e.g. "Delete role Salesperson? 2 users and 1 team hold
/// it; they lose it."
///
/// What goes with the entity is read from the inverse `Snapshot.apply` returned for the delete
/// on a copy of the snapshot: the domain decides what a deletion removes, this only counts it.
enum DeletionDescription {
    static func question(for change: Change, inverse: Change, in env: Environment) -> DeletionQuestion {
        let parts: [Change] = if case .compound(let p) = inverse { p } else { [inverse] }
        var restoredUsers = 0
        var restoredTeams = 0
        var profileLinks = 0
        var teamsRecreated: [Team] = []
        for part in parts {
            switch part {
            case .assignUserRole: restoredUsers += 1
            case .assignTeamRole: restoredTeams += 1
            case .addProfileTeam: profileLinks += 1
            case .createTeam(_, let team): teamsRecreated.append(team)
            default: break
            }
        }
        let title: String
        let consequences: String
        switch change {
        case .deleteRole(_, let id):
            title = "Delete role \(Labels.role(id, env))?"
            consequences =
                restoredUsers + restoredTeams == 0
                ? "Nobody holds it."
                : "\(joined(counted(restoredUsers, "user"), counted(restoredTeams, "team"))) hold\(restoredUsers + restoredTeams == 1 ? "s" : "") it; they lose it."
        case .deleteTeam(_, let id):
            title = "Delete team \(Labels.teamWithKind(id, env))?"
            let team = teamsRecreated.first
            let members = team?.memberIds.count ?? 0
            let roles = team.map { $0.roleIds.compactMap { env.roles[$0]?.name }.sorted() } ?? []
            var held: [String] = []
            if !roles.isEmpty { held.append("\(roles.count == 1 ? "role" : "roles") \(roles.joined(separator: ", "))") }
            if profileLinks > 0 { held.append(counted(profileLinks, "field security profile")) }
            if members == 0 && held.isEmpty {
                consequences = "It has no explicit members, roles or profiles."
            } else if held.isEmpty {
                consequences =
                    members == 1
                    ? "Its 1 member loses their membership; it gives them no role or profile."
                    : "Its \(members) members lose their membership; it gives them no role or profile."
            } else {
                consequences =
                    "Its \(counted(members, "member")) lose\(members == 1 ? "s" : "") what it gives them: \(held.joined(separator: " and "))."
            }
        case .deleteProfile(_, let id):
            title = "Delete field security profile \(Labels.profile(id, env))?"
            if case .createProfile(_, let profile) = parts.first {
                let holders = profile.userIds.count + profile.teamIds.count
                consequences =
                    holders == 0
                    ? "Nobody is in it; it allows \(counted(profile.permissions.count, "column"))."
                    : "\(joined(counted(profile.userIds.count, "user"), counted(profile.teamIds.count, "team"))) lose\(holders == 1 ? "s" : "") its permissions on \(counted(profile.permissions.count, "column"))."
            } else {
                consequences = ""
            }
        case .deleteBusinessUnit(_, let id):
            title = "Delete business unit \(Labels.businessUnit(id, env))?"
            let teams = teamsRecreated.map(\.name)
            consequences =
                teams.isEmpty
                ? "Nothing else goes with it."
                : "Its default team \(teams.joined(separator: ", ")) goes with it"
                    + (profileLinks > 0 ? ", with its \(counted(profileLinks, "profile membership"))." : ".")
        default:
            title = "Delete?"
            consequences = ""
        }
        return DeletionQuestion(change: change, title: title, consequences: consequences)
    }

    /// "2 users and 1 team", dropping a part that is zero.
    private static func joined(_ a: String, _ b: String) -> String {
        [a, b].filter { !$0.hasPrefix("0 ") }.joined(separator: " and ")
    }
}
