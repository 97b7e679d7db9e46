/// Miscellaneous privileges as Dataverse names them. Some read like table privileges
/// (`prvAssignTerritory`, `prvReadAuditSummary`) but are not: they are never taken for one, even
/// when a table of a matching schema name is in the snapshot.
public enum MiscellaneousPrivilegeNames {
    /// The levels a role can give a miscellaneous privilege: Organization (Global), as real files
    /// carry them, and for the few seen at Basic (`prvActivateSynchronousWorkflow`) User too
    /// (DATAVERSE.md §1.5; the per-privilege `canbebasic…` flags are not in a snapshot) [I].
    public static func allowedLevels(for name: String) -> [AccessLevel] {
        basicAllowed.contains(name.lowercased()) ? [.none, .user, .organization] : [.none, .organization]
    }

    static let basicAllowed: Set<String> = ["prvactivatesynchronousworkflow"]

    public static let known: [String] = [
        "prvActivateSynchronousWorkflow", "prvActOnBehalfOfAnotherUser", "prvAddressBook", "prvAdminFilter",
        "prvAllowQuickCampaign", "prvApproveKnowledgeArticle", "prvApproveRejectEmailAddress", "prvAssignManager",
        "prvAssignPosition", "prvAssignTerritory", "prvBulkDelete", "prvBulkEdit", "prvChangeSqlEncryptionKey",
        "prvConfigureInternetMarketing", "prvConfigureSharePoint", "prvCreateOrgEmailTemplates",
        "prvDeleteAuditPartitions", "prvDisableBusinessUnit", "prvDisableUser", "prvDocumentGeneration",
        "prvExportToExcel", "prvFlow", "prvGoMobile", "prvGoOffline", "prvLanguageSettings", "prvMailMerge",
        "prvMerge", "prvOneDrive", "prvOverrideCreatedOnCreatedBy", "prvOverridePriceEngineInvoice",
        "prvOverridePriceEngineOpportunity", "prvOverridePriceEngineOrder", "prvOverridePriceEngineQuote",
        "prvPrint", "prvPublishArticle", "prvPublishDuplicateRule", "prvPublishKnowledgeArticle",
        "prvPublishOrgMailMergeTemplate", "prvPublishOrgReport", "prvPublishRSReport", "prvQOIOverrideDelete",
        "prvReadAuditPartitions", "prvReadAuditSummary", "prvReadRecordAuditHistory", "prvReadSqlEncryptionKey",
        "prvRestoreSqlEncryptionKey", "prvSearchAvailability", "prvSyncToOutlook", "prvUseInternetMarketing",
        "prvUseOfficeApps", "prvUseTabletApp", "prvWebMailMerge", "prvWorkflowExecution",
        "prvWriteHierarchicalSecurityConfiguration",
    ]

    /// ``known``, lower-cased.
    public static let lowercased: Set<String> = Set(known.map { $0.lowercased() })
}
