extension Environment {
    /// How a grant reached the user, in words an admin reads, names quoted as every output
    /// quotes them (``quotedName(_:)``): `direct role "Salesperson"`,
    /// `team "Key Accounts EU" (Owner, BU "Sales EU") → role "Salesperson"`,
    /// `inherited from team "Key Accounts EU" → role "Salesperson" (member privilege inheritance)`.
    public func describe(_ path: GrantPath) -> String {
        let role = { (id: String) in "role \(quotedName(roles[id]?.name ?? id))" }
        let team = { (id: String) -> String in
            guard let t = teams[id] else { return "team \(quotedName(id))" }
            let bu = businessUnits[t.businessUnitId]?.name ?? t.businessUnitId
            return "team \(quotedName(t.name)) (\(t.isDefault ? "default team" : t.type.label), BU \(quotedName(bu)))"
        }
        switch path {
        case .direct(let r): return "direct \(role(r))"
        case .team(let t, let r): return "\(team(t)) → \(role(r))" + (disabledTeamUnitWords(t).map { " [\($0)]" } ?? "")
        case .inherited(let t, let r):
            return "inherited from \(team(t)) → \(role(r)) (member privilege inheritance) [Basic]"
                + (assumedInheritanceWords(r).map { " [\($0)]" } ?? "") + (disabledTeamUnitWords(t).map { " [\($0)]" } ?? "")
        }
    }

    /// For a role whose member privilege inheritance the file does not say (an import that
    /// could not tell): that the grant inherited through it rests on the default, on
    /// (DATAVERSE.md §3.1: absent is not 0; §1.4: roles made before May 2019 have 0, so the
    /// grant may not exist); `nil` when the file says. Said with every inherited grant (found by a
    /// domain review: `effective`, `who-can` and the diff used the default as a fact).
    public func assumedInheritanceWords(_ roleId: String) -> String? {
        guard let role = roles[roleId], !role.inheritsMemberPrivilegesKnown, !role.isSystemAdministrator else { return nil }
        return "member privilege inheritance not in the file: the default (on) assumed"
    }

    /// What a path's words add to it: the assumed inheritance of an inherited grant, and a team
    /// of a disabled business unit [I], joined; `nil` when neither applies.
    public func pathNotes(_ path: GrantPath) -> String? {
        var notes: [String] = []
        if case .inherited(_, let r) = path, let words = assumedInheritanceWords(r) { notes.append(words) }
        if let t = path.teamId, let words = disabledTeamUnitWords(t) { notes.append(words) }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    /// For a team whose business unit is disabled, or under a disabled one: that its members
    /// keep what its roles give, dvsec's own inferred rule (EffectiveAccessRules rule 10 [I]:
    /// the team does not sign in, its members do, from their own units). `team's BU "Sales EU"
    /// is disabled: members who sign in keep what it holds [I]` (the unit named is the disabled one,
    /// the team's own or one above it); `nil` for a
    /// team of an enabled unit. Said with every grant through such a team (found by a docs
    /// review: `effective`, `who-can` and `report` applied the rule without a word).
    public func disabledTeamUnitWords(_ teamId: String) -> String? {
        guard let team = teams[teamId], let unit = disablingBusinessUnit(of: team.businessUnitId) else { return nil }
        return "team's BU \(quotedName(unit.name)) is disabled: members who sign in keep what it holds [I]"
    }

    /// The scope of a grant in words: `own records`, `BU Sales EU`, `Europe and below`, `organization`.
    /// Names stay unquoted here, as in the diff's scope lines.
    public func describeScope(_ grant: Grant) -> String {
        let bu = businessUnits[grant.scopeBusinessUnitId]?.name ?? grant.scopeBusinessUnitId
        switch grant.level {
        case .none: return "none"
        case .user: return Self.describeBasicScope(grant) { teams[$0]?.name ?? $0 }
        case .businessUnit: return "records in BU \(bu)"
        case .parentChildBusinessUnits: return "records in BU \(bu) and below"
        case .organization: return "all records"
        }
    }

    /// What a Basic (User) grant reaches, in words: one wording for the CLI and the console's
    /// why panel, which had its own and left out the records of the user's teams (DATAVERSE.md §2).
    public static func describeBasicScope(_ grant: Grant, teamName: (String) -> String) -> String {
        if case .team(let t) = grant.actsAs { return "records owned by team \(teamName(t))" }
        return "own records and those of the user's teams"
    }

    /// A note in words, with `[I]` when the rule is inferred rather than documented.
    public func describe(_ note: AccessNote) -> String {
        let text: String
        switch note {
        case .readOnlyAccessMode: text = "access mode Read: only the Read privilege applies"
        case .nonInteractiveAccessMode: text = "access mode Non-interactive: API access only"
        case .accessModeReadAsReadWrite(let mode): text = "access mode \(mode.label): no rule for it is known, read as Read-Write"
        case .organizationOwnedTable: text = "organization-owned table: no Assign or Share; any level counts as Organization"
        case .systemAdministrator(let r, let t):
            text =
                "System Administrator (\(t.map { "through team \(quotedName(teams[$0]?.name ?? $0))" } ?? "direct")) grants every privilege at Organization: role \(quotedName(roles[r]?.name ?? r))"
        case .modernizedBusinessUnits:
            text =
                "modernized business units: Local/Deep refer to the business unit of the role's copy assigned; where the"
                + " snapshot does not name it (roleBusinessUnits), a holder is read as holding their own unit's copy, or the"
                + " role's own unit's when the role was made outside their unit and those above it"
        case .teamPrivilegesOnly(let t, let r):
            text =
                "role \(quotedName(roles[r]?.name ?? r)) is team-privileges-only: through team \(quotedName(teams[t]?.name ?? t)) it acts"
                + " as the team (a Basic level covers only the team's records), and the member gets no Basic level of their own from it"
        }
        return note.isInferred ? text + " [I]" : text
    }
}
