import SecurityModel

/// What dvsec knows about Dataverse's built-in privileges without asking an environment:
/// miscellaneous privileges, privilege names whose table part is not the table's schema name,
/// and the ownership of common standard tables.
///
/// Custom tables need none of this: their privileges are always `prv` + verb + schema name.
public enum BuiltInPrivileges {
    /// Miscellaneous privileges (not tied to one table's record access), as seen in real role
    /// files and the role editor's "Miscellaneous privileges" sections.
    public static let miscellaneousNames: [String] = MiscellaneousPrivilegeNames.known

    /// Table parts of built-in privilege names that differ from the table's schema name:
    /// `prvReadNote` is Read on `annotation`, `prvReadOrder` is Read on `salesorder`.
    public static let irregularTableParts: [String: String] = IrregularPrivilegeNames.tableParts

    /// Whole privilege names Dataverse spells irregularly, by table and operation. Export writes
    /// these exact names so an imported file comes back unchanged.
    public static let irregularNames: [String: [TableOperation: String]] = [
        "category": [.appendTo: "prvAppendtoCategory"]
    ]

    /// Common standard tables with their schema names and ownership, so a role that names them
    /// maps even when the snapshot has no table metadata. Business-owned tables (users, teams,
    /// business units, roles) take every level, like user-owned ones.
    public static let standardTables: [Table] = {
        func user(_ logical: String, _ schema: String, _ display: String) -> Table {
            Table(logicalName: logical, schemaName: schema, displayName: display, ownership: .userOrTeam)
        }
        func org(_ logical: String, _ schema: String, _ display: String) -> Table {
            Table(logicalName: logical, schemaName: schema, displayName: display, ownership: .organization)
        }
        return [
            user("account", "Account", "Account"), user("activitypointer", "ActivityPointer", "Activity"),
            user("annotation", "Annotation", "Note"), user("appointment", "Appointment", "Appointment"),
            user("businessunit", "BusinessUnit", "Business Unit"), user("email", "Email", "Email"),
            user("fax", "Fax", "Fax"), user("letter", "Letter", "Letter"), user("phonecall", "PhoneCall", "Phone Call"),
            user("task", "Task", "Task"),
            user("campaign", "Campaign", "Campaign"), user("category", "Category", "Category"),
            user("connection", "Connection", "Connection"), user("contact", "Contact", "Contact"),
            user("contract", "Contract", "Contract"), user("goal", "Goal", "Goal"),
            user("incident", "Incident", "Case"), user("invoice", "Invoice", "Invoice"),
            user("knowledgearticle", "KnowledgeArticle", "Knowledge Article"), user("lead", "Lead", "Lead"),
            user("list", "List", "Marketing List"), user("mailbox", "Mailbox", "Mailbox"),
            user("opportunity", "Opportunity", "Opportunity"), user("queue", "Queue", "Queue"),
            user("quote", "Quote", "Quote"), user("report", "Report", "Report"), user("role", "Role", "Security Role"),
            user("salesorder", "SalesOrder", "Order"),
            user("sharepointdocumentlocation", "SharePointDocumentLocation", "Document Location"),
            user("sharepointsite", "SharePointSite", "SharePoint Site"), user("systemuser", "SystemUser", "User"),
            user("team", "Team", "Team"), user("userform", "UserForm", "Personal Dashboard"),
            user("userquery", "UserQuery", "Saved View"),
            user("userqueryvisualization", "UserQueryVisualization", "User Chart"),
            user("workflow", "Workflow", "Process"),
            org("businessunitnewsarticle", "BusinessUnitNewsArticle", "Announcement"),
            org("competitor", "Competitor", "Competitor"), org("connectionrole", "ConnectionRole", "Connection Role"),
            org("fieldsecurityprofile", "FieldSecurityProfile", "Field Security Profile"),
            org("metric", "Metric", "Goal Metric"), org("position", "Position", "Position"),
            org("pricelevel", "PriceLevel", "Price List"), org("product", "Product", "Product"),
            org("savedquery", "SavedQuery", "View"), org("subject", "Subject", "Subject"),
            org("systemform", "SystemForm", "Form"), org("transactioncurrency", "TransactionCurrency", "Currency"),
            org("webresource", "WebResource", "Web Resource"),
        ]
    }()
}
