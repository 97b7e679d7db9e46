/// Why a user has no runtime access although grants exist (DATAVERSE.md §2 rule 4;
/// EffectiveAccessRules rule 10).
public enum Dormancy: Hashable, Sendable {
    case disabled
    /// The user's business unit, or one above it, is disabled (named here): "All users and teams
    /// associated with the business unit or child business units won't be able to sign in"
    /// (Microsoft Learn, delete-business-unit).
    case businessUnitDisabled(String)
    case outsideSecurityGroup
    case unlicensed
    /// The environment is in admin mode and the user holds neither System Administrator nor System Customizer.
    case adminMode

    /// The reasons in the order they are listed, from what each one decides on: the one rule
    /// behind ``Environment/dormancy(of:holdings:)``, the index's contexts and its dense users.
    ///
    /// - Parameters:
    ///   - disablingBusinessUnit: the name of the disabled business unit the user's is, or is
    ///     under (``Environment/disablingBusinessUnit(of:)``).
    ///   - lacksNeededLicence: ``User/lacksNeededLicence``.
    ///   - shutOutByAdminMode: admin mode is on (where the environment type has it) and the user
    ///     holds neither System Administrator nor System Customizer.
    static func reasons(
        disabled: Bool, disablingBusinessUnit: String?, inSecurityGroup: Bool, lacksNeededLicence: Bool, shutOutByAdminMode: Bool
    ) -> [Dormancy] {
        var out: [Dormancy] = []
        if disabled { out.append(.disabled) }
        if let unit = disablingBusinessUnit { out.append(.businessUnitDisabled(unit)) }
        if !inSecurityGroup { out.append(.outsideSecurityGroup) }
        if lacksNeededLicence { out.append(.unlicensed) }
        if shutOutByAdminMode { out.append(.adminMode) }
        return out
    }

    /// The name JSON and CSV use: `disabled`, `businessUnitDisabled`, `outsideSecurityGroup`,
    /// `unlicensed`, `adminMode`.
    public var rawValue: String {
        switch self {
        case .disabled: "disabled"
        case .businessUnitDisabled: "businessUnitDisabled"
        case .outsideSecurityGroup: "outsideSecurityGroup"
        case .unlicensed: "unlicensed"
        case .adminMode: "adminMode"
        }
    }

    public var label: String {
        switch self {
        case .disabled: "user is disabled"
        case .businessUnitDisabled(let unit):
            "business unit \(unit) is disabled (its users and those of the units below it can't sign in)"
        case .outsideSecurityGroup: "user is not in the environment's security group"
        case .unlicensed: "user has no licence"
        case .adminMode: "environment is in admin mode (only System Administrators and System Customizers sign in)"
        }
    }

    /// Whether Dataverse documentation states this rule outright (`false` = inferred, marked [I]).
    public var isInferred: Bool {
        switch self {
        case .disabled, .unlicensed, .outsideSecurityGroup: true
        case .businessUnitDisabled, .adminMode: false
        }
    }

    /// A few words for lists, marked [I] when inferred: "disabled [I]", "admin mode".
    public var shortLabel: String {
        let words =
            switch self {
            case .disabled: "disabled"
            case .businessUnitDisabled(let unit): "business unit \(unit) disabled"
            case .outsideSecurityGroup: "outside the security group"
            case .unlicensed: "unlicensed"
            case .adminMode: "admin mode"
            }
        return isInferred ? words + " [I]" : words
    }

    /// Said of an unlicensed user who needs no licence (``User/needsLicence``), so is not dormant
    /// for it: an application user (EffectiveAccessRules rule 6, inferred) or a non-interactive
    /// user (stated: "Non-interactive users do not need a license", Microsoft Learn, create-users).
    /// `nil` for a licensed user and for one who needs a licence.
    public static func noLicenceNeeded(by user: User) -> String? {
        guard !user.isLicensed, !user.needsLicence else { return nil }
        if user.isApplicationUser { return "unlicensed, but an application user needs no licence: not dormant [I]" }
        return "unlicensed, but a non-interactive user needs no licence: not dormant"
    }

    /// Reasons as a list for people to read ("disabled [I], admin mode"); JSON and CSV keep the
    /// raw names.
    public static func words(_ reasons: [Dormancy]) -> String { reasons.map(\.shortLabel).joined(separator: ", ") }
}

extension Environment {
    /// The disabled business unit that keeps the users of `businessUnitId` from signing in: the
    /// unit itself when disabled, else the nearest disabled unit above it; `nil` when none is.
    /// Dataverse disables every unit below a disabled one, so an enabled unit under a disabled
    /// one (which a snapshot can hold, Dataverse never shows) counts as disabled [I].
    public func disablingBusinessUnit(of businessUnitId: String) -> BusinessUnit? {
        var next: String? = businessUnitId
        var seen: Set<String> = []
        // A cycle in a hand-written tree ends the walk.
        while let id = next, seen.insert(id).inserted, let unit = businessUnits[id] {
            if unit.isDisabled { return unit }
            next = unit.parentId
        }
        return nil
    }
}
