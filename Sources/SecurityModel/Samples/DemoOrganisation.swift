/// The built-in demo organisation, "Contoso": small but real.
///
/// Three environments (production, sandbox, developer); a business-unit tree three levels deep;
/// about forty users (a few disabled, an application user, a read-only auditor); teams of every
/// type; fifteen roles including the built-ins, roles with Deep and Local levels and a team-only
/// role; about thirty tables (standard, custom, organization-owned) with secured columns and
/// profiles; and a handful of deliberate go-live mistakes for `dvsec check` to find.
public enum DemoOrganisation {
    /// The demo snapshot. Deterministic: the same bytes every time.
    public static var snapshot: Snapshot {
        Snapshot(tenant: "Contoso", environments: [production(), sandbox(), developer()])
    }

    static func id(_ kind: String, _ name: String, env: String = "prod") -> String {
        DeterministicID.guid("\(env):\(kind):\(name)")
    }

    struct Person {
        var name: String
        var bu: String
        var title: String
        var roles: [String]
        var disabled = false
        var accessMode: AccessMode = .readWrite
        var licensed = true
        var application = false
        var manager: String?
    }

    static let businessUnits: [(String, String?)] = [
        ("Contoso", nil), ("Europe", "Contoso"), ("North America", "Contoso"), ("Shared Services", "Contoso"),
        ("Sales EU", "Europe"), ("Service EU", "Europe"), ("Sales NA", "North America"), ("Service NA", "North America"),
    ]

    static let people: [Person] = [
        Person(name: "Adele Vance", bu: "Contoso", title: "Dynamics 365 Administrator", roles: ["System Administrator"]),
        Person(name: "Nestor Wilke", bu: "Contoso", title: "IT Director", roles: ["System Administrator"]),
        Person(name: "Megan Bowen", bu: "Shared Services", title: "Solution Architect", roles: ["System Customizer", "Basic User"]),
        Person(name: "Lee Gu", bu: "Shared Services", title: "Developer", roles: ["System Customizer", "Basic User"]),
        Person(name: "Isaiah Langer", bu: "Sales EU", title: "Sales Director EU", roles: ["Sales Manager", "Basic User"]),
        Person(
            name: "Alex Wilber", bu: "Sales EU", title: "Account Executive", roles: ["Salesperson", "Basic User"], manager: "Isaiah Langer"),
        Person(
            name: "Diego Siciliani", bu: "Sales EU", title: "Account Executive", roles: ["Salesperson", "Basic User"],
            manager: "Isaiah Langer"),
        Person(name: "Lynne Robbins", bu: "Sales EU", title: "Inside Sales", roles: ["Basic User"], manager: "Isaiah Langer"),
        Person(
            name: "Johanna Lorenz", bu: "Sales EU", title: "Account Executive", roles: ["Salesperson", "Basic User"],
            manager: "Isaiah Langer"),
        Person(name: "Pradeep Gupta", bu: "Sales EU", title: "Sales Intern", roles: ["Salesperson", "Basic User"], disabled: true),
        Person(name: "Grady Archie", bu: "Service EU", title: "Service Manager EU", roles: ["Service Manager", "Basic User"]),
        Person(
            name: "Henrietta Mueller", bu: "Service EU", title: "Support Agent", roles: ["Customer Service Representative", "Basic User"],
            manager: "Grady Archie"),
        Person(
            name: "Irvin Sayers", bu: "Service EU", title: "Support Agent", roles: ["Customer Service Representative", "Basic User"],
            manager: "Grady Archie"),
        Person(name: "Joni Sherman", bu: "Service EU", title: "Field Technician", roles: [], manager: "Grady Archie"),
        Person(name: "Lidia Holloway", bu: "Service EU", title: "Field Technician", roles: [], manager: "Grady Archie"),
        Person(name: "Miriam Graham", bu: "Sales NA", title: "Sales Director NA", roles: ["Sales Manager", "Basic User"]),
        Person(
            name: "Patti Fernandez", bu: "Sales NA", title: "Account Executive", roles: ["Salesperson", "Basic User"],
            manager: "Miriam Graham"),
        Person(
            name: "Allan Deyoung", bu: "Sales NA", title: "Account Executive", roles: ["Salesperson", "Basic User"],
            manager: "Miriam Graham"),
        Person(name: "Christie Cline", bu: "Sales NA", title: "Marketing Lead", roles: ["Marketing Professional", "Basic User"]),
        Person(
            name: "Debra Berger", bu: "Sales NA", title: "Marketing Specialist", roles: ["Marketing Professional", "Basic User"],
            manager: "Christie Cline"),
        Person(
            name: "Enrico Cattaneo", bu: "Sales NA", title: "Account Executive", roles: ["Salesperson", "Basic User"],
            manager: "Miriam Graham"),
        Person(name: "Gerhart Moller", bu: "Service NA", title: "Service Manager NA", roles: ["Service Manager", "Basic User"]),
        Person(
            name: "Emily Braun", bu: "Service NA", title: "Support Agent", roles: ["Customer Service Representative", "Basic User"],
            manager: "Gerhart Moller"),
        Person(
            name: "Nestor Ortiz", bu: "Service NA", title: "Support Agent", roles: ["Customer Service Representative", "Basic User"],
            manager: "Gerhart Moller"),
        Person(name: "Raul Razo", bu: "Service NA", title: "Field Technician", roles: [], manager: "Gerhart Moller"),
        Person(
            name: "Sanjay Shah", bu: "Service NA", title: "Support Agent", roles: ["Customer Service Representative", "Basic User"],
            accessMode: .read),
        Person(name: "Zrinka Makovac", bu: "Shared Services", title: "Finance Controller", roles: ["Finance", "Basic User"]),
        Person(
            name: "Ben Walters", bu: "Shared Services", title: "Accountant", roles: ["Finance", "Basic User"], manager: "Zrinka Makovac"),
        Person(name: "Cameron White", bu: "Shared Services", title: "Accounts Payable", roles: ["Basic User"], manager: "Zrinka Makovac"),
        Person(name: "Delia Dennis", bu: "Shared Services", title: "HR Business Partner", roles: ["HR Specialist", "Basic User"]),
        Person(
            name: "Elvis Blanco", bu: "Shared Services", title: "HR Assistant", roles: ["HR Specialist", "Basic User"],
            manager: "Delia Dennis"),
        Person(name: "Brian Johnson", bu: "Contoso", title: "Migration Consultant", roles: ["Copy of System Administrator"]),
        Person(name: "Jordan Miller", bu: "Contoso", title: "External Auditor", roles: ["Auditor"], accessMode: .read),
        // Deliberate mistake (GL8): left the company, still System Administrator.
        Person(name: "Tobias Keller", bu: "Contoso", title: "Former CRM Admin", roles: ["System Administrator"], disabled: true),
        // Deliberate mistake (GL3): enabled, licensed, no role at all.
        Person(name: "Nina Petrova", bu: "Europe", title: "New Joiner", roles: []),
        Person(name: "Omar Haddad", bu: "Europe", title: "Regional Analyst", roles: ["Basic User"], licensed: false),
        Person(name: "Priya Raman", bu: "North America", title: "Regional Analyst", roles: ["Auditor"]),
        Person(name: "Test Persona Sales", bu: "Sales EU", title: "UAT persona", roles: ["System Administrator"]),
        // Deliberate mistake (GL7): an application user with System Administrator.
        Person(
            name: "Contoso ERP Integration", bu: "Contoso", title: "Application user",
            roles: ["System Administrator", "Integration Service"],
            accessMode: .nonInteractive, application: true),
        Person(
            name: "Power Automate Flows", bu: "Contoso", title: "Application user", roles: ["Integration Service"],
            accessMode: .nonInteractive, application: true),
    ]

    static func userId(_ name: String, env: String) -> String { id("user", name, env: env) }

    /// `adele@contoso.com`; `first.last@` where two people share a first name (a domain name is
    /// unique in Dataverse).
    static func domain(_ name: String) -> String {
        let parts = name.lowercased().split(separator: " ")
        let first = parts.first.map(String.init) ?? name
        let shared = people.filter { $0.name.lowercased().split(separator: " ").first.map(String.init) == first }.count > 1
        return (shared ? parts.joined(separator: ".") : first) + "@contoso.com"
    }
}
