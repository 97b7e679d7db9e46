import SecurityModel
import Testing

@testable import DataverseSolution

@Suite("Privilege names ↔ tables")
struct PrivilegeNameMapTests {
    let map = PrivilegeNameMap(tables: [
        Table(logicalName: "contoso_workorder", schemaName: "contoso_WorkOrder"),
        Table(logicalName: "contoso_tofu", schemaName: "contoso_Tofu"),
    ])

    func table(_ name: String) -> (String, TableOperation)? {
        if case .table(let t, let op, _) = map.meaning(of: name) { return (t.logicalName, op) }
        return nil
    }

    @Test(
        "built-in irregular names",
        arguments: [
            ("prvReadNote", "annotation", TableOperation.read), ("prvReadActivity", "activitypointer", .read),
            ("prvReadUser", "systemuser", .read), ("prvAppendtoCategory", "category", .appendTo),
            ("prvAppendToCategory", "category", .appendTo), ("prvCreateOrder", "salesorder", .create),
            ("prvReadQuery", "savedquery", .read), ("prvAppendToNewsArticle", "businessunitnewsarticle", .appendTo),
            ("PRVREADACCOUNT", "account", .read), ("prvWritecontoso_workorder", "contoso_workorder", .write),
            ("prvAppendcontoso_Tofu", "contoso_tofu", .append),
            // The activity tables a fresh import left unmapped (32 of the demo's Basic User's).
            ("prvReadEmail", "email", .read), ("prvCreateAppointment", "appointment", .create),
            ("prvWritePhoneCall", "phonecall", .write), ("prvDeleteTask", "task", .delete),
        ])
    func irregular(name: String, logical: String, op: TableOperation) {
        let got = table(name)
        #expect(got?.0 == logical && got?.1 == op)
    }

    @Test("miscellaneous, inferred and unmapped names")
    func other() {
        #expect(map.meaning(of: "prvExportToExcel") == .miscellaneous)
        #expect(map.meaning(of: "prvexporttoexcel") == .miscellaneous)
        #expect(map.meaning(of: "prvBulkDelete") == .miscellaneous)
        guard case .table(let t, .appendTo, inferred: true) = map.meaning(of: "prvAppendToadmin_Flow") else {
            Issue.record("expected an inferred table")
            return
        }
        #expect(t.logicalName == "admin_flow" && t.schemaName == "admin_Flow" && t.isCustom)
        // A table whose publisher prefix starts with "to": AppendTo is spelt with a capital T.
        guard case .table(let append, .append, inferred: true) = map.meaning(of: "prvAppendtom_Project") else {
            Issue.record("expected Append on tom_Project")
            return
        }
        #expect(append.schemaName == "tom_Project")
        guard case .table(let appendTo, .appendTo, inferred: true) = map.meaning(of: "prvAppendTotom_Project") else {
            Issue.record("expected AppendTo on tom_Project")
            return
        }
        #expect(appendTo.schemaName == "tom_Project")
        for name in ["prvReadFrobnicator", "readAccount", "prvFrobnicate", "prv"] {
            guard case .unmapped = map.meaning(of: name) else {
                Issue.record("\(name) should be unmapped")
                continue
            }
        }
    }

    @Test("the reverse mapping reproduces Dataverse's names")
    func reverse() {
        func name(_ op: TableOperation, _ logical: String, _ schema: String) -> String {
            PrivilegeNameMap.privilegeName(for: op, on: Table(logicalName: logical, schemaName: schema))
        }
        #expect(name(.read, "annotation", "Annotation") == "prvReadNote")
        #expect(name(.read, "activitypointer", "ActivityPointer") == "prvReadActivity")
        #expect(name(.write, "systemuser", "SystemUser") == "prvWriteUser")
        #expect(name(.appendTo, "category", "Category") == "prvAppendtoCategory")
        #expect(name(.append, "category", "Category") == "prvAppendCategory")
        #expect(name(.appendTo, "contoso_workorder", "contoso_WorkOrder") == "prvAppendTocontoso_WorkOrder")
        #expect(name(.create, "salesorder", "SalesOrder") == "prvCreateOrder")
    }
}
