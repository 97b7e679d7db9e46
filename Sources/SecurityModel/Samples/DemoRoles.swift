/// The security roles of the Contoso demo, including the built-ins and a few deliberate mistakes.
enum DemoRoles {
    /// A privilege row from eight letters in Create, Read, Write, Delete, Append, AppendTo, Assign,
    /// Share order: `-` none, `b` Basic, `l` Local, `d` Deep, `g` Global.
    static func row(_ spec: String) -> PrivilegeRow {
        var row = PrivilegeRow.empty
        for (op, ch) in zip(TableOperation.allCases, spec) {
            switch ch {
            case "b": row[op] = .user
            case "l": row[op] = .businessUnit
            case "d": row[op] = .parentChildBusinessUnits
            case "g": row[op] = .organization
            default: row[op] = .none
            }
        }
        return row
    }

    /// Org-owned tables take only None/Global and have no Assign/Share.
    static let orgRead = row("-g------")
    static let orgFull = row("gggggg--")

    static func id(_ name: String) -> String { DeterministicID.guid("role:" + name) }

    static func all(rootBU: String, tables: [Table]) -> [SecurityRole] {
        func role(
            _ name: String, _ privileges: [String: String], misc: [String] = ["prvReadWebResource"],
            inherits: Bool = true, description: String? = nil, template: String? = nil
        ) -> SecurityRole {
            var p: [String: PrivilegeRow] = [:]
            for (table, spec) in privileges {
                let org = tables.first { $0.logicalName == table }?.ownership == .organization
                var r = row(spec)
                if org {
                    r[.assign] = .none
                    r[.share] = .none
                }
                p[table] = r
            }
            return SecurityRole(
                id: id(name), name: name, businessUnitId: rootBU, templateId: template, inheritsMemberPrivileges: inherits,
                description: description, isCustomizable: true,
                privileges: p, miscPrivileges: Dictionary(misc.map { ($0, AccessLevel.organization) }, uniquingKeysWith: { a, _ in a }))
        }
        let core = [
            "account", "contact", "lead", "opportunity", "activitypointer", "annotation", "email", "phonecall", "task", "appointment",
        ]
        var basicUser: [String: String] = [:]
        for t in ["activitypointer", "annotation", "email", "phonecall", "task", "appointment"] { basicUser[t] = "bbbbbbbb" }
        basicUser["systemuser"] = "-g--gg--"
        basicUser["team"] = "-g------"
        basicUser["transactioncurrency"] = "-g------"
        basicUser["webresource"] = "-g------"
        basicUser["workflow"] = "bbbb----"

        var allGlobal: [String: String] = [:]
        for t in tables { allGlobal[t.logicalName] = "gggggggg" }

        var customizerData: [String: String] = [:]
        for t in core { customizerData[t] = "bbbbbbbb" }
        customizerData["webresource"] = "gggggg--"
        customizerData["workflow"] = "gggggggg"

        var sales: [String: String] = [:]
        for t in ["account", "contact", "lead", "opportunity", "quote", "salesorder"] { sales[t] = "blbbbbbb" }
        sales["product"] = "-g------"
        sales["pricelevel"] = "-g------"
        sales["competitor"] = "-g------"
        sales["contoso_region"] = "-g------"

        var salesManager: [String: String] = [:]
        for t in ["account", "contact", "lead", "opportunity", "quote", "salesorder", "invoice"] { salesManager[t] = "dddlddll" }
        salesManager["competitor"] = "gggg----"
        salesManager["product"] = "-g------"
        salesManager["contoso_region"] = "-g------"

        var csr: [String: String] = [
            "incident": "bldbbbbb", "contact": "bl-bbb--", "account": "-l--bb--", "knowledgearticle": "-g------", "queue": "-l--bb--",
            "contoso_asset": "bbbbbbbb",
        ]
        csr["contoso_workorder"] = "-l------"

        let serviceManager: [String: String] = [
            "incident": "dddddddd", "contact": "dddddd--", "account": "-d--dd--", "knowledgearticle": "gggggg--", "queue": "dddddd--",
            "contoso_workorder": "dddddddd", "contoso_asset": "dddddddd",
        ]

        return [
            role("System Administrator", [:], misc: [], template: SecurityRole.systemAdministratorTemplateId),
            role(
                "System Customizer", customizerData, misc: ["prvReadWebResource", "prvExportToExcel"],
                template: SecurityRole.systemCustomizerTemplateId),
            role(
                "Basic User", basicUser,
                misc: ["prvReadWebResource", "prvExportToExcel", "prvPrint", "prvUseOfficeApps", "prvAddressBook"],
                description: "Core rights every user needs: own activities and notes, read users and currencies."),
            role(
                "Salesperson", sales, misc: ["prvReadWebResource", "prvExportToExcel", "prvMailMerge"],
                description: "Works own accounts, contacts, leads and opportunities; reads the business unit's."),
            role(
                "Sales Manager", salesManager, misc: ["prvReadWebResource", "prvExportToExcel", "prvBulkEdit"],
                description: "Manages the sales pipeline of the business unit and its child units."),
            role(
                "Customer Service Representative", csr,
                description: "Handles cases for the business unit."),
            role(
                "Service Manager", serviceManager, misc: ["prvReadWebResource", "prvBulkEdit"],
                description: "Manages cases, work orders and assets below the business unit."),
            role(
                "Finance", ["contoso_payment": "llll-l--", "invoice": "llllllll", "account": "-l------", "contoso_contract": "-d------"],
                description: "Records and reviews payments and invoices."),
            role(
                "HR Specialist", ["contoso_employee": "gggggg--", "systemuser": "-g------"],
                description: "Maintains employee records."),
            role(
                "Marketing Professional", ["campaign": "bgbbbbbb", "lead": "bgbb-b--", "contact": "-g------", "email": "bbbbbbbb"],
                description: "Runs campaigns and qualifies leads."),
            // Deliberate mistake (GL9): "read-only" in the description, Write and Delete in the grants.
            role(
                "Auditor",
                [
                    "account": "-gg-----", "contact": "-g------", "opportunity": "-g-g----", "invoice": "-g------",
                    "contoso_payment": "-g------",
                ],
                misc: ["prvReadWebResource", "prvExportToExcel"],
                description: "Read-only access for the external auditors."),
            // Deliberate mistake (AP4): a clone of System Administrator.
            role(
                "Copy of System Administrator", allGlobal,
                misc: ["prvReadWebResource", "prvExportToExcel", "prvBulkDelete", "prvBulkEdit"],
                description: "Temporary full access for the migration."),
            // Deliberate mistake (GL4): team-only role whose team members hold no direct role.
            role(
                "Work Order Dispatcher", ["contoso_workorder": "llllllll", "contoso_asset": "-l------", "account": "-l------"],
                inherits: false, description: "Dispatches work orders for the team."),
            role(
                "Integration Service",
                ["account": "gggg----", "contact": "gggg----", "contoso_integrationsetting": "-g------", "salesorder": "gggg----"],
                misc: ["prvReadWebResource"], description: "Service account for the ERP integration."),
            // Deliberate mistake: defined but assigned to nobody; and no prvReadWebResource (GL2).
            role(
                "Legacy Contract Viewer", ["contoso_contract": "-g------"], misc: [],
                description: "Old role from the 2019 contract module."),
        ]
    }
}
