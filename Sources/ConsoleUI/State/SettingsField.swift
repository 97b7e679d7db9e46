/// One row of the environment-settings screen.
public enum SettingsField: Int, CaseIterable, Hashable, Sendable {
    case name, type, region, securityGroup, adminMode, modernizedBusinessUnits, auditing

    public var label: String {
        switch self {
        case .name: "Name"
        case .type: "Type"
        case .region: "Region"
        case .securityGroup: "Security group"
        case .adminMode: "Administration mode"
        case .modernizedBusinessUnits: "Modernized business units"
        case .auditing: "Auditing"
        }
    }
}
