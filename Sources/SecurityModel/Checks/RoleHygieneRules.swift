/// GL2, GL3, GL4, GL7b and GL9: roles and users that won't work the way the admin expects.
extension CheckContext {
    /// The privilege forms need to load their scripts.
    static let readWebResource = "prvreadwebresource"

    /// GL2 decision: a role grants `prvReadWebResource` when it lists it as a miscellaneous or
    /// unmapped privilege (importers keep it there when the `webresource` table is not in the
    /// snapshot), or grants Read on the `webresource` table, or is System Administrator.
    static func grantsReadWebResource(_ role: SecurityRole) -> Bool {
        if role.isSystemAdministrator { return true }
        if role.miscPrivileges.contains(where: { $0.key.lowercased() == readWebResource && $0.value > .none }) { return true }
        if role.unmappedPrivileges.contains(where: { $0.key.lowercased() == readWebResource && $0.value > .none }) { return true }
        return role.level(.read, on: "webresource") > .none
    }

    /// GL2: a role without `prvReadWebResource`. A warning when at least one holder who can sign
    /// in (not dormant, not an application user) gets it from none of their roles (forms then
    /// fail for that user); info when those holders get it elsewhere, or no holder signs in to
    /// forms, or nobody holds the role yet. When a holder gets it only as a miscellaneous
    /// privilege of a team role without member privilege inheritance, the info rests on
    /// EffectiveAccessRules rule 13 [I]: the finding is marked inferred and names the team's role
    /// (a domain review found the severity decided by the [I] rule without saying so).
    func rolesWithoutReadWebResource() -> [Finding] {
        // Which users read web resources through any role they hold (directly or through a
        // team), decided once per user slot rather than once per holder of every role.
        let real = index.realRoleCount
        let roles = (0..<real).map { env.roles[index.roleIds[$0]] }
        let roleReads = roles.map { $0.map(CheckContext.grantsReadWebResource) ?? false }
        // Through a team, a role grants it for certain as System Administrator or as Read on the
        // (organization-owned) `webresource` table. A miscellaneous privilege held through a team
        // counts for its members by rule 13 [I], whatever the role's member privilege inheritance
        // (what DATAVERSE.md documents inheritance to give is the Basic grant on records), as
        // `effective` and the diff mark it.
        let teamRoleReadsForCertain = (0..<real).map { r in
            roleReads[r]
                && (index.slotIsSystemAdministrator[r]
                    || (roles[r].map { $0.level(.read, on: "webresource") > .none } ?? false))
        }
        func reads<S: Sequence<Int32>>(_ roles: S, _ granted: [Bool]) -> Bool { roles.contains { Int($0) < real && granted[Int($0)] } }
        let userReadsForCertain = (0..<index.realUserCount).map { u in
            reads(index.userRoles[u], roleReads) || index.userTeams[u].contains { reads(index.teamRoles[Int($0)], teamRoleReadsForCertain) }
        }
        let userReads = (0..<index.realUserCount).map { u in
            userReadsForCertain[u] || index.userTeams[u].contains { reads(index.teamRoles[Int($0)], roleReads) }
        }
        /// `team "T" -> role "R"` for each team role that gives user slot `u` the privilege only by rule 13.
        func inferredSources(_ u: Int) -> [String] {
            index.userTeams[u].flatMap { t in
                index.teamRoles[Int(t)].filter { Int($0) < real && roleReads[Int($0)] && !teamRoleReadsForCertain[Int($0)] }
                    .map { "team \(quotedName(index.teamNames[Int(t)])) -> role \(quotedName(index.slotRoleNames[Int($0)]))" }
            }
        }
        var out: [Finding] = []
        for role in env.sortedRoles where !CheckContext.grantsReadWebResource(role) {
            let holders = holderSlots(ofRole: role.id)
            // Application and non-interactive users (API only) never open forms; dormant users
            // (disabled, outside the security group, unlicensed) don't sign in. A user in access
            // mode Administrative signs in to Settings and Administration and opens their forms.
            func opensForms(_ u: Int) -> Bool {
                signsIn(slot: Int32(u)) && !index.userFlags[u].contains(.applicationUser) && index.userAccessModes[u] != .nonInteractive
            }
            let stranded = users(slots: holders) { opensForms($0) && !userReads[$0] }
            if stranded.isEmpty {
                let inferred = holders.map(Int.init).filter { opensForms($0) && !userReadsForCertain[$0] }
                let why: String
                var isInferred = false
                if holders.isEmpty {
                    why = "nobody holds it yet"
                } else if !holders.contains(where: { opensForms(Int($0)) }) {
                    why = "none of its holders signs in to forms: they are dormant, application or non-interactive users"
                } else if inferred.isEmpty {
                    why = "its holders who sign in get it from another role"
                } else {
                    isInferred = true
                    let names = users(slots: inferred.map(Int32.init)) { _ in true }.map(\.name)
                    let sources = Array(Set(inferred.flatMap(inferredSources))).sorted()
                    why =
                        "its holders who sign in get it from another role, \(CheckContext.quotedList(names)) only from "
                        + "\(CheckContext.list(sources)), \(sources.count == 1 ? "a team role" : "team roles") taken to grant "
                        + "\(sources.count == 1 ? "its" : "their") miscellaneous privileges to the team's members [I]"
                }
                var finding = Finding(
                    rule: .roleWithoutReadWebResource, severity: .info, place: place(role: role),
                    message: "Role \(quotedName(role.name)) lacks prvReadWebResource (\(why)); on its own it can't open forms.")
                finding.isInferred = isInferred
                out.append(finding)
            } else {
                out.append(
                    Finding(
                        rule: .roleWithoutReadWebResource, place: place(role: role),
                        message:
                            "Role \(quotedName(role.name)) lacks prvReadWebResource, and \(stranded.count) holder(s) who can sign in get it from no other role, so forms fail for them: \(CheckContext.quotedList(stranded.map(\.name)))."
                    ))
            }
        }
        return out
    }

    /// GL3: an enabled user with no role, directly or through a team. A warning for someone who
    /// can sign in (they see nothing); info, and said so, for one who can't (an application or
    /// non-interactive user, outside the security group, unlicensed: DATAVERSE.md §1.9, §2.4),
    /// which a review found told they "can sign in".
    func usersWithoutRole() -> [Finding] {
        var out: [Finding] = []
        for user in users(slots: { !anyRoleSlot($0) && !index.userFlags[$0].contains(.disabled) }) {
            if let s = index.userSlots[user.id], let why = whyNotSigningIn(slot: Int(s)) {
                let consequence =
                    why.hasPrefix("an application") || why.hasPrefix("a non-interactive")
                    ? "User \(quotedName(user.name)) is \(why) with no role, directly or through a team: its calls are refused."
                    : "User \(quotedName(user.name)) is enabled but holds no role, directly or through a team; they can't sign in (\(why)), so nothing is exposed yet."
                out.append(Finding(rule: .enabledUserWithoutRole, severity: .info, place: place(user: user), message: consequence))
            } else {
                out.append(
                    Finding(
                        rule: .enabledUserWithoutRole, place: place(user: user),
                        message:
                            "User \(quotedName(user.name)) is enabled but holds no role, directly or through a team: they can sign in and see nothing."
                    )
                )
            }
        }
        return out
    }

    /// GL4: a team role with member privilege inheritance off ("Team privileges only") whose
    /// members hold no direct role: they can use the team's records but can't own any.
    func teamRolesWithoutInheritance() -> [Finding] {
        var out: [Finding] = []
        for team in env.sortedTeams where team.type.holdsRoles && !team.roleIds.isEmpty {
            let roles = team.roleIds.compactMap { env.roles[$0] }
                .filter { !$0.inheritsMemberPrivileges && !$0.isSystemAdministrator }
                .sortedByName(\.name, id: \.id)
            guard !roles.isEmpty else { continue }
            // The team's members once, not once per role (a default team's are found among every
            // user). A member counts when no grant acts as them: no direct role, no team role with
            // member privilege inheritance, not System Administrator (DATAVERSE.md §2.2; a review
            // found members of another inheriting team, and administrators through a team,
            // reported); and only a member who can act at run time.
            let members = env.members(of: team).compactMap { id -> User? in
                guard let slot = index.userSlots[id], Int(slot) < index.realUserCount, isActive(slot: slot),
                    !actsAsSelf(slot: Int(slot))
                else { return nil }
                return env.users[id]
            }
            .sortedByName(\.name, id: \.id)
            guard !members.isEmpty else { continue }
            for role in roles {
                out.append(
                    Finding(
                        rule: .teamRoleWithoutInheritance, place: place(team: team, role: role),
                        message:
                            "Role \(quotedName(role.name)) on team \(quotedName(team.name)) is \"Team privileges only\", and \(counted(members.count, "member")) hold\(members.count == 1 ? "s" : "") no role acting as themselves (a direct role, or a team role with member privilege inheritance), so they can't own records (a record they create through the team's role is the team's to own): \(CheckContext.quotedList(members.map(\.name)))."
                    ))
            }
        }
        return out
    }

    /// GL7b: a custom role that nobody holds.
    func unassignedRoles() -> [Finding] {
        // Microsoft's own roles (a template id, or managed) are not the organisation's to delete.
        env.sortedRoles.filter { $0.builtIn == nil && $0.templateId == nil && !$0.isManaged && holderCount(ofRole: $0.id) == 0 }
            .map { role in
                Finding(
                    rule: .roleAssignedToNobody, place: place(role: role),
                    message: "Role \(quotedName(role.name)) is assigned to no user and no team with members.")
            }
    }

    /// Phrases in a description and the operations they rule out.
    static let contradictions: [(phrases: [String], forbidden: [TableOperation], meaning: String)] = [
        (
            ["read-only", "read only", "readonly", "view only", "view-only", "viewonly"],
            [.create, .write, .delete, .append, .appendTo, .assign, .share], "read-only"
        ),
        (["no delete", "cannot delete", "can't delete", "without delete", "no deletion"], [.delete], "no Delete"),
        (["no share", "cannot share", "can't share", "without share", "no sharing"], [.share], "no Share"),
    ]

    /// Whether lower-cased `text` says `phrase` as words of its own, not negated ("not
    /// read-only", "non read-only") and, for a phrase ending in "only", not restricting an
    /// object ("read only their own accounts" says which records, not that the role is
    /// read-only). A reviewer found both raising GL9 and failing the gate.
    static func says(_ text: String, _ phrase: String) -> Bool {
        let chars = Array(text)
        let wanted = Array(phrase)
        guard wanted.count <= chars.count else { return false }
        func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "'" || c == "’" }
        func words(_ s: ArraySlice<Character>) -> [String] {
            String(s).split(whereSeparator: { !isWordChar($0) }).map(String.init)
        }
        let negations: Set<String> = ["not", "non", "never", "isn't", "isn’t", "aren't", "aren’t", "no", "nor", "longer"]
        let objects: Set<String> = [
            "their", "his", "her", "its", "own", "the", "a", "an", "what", "records", "data", "those", "these", "them", "if", "when",
            "where", "some", "certain", "specific",
        ]
        var i = 0
        while i + wanted.count <= chars.count {
            defer { i += 1 }
            guard Array(chars[i..<(i + wanted.count)]) == wanted else { continue }
            let end = i + wanted.count
            // Whole words: no letter glued before or after ("unread only", "read-onlyness").
            if i > 0 && isWordChar(chars[i - 1]) { continue }
            if end < chars.count && isWordChar(chars[end]) { continue }
            // Negated by one of the two words before it ("not read-only", "no longer read-only"),
            // or glued by a hyphen ("non-read-only").
            let before = words(chars[max(0, i - 24)..<i]).suffix(2)
            if before.contains(where: negations.contains) { continue }
            if i >= 4 && String(chars[(i - 4)..<i]) == "non-" { continue }
            if phrase.hasSuffix(" only"), let next = words(chars[end..<min(chars.count, end + 24)]).first, objects.contains(next) {
                // ("read only." or "read only access" still say read-only.)
                if end < chars.count, chars[end] == " " { continue }
            }
            return true
        }
        return false
    }

    /// GL9: a role whose description or `SummaryOfCoreTablePermissions` contradicts its grants.
    /// One finding per role: a role described as read-only and as never sharing, which does both,
    /// gets one finding naming both contradictions (a place has one finding per rule).
    func contradictoryDescriptions() -> [Finding] {
        var out: [Finding] = []
        for role in env.sortedRoles where !role.isSystemAdministrator {
            let texts = [role.description, role.summaryOfCoreTablePermissions].compactMap { $0?.lowercased() }
            guard !texts.isEmpty else { continue }
            var contradictions: [String] = []
            for rule in CheckContext.contradictions {
                guard texts.contains(where: { t in rule.phrases.contains { CheckContext.says(t, $0) } }) else { continue }
                var grants: [String] = []
                for (table, row) in role.privileges.sorted(by: { $0.key < $1.key }) {
                    for op in rule.forbidden where row[op] > .none { grants.append("\(op.label) \(table) (\(row[op].label))") }
                }
                guard !grants.isEmpty else { continue }
                contradictions.append("\(rule.meaning) but grants \(CheckContext.list(grants))")
            }
            guard !contradictions.isEmpty else { continue }
            out.append(
                Finding(
                    rule: .descriptionContradictsGrants, place: place(role: role),
                    message: "Role \(quotedName(role.name)) is described as \(contradictions.joined(separator: "; and as "))."))
        }
        return out
    }
}
