import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Found by an ALM review: a 5 MB `RolePrivilege name` was stored, exported, and echoed whole in a
/// 5 MB warning line, while role and profile names were capped at 1,000 characters; and a 20 MB
/// role name was refused only as "malformed XML: the parser stopped at an internal limit".
@Suite struct NameLengthTests {
    static func role(privilege: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Role id="{11111111-2222-3333-4444-555555555555}" name="Long">
          <RolePrivileges>
            <RolePrivilege name="\(privilege)" level="Global" />
          </RolePrivileges>
        </Role>
        """
    }

    static func folder(withRole text: String) throws -> String {
        let folder = Fixture.temporaryFolder()
        try Fixture.write(text, to: folder + "/Roles/a.xml")
        return folder
    }

    @Test func aPrivilegeNameOverAThousandCharactersIsRefusedAtItsLine() throws {
        let long = "prvRead" + String(repeating: "A", count: 994)
        let folder = try Self.folder(withRole: Self.role(privilege: long))
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(
            e.description
                == "\(folder)/Roles/a.xml:4: privilege name '\(long.prefix(40))…' is 1001 characters long: Dataverse names are far shorter; dvsec reads at most 1000; refused"
        )
    }

    /// Up to the limit a name is read, and a warning shows its first 80 characters.
    @Test func aLongNameIsReadAndShownShortInWarnings() throws {
        let long = "prvFrob" + String(repeating: "A", count: 993)
        let content = try SolutionReader.read(folder: try Self.folder(withRole: Self.role(privilege: long)))
        #expect(content.roles.first?.privileges.first?.name == long)
        let (_, report) = try SolutionImporter.snapshot(from: content)
        let warning = try #require(report.warnings.first { $0.message.contains("not mapped to a table") })
        #expect(warning.message.contains(": \(long.prefix(80))… (line ") && warning.description.count < 300, "\(warning)")
    }

    @Test(arguments: ["EntityName", "AttributeName"])
    func aTableOrColumnNameOverAThousandCharactersIsRefused(element: String) throws {
        let long = "new_" + String(repeating: "x", count: 997)
        let values = element == "EntityName" ? (long, "new_secret") : ("account", long)
        let path = Fixture.temporaryFolder() + "/p/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            """
            <FieldSecurityProfiles>
              <FieldSecurityProfile name="P" fieldsecurityprofileid="{aaaaaaaa-2222-3333-4444-555555555555}">
                <FieldPermissions>
                  <FieldPermission>
                    <EntityName>\(values.0)</EntityName>
                    <AttributeName>\(values.1)</AttributeName>
                    <CanRead>4</CanRead>
                  </FieldPermission>
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """, to: path)
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: (path as NSString).deletingLastPathComponent + "/..") }
        #expect(e.line == (element == "EntityName" ? 5 : 6), "\(e)")
        #expect(
            e.message
                == "\(element) '\(long.prefix(40))…' is 1001 characters long: Dataverse names are far shorter; dvsec reads at most 1000; refused"
        )
    }

    /// A value past the XML parser's limit (10,000,000 bytes) is refused with the limit dvsec
    /// documents for it, at its line, instead of the parser's "internal limit".
    @Test func aRoleNamePastTheParsersLimitIsRefusedAsTooLong() throws {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- a comment -->
            <Role id="{11111111-2222-3333-4444-555555555555}"
                  name="\(String(repeating: "A", count: 10_500_000))">
              <RolePrivileges />
            </Role>
            """
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: try Self.folder(withRole: text)) }
        #expect(e.line == 4, "\(e)")
        #expect(
            e.message
                == "Role '11111111-2222-3333-4444-555555555555' has a name of 10500000 characters ('\(String(repeating: "A", count: 40))…'): Dataverse allows 100; dvsec reads at most 1000; refused"
        )
    }

    /// The scan behind that refusal: the longest value, its element, attribute, line and start,
    /// whatever comments, CDATA and processing instructions surround it, in UTF-8 or UTF-16.
    @Test func theLongestValueIsFoundWithItsPlace() throws {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- <Role name="not this one, a comment"> -->
            <?pi also="ignored"?>
            <Root><FieldSecurityProfile
              fieldsecurityprofileid="{AAAAAAAA-2222-3333-4444-555555555555}" description='short'
              name="Profile with a name longer than its id is, quite long">
              <Text><![CDATA[cdata]]></Text>
            </FieldSecurityProfile></Root>
            """
        let expected = XMLLongValue(
            element: "FieldSecurityProfile", attribute: "name", id: "{AAAAAAAA-2222-3333-4444-555555555555}", line: 6, length: 53,
            start: "Profile with a name longer than its id i")
        #expect(XMLLongValue.longest(in: Data(text.utf8), minimum: 10) == expected)
        let utf16 = Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data())
        #expect(XMLLongValue.longest(in: utf16, minimum: 10) == expected)
        #expect(
            expected.refusal
                == "FieldSecurityProfile 'aaaaaaaa-2222-3333-4444-555555555555' has a name of 53 characters ('Profile with a name longer than its id i…'): Dataverse allows 100; dvsec reads at most 1000; refused"
        )
        #expect(XMLLongValue.longest(in: Data(text.utf8), minimum: 100) == nil)
    }

    /// What the import refuses, the export refuses before writing anything.
    @Test func anExportWithATooLongPrivilegeOrColumnNameWritesNothing() throws {
        var env = ImportTarget.newEnvironment(named: "Long")
        let long = "prvFrob" + String(repeating: "A", count: 994)
        env.roles["11111111-2222-3333-4444-555555555555"] = SecurityRole(
            id: "11111111-2222-3333-4444-555555555555", name: "Long", businessUnitId: env.rootBusinessUnit?.id ?? "",
            unmappedPrivileges: [long: .organization])
        let folder = Fixture.temporaryFolder() + "/out"
        let e = try #require(throws: DataverseFileError.self) { try SolutionExporter.export(env, to: folder) }
        #expect(
            e.message
                == "role 'Long' has a privilege name ('\(long.prefix(40))…') of 1001 characters, over the 1000 an import reads: its file would not import back; shorten it first"
        )
        #expect(!FileManager.default.fileExists(atPath: folder))

        env.roles = [:]
        let column = "new_" + String(repeating: "x", count: 997)
        env.fieldSecurityProfiles["aaaaaaaa-2222-3333-4444-555555555555"] = FieldSecurityProfile(
            id: "aaaaaaaa-2222-3333-4444-555555555555", name: "P",
            permissions: [ColumnReference(table: "account", column: column): .all])
        let p = try #require(throws: DataverseFileError.self) { try SolutionExporter.export(env, to: folder) }
        #expect(p.message.hasPrefix("profile 'P' has a column name ('\(column.prefix(40))…') of 1001 characters"), "\(p)")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
