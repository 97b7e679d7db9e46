import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

@Suite("Bad input gives one clear error and leaves the snapshot untouched")
struct BadInputTests {
    /// A copy of the solution fixture with one role file replaced.
    static func solution(withRole text: String, named name: String = "Broken.xml") throws -> String {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try Fixture.write(text, to: folder + "/Roles/" + name)
        return folder
    }

    static func error(_ body: () throws -> Void) throws -> DataverseFileError {
        try #require(throws: DataverseFileError.self) { try body() }
    }

    /// `pac solution unpack --packagetype Both` writes `<Managed>2</Managed>`: the folder imports;
    /// a value that is none of 0, 1, 2 is an error on its own line.
    @Test("a manifest unpacked with both packages imports; a bad Managed names its line")
    func managedBoth() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        let manifest = folder + "/Other/Solution.xml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        try Fixture.write(text.replacingOccurrences(of: "<Managed>0</Managed>", with: "<Managed>2</Managed>"), to: manifest)
        let content = try SolutionReader.read(folder: folder)
        #expect(content.manifest?.isManaged == nil && !content.roles.isEmpty)
        try Fixture.write(text.replacingOccurrences(of: "<Managed>0</Managed>", with: "<Managed>yes</Managed>"), to: manifest)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.line == 10 && e.message.contains("Managed"))
    }

    @Test("malformed XML names the file and the line")
    func malformedXML() throws {
        let folder = try Self.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="Broken">
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Global" />
                  </RolePrivilege>
                </Role>
                """)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file.hasSuffix("Roles/Broken.xml"))
        #expect(e.line == 5)
        #expect(e.description.hasSuffix("Broken.xml:5: malformed XML: an end tag does not match its start tag"))
    }

    @Test("an unknown level names the privilege and the line")
    func unknownLevel() throws {
        let folder = try Self.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="Broken">
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Global" />
                    <RolePrivilege name="prvWriteAccount" level="Full" />
                  </RolePrivileges>
                </Role>
                """)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.line == 5)
        #expect(e.message == "unknown level 'Full' for 'prvWriteAccount' (expected Basic, Local, Deep or Global)")
    }

    /// Found by an editing review: a role with four malformed privileges needed four runs.
    @Test("every malformed privilege of a role is named at once")
    func everyMalformedPrivilege() throws {
        let folder = try Self.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="Broken">
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Organization" />
                    <RolePrivilege name="prvWriteAccount" level="Global" />
                    <RolePrivilege name="prvDeleteAccount" />
                    <RolePrivilege name="prvShareAccount" level="" />
                  </RolePrivileges>
                </Role>
                """)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.line == 4)
        #expect(
            e.message
                == "unknown level 'Organization' for 'prvReadAccount' (expected Basic, Local, Deep or Global) (and 2 more in role 'Broken': "
                + "line 6: RolePrivilege 'prvDeleteAccount' has no 'level' attribute; "
                + "line 7: unknown level '' for 'prvShareAccount' (expected Basic, Local, Deep or Global))", "\(e.message)")
    }

    @Test("a duplicate role id names both files")
    func duplicateRoleId() throws {
        let folder = try Self.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{4F1C2A9E-7B3D-4C11-9A0E-2D5B8E6F1A20}" name="Dispatcher Copy">
                  <RolePrivileges />
                </Role>
                """, named: "Zz Copy.xml")
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file.hasSuffix("Roles/Zz Copy.xml"))
        #expect(e.message.contains("duplicate role id {4f1c2a9e-7b3d-4c11-9a0e-2d5b8e6f1a20}"))
        #expect(e.message.contains("Field Service Dispatcher.xml"))
    }

    @Test(
        "other malformed role files",
        arguments: [
            ("<Role name=\"X\"><RolePrivileges /></Role>", "Role has no 'id' attribute"),
            ("<Role id=\"{nope}\" name=\"X\" />", "Role id '{nope}' is not a GUID"),
            ("<Role id=\"{11111111-1111-4111-8111-111111111111}\" name=\"X\" isinherited=\"2\" />", "isinherited must be 0 or 1, not '2'"),
            (
                "<Role id=\"{11111111-1111-4111-8111-111111111111}\" name=\"X\"><RolePrivileges><RolePrivilege name=\"prvReadAccount\" /></RolePrivileges></Role>",
                "RolePrivilege 'prvReadAccount' has no 'level' attribute"
            ),
            ("<Roles />", "expected a <Role> root element, found <Roles>"),
            ("", "the file is empty"),
            ("<Role id=\"x\" name=\"a & b\" />", "malformed XML: a name was expected (a stray '<' or '&'?)"),
            // Found by a review: the two attribute messages were swapped, and an empty name read as none.
            ("<Role id=\"x\" name=Unquoted />", "malformed XML: an attribute value is not quoted"),
            ("<Role id=\"x\" name=\"Unclo", "malformed XML: an attribute value is not closed"),
            // Found by an import review: these read "XML parser error 97" and "65".
            ("<?xml version=\"1.1\"?><Role id=\"x\" name=\"X\" />", "malformed XML: unsupported XML version (solution files are XML 1.0)"),
            ("<Role id=\"x\"name=\"X\" />", "malformed XML: a space is required here (between attributes, or in the XML declaration)"),
            (
                "<Role id=\"{11111111-1111-4111-8111-111111111111}\" name=\"X\"><RolePrivileges><RolePrivilege name=\"\" level=\"Basic\" /></RolePrivileges></Role>",
                "RolePrivilege has an empty 'name' attribute"
            ),
            (
                "<!DOCTYPE Role [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><Role id=\"x\" name=\"&x;\" />",
                "the file has a document type declaration (<!DOCTYPE>), which can change what it says unseen (default attribute values, entities): solution files have none; refused"
            ),
        ])
    func malformedRoles(text: String, message: String) throws {
        let folder = try Self.solution(withRole: text)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.message == message)
    }

    @Test("bad field permission values")
    func badFieldPermission() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        let path = folder + "/Other/FieldSecurityProfiles.xml"
        let text = String(decoding: try Fixture.data(path), as: UTF8.self).replacingOccurrences(
            of: "<CanUpdate>4</CanUpdate>", with: "<CanUpdate>2</CanUpdate>")
        try Fixture.write(text, to: path)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.line == 17)
        #expect(e.message == "CanUpdate of contoso_payment.contoso_iban must be 0 (not allowed) or 4 (allowed), not '2'")
    }

    @Test("a field permission written with attributes says permissions are child elements")
    func fieldPermissionAsAttributes() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        let path = folder + "/Other/FieldSecurityProfiles.xml"
        let text = String(decoding: try Fixture.data(path), as: UTF8.self)
        let start = try #require(text.range(of: "<FieldPermission>"))
        let end = try #require(text.range(of: "</FieldPermission>", range: start.upperBound..<text.endIndex))
        let edited = text.replacingCharacters(
            in: start.lowerBound..<end.upperBound,
            with: "<FieldPermission entityname=\"contact\" attributelogicalname=\"contoso_ssn\" canread=\"4\" />")
        try Fixture.write(edited, to: path)
        let e = try Self.error { _ = try SolutionReader.read(folder: folder) }
        #expect(
            e.message.hasSuffix(
                "has no EntityName element (permissions are child elements: <EntityName>, <AttributeName>, <CanRead>..., not attributes)"),
            "\(e.message)")
    }

    @Test("a folder that is not a solution")
    func notASolution() throws {
        let e = try Self.error { _ = try SolutionReader.read(path: Fixture.temporaryFolder()) }
        #expect(e.message.hasPrefix("not an unpacked solution folder"))
        let missing = try Self.error { _ = try SolutionReader.read(path: "/nonexistent/solution") }
        #expect(missing.description == "/nonexistent/solution: no such file or folder")
    }

    /// A copy of the Web API fixture with one file replaced.
    static func payloads(_ name: String, _ text: String) throws -> String {
        let folder = try Fixture.copy(Fixture.webAPIFolder)
        try Fixture.write(text, to: folder + "/" + name)
        return folder
    }

    @Test(
        "Web API payload problems",
        arguments: [
            ("businessunits.json", "{\"value\": [{\"name\": \"Contoso\"}]}", "value[0].businessunitid: missing (add it to $select)"),
            (
                "roleprivileges.json",
                "{\"value\": [{\"roleid\": \"40000000-0000-4000-8000-000000000001\", \"privilegeid\": \"50000000-0000-4000-8000-000000000001\", \"privilegedepthmask\": 3}]}",
                "value[0].privilegedepthmask: unknown value 3 (1 Basic, 2 Local, 4 Deep, 8 Global)"
            ),
            (
                "fieldpermissions.json",
                "{\"value\": [{\"_fieldsecurityprofileid_value\": \"9b2d4c1e-55aa-4e0f-8d21-6c7f3e9a0b14\", \"entityname\": \"a\", \"attributelogicalname\": \"b\", \"canread\": 1, \"cancreate\": 0, \"canupdate\": 0}]}",
                "value[0].canread: expected 0 (not allowed) or 4 (allowed), not 1"
            ),
            // Names Dataverse cannot hold are refused as in solution files (they made tables).
            (
                "fieldpermissions.json",
                "{\"value\": [{\"_fieldsecurityprofileid_value\": \"9b2d4c1e-55aa-4e0f-8d21-6c7f3e9a0b14\", \"entityname\": \"new_a b\", \"attributelogicalname\": \"b\", \"canread\": 4, \"cancreate\": 0, \"canupdate\": 0}]}",
                "value[0].entityname: table name 'new_a b' holds ' ' (U+0020): refused; Dataverse names are letters, digits and underscores"
            ),
            (
                "privileges.json",
                "{\"value\": [{\"privilegeid\": \"50000000-0000-4000-8000-000000000001\", \"name\": \"prvReadnew_\\u200bzw\"}]}",
                "value[0].name: privilege name 'prvReadnew_\\u{200B}zw' holds a control or invisible character (U+200B): refused; Dataverse names are letters, digits and underscores"
            ),
            (
                "teams.json",
                "{\"value\": [{\"teamid\": \"30000000-0000-4000-8000-000000000001\", \"name\": \"T\", \"_businessunitid_value\": \"10000000-0000-4000-8000-000000000001\", \"teamtype\": 9}]}",
                "value[0].teamtype: unknown value 9 (0 Owner, 1 Access, 2 Security group, 3 Office group)"
            ),
            (
                "roles.json", "[1, 2]",
                "not a Web API collection: expected {\"value\": [...]} (save the response of GET \(WebAPIFile.roles.query))"
            ),
            (
                "systemusers.2.json", "{\"value\": [], \"@odata.nextLink\": \"x\"}",
                "the response has @odata.nextLink: more pages exist; save them as systemusers.3.json, systemusers.4.json ... (see the README)"
            ),
            (
                "roles.2.json", "{\"value\": []}",
                "roles.json has no @odata.nextLink, so this is not one of its pages (left from an earlier pull?): remove it, or save every page of one response"
            ),
        ])
    func payloadProblems(name: String, text: String, message: String) throws {
        let folder = try Self.payloads(name, text)
        let e = try Self.error { _ = try WebAPIPayloads.read(folder: folder) }
        #expect(e.file.hasSuffix("/" + name))
        #expect(e.message == message)
    }

    @Test("malformed JSON names the line")
    func malformedJSON() throws {
        let folder = try Self.payloads("teams.json", "{\n  \"value\": [\n    {\"teamid\": \"x\",,}\n  ]\n}\n")
        let e = try Self.error { _ = try WebAPIPayloads.read(folder: folder) }
        #expect(e.line == 3)
        #expect(e.message.hasPrefix("malformed JSON"))
    }

    /// Found by a robustness review: "Invalid value around character 84" for NaN, nothing for a
    /// duplicate key; now the snapshot reader's own messages with path, line and column.
    @Test("malformed JSON and duplicate keys name the line, column and path")
    func malformedJSONIsPlaced() throws {
        let cases: [(String, String, Int, String)] = [
            (
                "{\n  \"value\": [\n    {\"teamid\": \"x\", \"teamid\": \"y\"}\n  ]\n}\n", "teams.json", 3,
                "malformed JSON: value[0].teamid, column 21: duplicate key 'teamid'"
            ),
            ("{\"value\": [{\"n\": NaN}]}", "teams.json", 1, "malformed JSON: value[0].n, column 18: unexpected character"),
            ("{\"value\": [{\"n\": 01}]}", "teams.json", 1, "malformed JSON: value[0].n, column 18: malformed number"),
            (
                "{\"value\": [{\"n\": -1.5e3, \"m\": 0.25}]}\n{", "teams.json", 2,
                "malformed JSON: column 1: unexpected text after the end of the document"
            ),
        ]
        for (text, name, line, message) in cases {
            let folder = try Self.payloads(name, text)
            let e = try Self.error { _ = try WebAPIPayloads.read(folder: folder) }
            #expect(e.line == line && e.message == message, "\(e)")
        }
    }

    @Test("a failed import leaves the target snapshot file untouched")
    func targetUntouched() throws {
        let dir = Fixture.temporaryFolder()
        let path = dir + "/tenant.json"
        let snapshot = try SolutionImporter.snapshot(fromFolder: Fixture.solutionFolder)
        var file = SnapshotFile(path: path)
        try file.save(snapshot)
        let before = try Fixture.data(path)
        let broken = try Self.solution(
            withRole:
                "<Role id=\"{11111111-1111-4111-8111-111111111111}\" name=\"X\"><RolePrivileges><RolePrivilege name=\"prvReadAccount\" level=\"All\" /></RolePrivileges></Role>"
        )
        #expect(throws: DataverseFileError.self) {
            _ = try ImportTarget.run(snapshotPath: path, environment: nil, newName: "x") {
                (env: inout Environment) throws(DataverseFileError) in
                SolutionImporter.merge(try SolutionReader.read(folder: broken), into: &env)
            }
        }
        #expect(try Fixture.data(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + ".bak"))
    }

    @Test("a merge that would make the snapshot invalid is refused")
    func invalidResult() throws {
        let folder = try Self.payloads(
            "systemusers.2.json",
            """
            {"value": [{"systemuserid": "20000000-0000-4000-8000-000000000009", "fullname": "Lost", "_businessunitid_value": "10000000-0000-4000-8000-000000000099"}]}
            """)
        let path = Fixture.temporaryFolder() + "/new.json"
        let e = try Self.error {
            _ = try ImportTarget.run(snapshotPath: path, environment: "Prod", newName: "x") {
                (env: inout Environment) throws(DataverseFileError) in
                try WebAPIImporter.merge(folder: folder, into: &env)
            }
        }
        #expect(e.message.hasPrefix("the import would leave the snapshot invalid:"))
        #expect(e.message.contains("unknown business unit '10000000-0000-4000-8000-000000000099'"))
        // The place is the environment and the record, not only its position in a file never written.
        #expect(e.message.contains("environment 'Prod', user 'Lost' (environments[0].users["), "\(e.message)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
