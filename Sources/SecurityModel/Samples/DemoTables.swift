/// The tables of the Contoso demo: standard Dynamics 365 tables, custom `contoso_` tables,
/// organization-owned reference tables, and secured columns (some deliberately missing).
enum DemoTables {
    static func all() -> [Table] {
        func t(
            _ name: String, _ schema: String, _ display: String, org: Bool = false, custom: Bool = false,
            _ columns: [Column] = []
        ) -> Table {
            Table(
                logicalName: name, schemaName: schema, displayName: display,
                ownership: org ? .organization : .userOrTeam, isCustom: custom,
                columns: [Column(logicalName: "\(name)id", displayName: display), Column(logicalName: "name", displayName: "Name")]
                    + columns)
        }
        func c(_ name: String, _ display: String, secured: Bool = false) -> Column {
            Column(logicalName: name, displayName: display, isSecured: secured)
        }
        return [
            t("account", "Account", "Account", [c("creditlimit", "Credit Limit", secured: true), c("revenue", "Annual Revenue")]),
            t("activitypointer", "Activity", "Activity"),
            t("annotation", "Annotation", "Note"),
            t("appointment", "Appointment", "Appointment"),
            t("campaign", "Campaign", "Campaign"),
            t("competitor", "Competitor", "Competitor", org: true),
            t("contact", "Contact", "Contact", [c("birthdate", "Birthday"), c("governmentid", "Government ID", secured: true)]),
            t("email", "Email", "Email"),
            t("incident", "Incident", "Case"),
            t("invoice", "Invoice", "Invoice"),
            t("knowledgearticle", "KnowledgeArticle", "Knowledge Article"),
            t("lead", "Lead", "Lead"),
            t("opportunity", "Opportunity", "Opportunity", [c("estimatedvalue", "Est. Revenue")]),
            t("phonecall", "PhoneCall", "Phone Call"),
            t("pricelevel", "PriceLevel", "Price List", org: true),
            t("product", "Product", "Product", org: true),
            t("queue", "Queue", "Queue"),
            t("quote", "Quote", "Quote"),
            t("salesorder", "SalesOrder", "Order"),
            t("systemuser", "SystemUser", "User", org: false),
            t("task", "Task", "Task"),
            t("team", "Team", "Team"),
            t("transactioncurrency", "TransactionCurrency", "Currency", org: true),
            t("webresource", "WebResource", "Web Resource", org: true),
            t("workflow", "Workflow", "Process"),
            // Custom tables.
            t(
                "contoso_payment", "contoso_Payment", "Payment", custom: true,
                [
                    c("contoso_iban", "IBAN", secured: true), c("contoso_cardnumber", "Card Number", secured: true),
                    c("contoso_cvv", "Card Security Code", secured: true), c("contoso_amount", "Amount"),
                ]),
            t(
                "contoso_employee", "contoso_Employee", "Employee", custom: true,
                [
                    c("contoso_salary", "Salary", secured: true),
                    // Deliberate mistake (AP1): a national id hidden on forms but not secured.
                    c("contoso_ssn", "Social Security Number"),
                    c("contoso_hiredate", "Hire Date"),
                ]),
            t("contoso_workorder", "contoso_WorkOrder", "Work Order", custom: true, [c("contoso_priority", "Priority")]),
            t("contoso_contract", "contoso_Contract", "Contract", custom: true, [c("contoso_value", "Contract Value")]),
            t("contoso_asset", "contoso_Asset", "Customer Asset", custom: true),
            // Deliberate mistakes (AP2, AP3): credentials in an org-owned custom table, not secured.
            t(
                "contoso_integrationsetting", "contoso_IntegrationSetting", "Integration Setting", org: true, custom: true,
                [
                    c("contoso_apikey", "API Key"), c("contoso_connectionstring", "Connection String"),
                ]),
            t("contoso_region", "contoso_Region", "Sales Region", org: true, custom: true),
        ]
    }
}
