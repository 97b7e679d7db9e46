import Foundation
import Testing

@testable import SecurityModel

/// Found by an ALM review: a snapshot holding `prvExportToExcel` at User opened with the role
/// editor showing User beside "Allowed here: None, Organization", and `validate` and `check`
/// passed it. A miscellaneous privilege at a level it does not have is now read at the level it
/// counts as, with a note that `validate` lists (and every command warns of).
@Suite struct MiscellaneousLevelReadTests {
    @Test func theLevelReadIsTheNextOneThePrivilegeHas() {
        #expect(MiscellaneousPrivilegeNames.readLevel(.user, for: "prvExportToExcel") == .organization)
        #expect(MiscellaneousPrivilegeNames.readLevel(.parentChildBusinessUnits, for: "prvexporttoexcel") == .organization)
        #expect(MiscellaneousPrivilegeNames.readLevel(.none, for: "prvExportToExcel") == .none)
        #expect(MiscellaneousPrivilegeNames.readLevel(.user, for: "prvActivateSynchronousWorkflow") == .user)
        #expect(MiscellaneousPrivilegeNames.readLevel(.businessUnit, for: "prvActivateSynchronousWorkflow") == .organization)
        // A table privilege of a table the snapshot lacks, or a name dvsec does not know: its
        // levels are not known, and Basic read as Organization would invent access.
        #expect(MiscellaneousPrivilegeNames.readLevel(.user, for: "prvReadOrder") == .user)
        #expect(MiscellaneousPrivilegeNames.allowedLevels(for: "prvSomethingNew") == AccessLevel.allCases)
        // Every level read is one the console offers.
        for name in MiscellaneousPrivilegeNames.known + ["prvSomethingNew"] {
            for level in AccessLevel.allCases {
                #expect(
                    MiscellaneousPrivilegeNames.allowedLevels(for: name).contains(MiscellaneousPrivilegeNames.readLevel(level, for: name)))
            }
        }
    }

    @Test func aSnapshotIsReadAtTheAllowedLevelWithANote() throws {
        var snapshot = DemoOrganisation.snapshot
        let prod = try #require(snapshot.environment(matching: "prod"))
        let role = try #require(prod.roles.values.first { $0.name == "Salesperson" })
        var env = prod
        env.roles[role.id]?.miscPrivileges["prvExportToExcel"] = .user
        env.roles[role.id]?.miscPrivileges["prvActivateSynchronousWorkflow"] = .user
        snapshot.environments[prod.id] = env
        let read = try SnapshotReader.read(SnapshotWriter.data(for: snapshot))
        let readRole = try #require(read.environments[prod.id]?.roles[role.id])
        #expect(readRole.miscPrivileges["prvExportToExcel"] == .organization)
        #expect(readRole.miscPrivileges["prvActivateSynchronousWorkflow"] == .user)
        #expect(
            read.readDifferently == [
                "environment “Contoso Production”, role “Salesperson” (\(role.id)): miscellaneous privilege prvExportToExcel at User, "
                    + "a level it does not have (only None and Organization) [I]: read as Organization"
            ])
    }
}
