/// Miscellaneous privileges as Dataverse names them. Some read like table privileges
/// (`prvAssignTerritory`, `prvReadAuditSummary`) but are not: they are never taken for one, even
/// when a table of a matching schema name is in the snapshot.
public enum MiscellaneousPrivilegeNames {
    /// The levels a role can give a miscellaneous privilege: Organization (Global), as real files
    /// carry them, and for the few seen at Basic (`prvActivateSynchronousWorkflow`) User too
    /// (DATAVERSE.md §1.5; the per-privilege `canbebasic…` flags are not in a snapshot) [I].
    ///
    /// Only for the names dvsec knows (``known``). Another name a role holds as miscellaneous is
    /// a table privilege of a table the snapshot lacks (`prvReadOrder` without `salesorder`, which
    /// has every level) or a privilege dvsec does not know: its levels are not known, so every
    /// level is allowed, and reading its Basic as Organization would invent access.
    public static func allowedLevels(for name: String) -> [AccessLevel] {
        let key = name.lowercased()
        guard lowercased.contains(key) else { return AccessLevel.allCases }
        return basicAllowed.contains(key) ? [.none, .user, .organization] : [.none, .organization]
    }

    static let basicAllowed: Set<String> = ["prvactivatesynchronousworkflow"]

    /// The level a role is read to hold when a file gives a miscellaneous privilege a level
    /// ``allowedLevels(for:)`` does not have: the lowest allowed level above it, so any level
    /// above None of a privilege that is Organization only counts as Organization, as on an
    /// organization-owned table (DATAVERSE.md §2) [I]. The console offers only the allowed
    /// levels, and import and loading read others this way, so all three agree.
    public static func readLevel(_ level: AccessLevel, for name: String) -> AccessLevel {
        let allowed = allowedLevels(for: name)
        if allowed.contains(level) { return level }
        return allowed.first { $0 > level } ?? .organization
    }

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
