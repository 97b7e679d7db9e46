import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Names Dataverse makes identifiers of hold letters, digits and underscores. Another character
/// in a privilege, table or column name made tables such as `new_a b` and `new_<script>`, or (an
/// invisible one) a snapshot that refused itself with an error pointing into the snapshot; a role
/// named with spaces only was imported. Each is refused with the file and the line.
@Suite("Names that cannot be Dataverse names are refused at their line")
struct InvalidNameTests {
    static func role(privilege: String, name: String = "Broken") throws -> String {
        try BadInputTests.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="\(name)">
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Global" />
                    <RolePrivilege name="\(privilege)" level="Global" />
                  </RolePrivileges>
                </Role>
                """)
    }

    @Test(
        "a privilege name with a character a Dataverse name cannot hold",
        arguments: [
            ("prvReadnew_&#x200b;zw", "holds a control or invisible character (U+200B): refused"),
            ("prvReadnew_&#x9b;zw", "holds a control or invisible character (U+009B): refused"),
            ("prvReadnew_a b", "holds ' ' (U+0020): refused"),
            ("prvReadnew_&lt;script&gt;", "holds '<' (U+003C): refused"),
        ])
    func privilegeName(written: String, message: String) throws {
        let folder = try Self.role(privilege: written)
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file == folder + "/Roles/Broken.xml" && e.line == 5, "\(e)")
        #expect(e.message.hasPrefix("privilege name 'prvReadnew_") && e.message.contains(message), "\(e.message)")
        #expect(e.message.hasSuffix("letters, digits and underscores"))
    }

    @Test("letters of any script, digits and underscores are names")
    func validNames() throws {
        let folder = try Self.role(privilege: "prvReadnew_Straße2")
        let role = try #require(try SolutionReader.read(folder: folder).roles.first { $0.name == "Broken" })
        #expect(role.privileges.map(\.name) == ["prvReadAccount", "prvReadnew_Straße2"])
    }

    @Test("a role or profile named with white space only")
    func blankNames() throws {
        let folder = try Self.role(privilege: "prvWriteAccount", name: " &#x9; ")
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(
            e.description == folder + "/Roles/Broken.xml:2: Role '11111111-1111-4111-8111-111111111111' has a 'name' of white space only")
        let profiles = try Fixture.copy(Fixture.solutionFolder)
        let file = profiles + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            String(decoding: try Fixture.data(file), as: UTF8.self).replacingOccurrences(
                of: "name=\"Finance Profile\"", with: "name=\"  \""),
            to: file)
        let p = try BadInputTests.error { _ = try SolutionReader.read(folder: profiles) }
        #expect(p.file == file && p.line == 3 && p.message.hasSuffix("has a 'name' of white space only"), "\(p)")
        // An empty name is said to be empty, not missing (a review: "Role has no 'name' attribute").
        let empty = try BadInputTests.error { _ = try SolutionReader.read(folder: try Self.role(privilege: "prvWriteAccount", name: "")) }
        #expect(empty.message == "Role '11111111-1111-4111-8111-111111111111' has an empty 'name' attribute", "\(empty)")
    }

    @Test("a field permission's EntityName or AttributeName, an Entity.xml's names")
    func tableAndColumnNames() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        let file = folder + "/Other/FieldSecurityProfiles.xml"
        let text = String(decoding: try Fixture.data(file), as: UTF8.self)
        try Fixture.write(text.replacingOccurrences(of: "<EntityName>contoso_workorder<", with: "<EntityName>my table<"), to: file)
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file == file && e.line == 26, "\(e)")
        #expect(e.message.hasPrefix("EntityName 'my table' holds ' '"), "\(e.message)")
        try Fixture.write(
            text.replacingOccurrences(of: "<AttributeName>contoso_iban<", with: "<AttributeName>contoso_&lt;b&gt;<"), to: file)
        let a = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(a.line == 15 && a.message.hasPrefix("AttributeName 'contoso_<b>' holds '<'"), "\(a)")

        try Fixture.write(text, to: file)
        let entity = folder + "/Entities/contoso_WorkOrder/Entity.xml"
        let entityText = String(decoding: try Fixture.data(entity), as: UTF8.self)
        try Fixture.write(
            entityText.replacingOccurrences(of: "Name=\"contoso_WorkOrder\"", with: "Name=\"contoso_Work Order\""), to: entity)
        let t = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(t.file == entity && t.message.hasPrefix("Entity name 'contoso_Work Order' holds ' '"), "\(t)")
    }

    /// A snapshot refuses a name with white space at its ends (it reads as the name without it);
    /// Dataverse trims names, so an import takes the name without it, from a solution and from
    /// Web API payloads alike, and refuses a blank one at its row (found by a review of hostile
    /// names).
    @Test("white space around a name is trimmed; a blank Web API name is refused at its row")
    func untrimmedNames() throws {
        let folder = try Self.role(privilege: "prvWriteAccount", name: " Broken&#xA0;")
        let role = try #require(try SolutionReader.read(folder: folder).roles.first { $0.id == "11111111-1111-4111-8111-111111111111" })
        #expect(role.name == "Broken")

        var (env, _) = try WebAPIImportTests.imported()
        let payloads = Fixture.temporaryFolder()
        let teams = try String(contentsOfFile: Fixture.webAPIFolder + "/teams.json", encoding: .utf8)
        try Fixture.write(
            teams.replacingOccurrences(of: "\"name\": \"Sales\",", with: "\"name\": \" Sales\\u00a0\","), to: payloads + "/teams.json")
        _ = try WebAPIImporter.merge(folder: payloads, into: &env)
        #expect(env.teams[WebAPIImportTests.team(2)]?.name == "Sales")
        try Fixture.write(teams.replacingOccurrences(of: "\"name\": \"Sales\",", with: "\"name\": \"  \","), to: payloads + "/teams.json")
        let e = try BadInputTests.error { _ = try WebAPIImporter.merge(folder: payloads, into: &env) }
        #expect(e.file == payloads + "/teams.json" && e.message == "value[1].name: empty or white space only: a name is required", "\(e)")
    }
}
