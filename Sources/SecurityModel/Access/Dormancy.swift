/// Why a user has no runtime access although grants exist (DATAVERSE.md §2 rule 4, inferred).
public enum Dormancy: String, Hashable, Sendable, CaseIterable {
    case disabled
    case outsideSecurityGroup
    case unlicensed
    /// The environment is in admin mode and the user holds neither System Administrator nor System Customizer.
    case adminMode

    public var label: String {
        switch self {
        case .disabled: "user is disabled"
        case .outsideSecurityGroup: "user is not in the environment's security group"
        case .unlicensed: "user has no licence"
        case .adminMode: "environment is in admin mode (only System Administrators and System Customizers sign in)"
        }
    }

    /// Whether Dataverse documentation states this rule outright (`false` = inferred, marked [I]).
    public var isInferred: Bool { self == .disabled || self == .unlicensed || self == .outsideSecurityGroup }

    /// A few words for lists, marked [I] when inferred: "disabled [I]", "admin mode".
    public var shortLabel: String {
        let words =
            switch self {
            case .disabled: "disabled"
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
