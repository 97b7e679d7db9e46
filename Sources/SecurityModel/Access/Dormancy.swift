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
    /// Access mode Administrative: the user "has access to the Settings and Administration
    /// features but has no access to any of the functionality" and "doesn't have access to
    /// customer data" (Microsoft Learn, create-users). The user signs in (see
    /// ``keepsUserFromSigningIn``), but no table or secured column is reached.
    case administrativeAccessMode

    /// The reasons in the order they are listed, from what each one decides on: the one rule
    /// behind ``Environment/dormancy(of:holdings:)``, the index's contexts and its dense users.
    ///
    /// - Parameters:
    ///   - disablingBusinessUnit: the name of the disabled business unit the user's is, or is
    ///     under (``Environment/disablingBusinessUnit(of:)``).
    ///   - lacksNeededLicence: ``User/lacksNeededLicence``.
    ///   - shutOutByAdminMode: admin mode is on (where the environment type has it) and the user
    ///     holds neither System Administrator nor System Customizer.
    ///   - accessMode: the user's; Administrative reaches no customer data.
    static func reasons(
        disabled: Bool, disablingBusinessUnit: String?, inSecurityGroup: Bool, lacksNeededLicence: Bool, shutOutByAdminMode: Bool,
        accessMode: AccessMode
    ) -> [Dormancy] {
        var out: [Dormancy] = []
        if disabled { out.append(.disabled) }
        if let unit = disablingBusinessUnit { out.append(.businessUnitDisabled(unit)) }
        if !inSecurityGroup { out.append(.outsideSecurityGroup) }
        if lacksNeededLicence { out.append(.unlicensed) }
        if shutOutByAdminMode { out.append(.adminMode) }
        if accessMode == .administrative { out.append(.administrativeAccessMode) }
        return out
    }

    /// The name JSON and CSV use: `disabled`, `businessUnitDisabled`, `outsideSecurityGroup`,
    /// `unlicensed`, `adminMode`, `administrativeAccessMode`.
    public var rawValue: String {
        switch self {
        case .disabled: "disabled"
        case .businessUnitDisabled: "businessUnitDisabled"
        case .outsideSecurityGroup: "outsideSecurityGroup"
        case .unlicensed: "unlicensed"
        case .adminMode: "adminMode"
        case .administrativeAccessMode: "administrativeAccessMode"
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
        case .administrativeAccessMode: "access mode Administrative: no access to customer data"
        }
    }

    /// Whether Dataverse documentation states this rule outright (`false` = inferred, marked [I]).
    public var isInferred: Bool {
        switch self {
        case .disabled, .unlicensed, .outsideSecurityGroup: true
        case .businessUnitDisabled, .adminMode, .administrativeAccessMode: false
        }
    }

    /// Whether the reason keeps the user from signing in at all: all but access mode
    /// Administrative, whose user signs in to Settings and Administration without customer data.
    public var keepsUserFromSigningIn: Bool { self != .administrativeAccessMode }

    /// The reasons that keep the user's miscellaneous privileges from working: those that keep
    /// the user from signing in. Access mode Administrative leaves them as they are
    /// (EffectiveAccessRules rule 13): whether each is a setting or reaches customer data is not
    /// known.
    public static func forMiscellaneousPrivileges(_ reasons: [Dormancy]) -> [Dormancy] { reasons.filter(\.keepsUserFromSigningIn) }

    /// A few words for lists, marked [I] when inferred: "disabled [I]", "admin mode".
    public var shortLabel: String {
        let words =
            switch self {
            case .disabled: "disabled"
            case .businessUnitDisabled(let unit): "business unit \(unit) disabled"
            case .outsideSecurityGroup: "outside the security group"
            case .unlicensed: "unlicensed"
            case .adminMode: "admin mode"
            case .administrativeAccessMode: "access mode Administrative"
            }
        return isInferred ? words + " [I]" : words
    }

    /// Said of an unlicensed user who needs no licence (``User/needsLicence``), so is not dormant
    /// for it: an application user (EffectiveAccessRules rule 6, inferred), a non-interactive
    /// user or one in access mode Administrative (stated: Microsoft Learn, create-users). `nil`
    /// for a licensed user and for one who needs a licence.
    public static func noLicenceNeeded(by user: User) -> String? {
        guard !user.isLicensed, !user.needsLicence else { return nil }
        if user.isApplicationUser { return "unlicensed, but an application user needs no licence: not dormant [I]" }
        if user.accessMode == .administrative { return "unlicensed, but access mode Administrative needs no licence" }
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
        // A cycle in a hand-written tree ends the walk: no path up has more steps than there are
        // units. (Counted, not a set of the units seen: every team path a who-can of 100,000
        // users describes asks this.)
        var steps = 0
        while let id = next, steps <= businessUnits.count, let unit = businessUnits[id] {
            if unit.isDisabled { return unit }
            next = unit.parentId
            steps += 1
        }
        return nil
    }
}
