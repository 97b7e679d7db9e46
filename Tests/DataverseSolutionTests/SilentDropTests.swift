import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// Content a file holds that the import would not read is said, never dropped without a word.
@Suite("What the import does not read is said")
struct SilentDropTests {
    /// A misspelled `<RolePriviliges>` in a role file for an existing role showed only
    /// "privileges: 5 removed". Each unknown child of Role, RolePrivileges, FieldSecurityProfile,
    /// FieldPermissions and FieldPermission is warned of, with its line and the name it is near.
    @Test("unknown elements are warned of at their line")
    func unknownElements() throws {
        let folder = try BadInputTests.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="Typo">
                  <IsCustomizable>1</IsCustomizable>
                  <RolePriviliges>
                    <RolePrivilege name="prvReadAccount" level="Global" />
                  </RolePriviliges>
                  <Comment>kept by hand</Comment>
                </Role>
                """, named: "x.xml")
        let profiles = folder + "/Other/FieldSecurityProfiles.xml"
        let text = String(decoding: try Fixture.data(profiles), as: UTF8.self)
            .replacingOccurrences(of: "<CanReadUnmasked>3</CanReadUnmasked>", with: "<CanReadUnmaksed>3</CanReadUnmaksed>")
        try Fixture.write(text, to: profiles)
        let content = try SolutionReader.read(folder: folder)
        let warnings = content.warnings.map(\.description)
        #expect(
            warnings == [
                "\(folder)/Roles/x.xml:4: unknown element RolePriviliges in role 'Typo': not read; did you mean RolePrivileges?",
                "\(folder)/Roles/x.xml:7: unknown element Comment in role 'Typo': not read",
                "\(profiles):11: unknown element CanReadUnmaksed in a FieldPermission of profile 'Finance Profile': not read; did you mean CanReadUnmasked?",
            ], "\(warnings)")
        // The fixture's own files, as Dataverse writes them, hold no unknown element.
        #expect(try SolutionReader.read(folder: Fixture.solutionFolder).warnings.isEmpty)
    }

    /// An external entity used in an attribute was refused, while in text it was dropped
    /// silently (the Description came back empty), and so was an internal one: the parser on
    /// Linux drops every declared entity from text. A file declaring entities (any document type
    /// declaration: DocumentTypeAndEncodingTests) is refused at the declaration's line; XML's own
    /// entities and character references read.
    @Test("a file declaring entities is refused at the declaration's line")
    func entityInText() throws {
        let secret = Fixture.temporaryFolder() + "/secret.txt"
        try Fixture.write("TOP SECRET", to: secret)
        func role(_ description: String) throws -> String {
            try BadInputTests.solution(
                withRole: """
                    <?xml version="1.0" encoding="utf-8"?>
                    <!DOCTYPE Role [ <!ENTITY xxe SYSTEM "file://\(secret)"> <!ENTITY co "Contoso"> ]>
                    <Role id="{11111111-1111-4111-8111-111111111111}" name="X">
                      <IsCustomizable>1</IsCustomizable>
                      \(description)
                      <RolePrivileges><RolePrivilege name="prvReadAccount" level="Global" /></RolePrivileges>
                    </Role>
                    """)
        }
        for (entity, description) in [("xxe", "<Description>&xxe;</Description>"), ("co", "<Description>&co; auditors</Description>")] {
            let folder = try role(description)
            let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
            #expect(e.file == folder + "/Roles/Broken.xml" && e.line == 2, "\(e)")
            #expect(
                e.message
                    == "the file has a document type declaration (<!DOCTYPE>), which can change what it says unseen (default attribute values, entities): solution files have none; refused",
                "\(e.message) (\(entity))")
        }
        let plain = try BadInputTests.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <!-- <!ENTITY in a comment> -->
                <Role id="{11111111-1111-4111-8111-111111111111}" name="X">
                  <Description>&lt;b&gt; &amp; &#x41; &lt;!ENTITY</Description>
                </Role>
                """)
        let read = try #require(try SolutionReader.read(folder: plain).roles.first { $0.name == "X" })
        #expect(read.description == "<b> & A <!ENTITY")
        // UTF-16 too, named by the declaration's line.
        let utf16 = try role("<Description>&xxe;</Description>")
        let path = utf16 + "/Roles/Broken.xml"
        var bytes = Data([0xFF, 0xFE])
        bytes.append(
            String(decoding: try Fixture.data(path), as: UTF8.self).replacingOccurrences(of: "utf-8", with: "utf-16").data(
                using: .utf16LittleEndian)!)
        try bytes.write(to: URL(fileURLWithPath: path))
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: utf16) }
        #expect(e.line == 2 && e.message.hasPrefix("the file has a document type declaration (<!DOCTYPE>)"), "\(e)")
    }

    /// The review's `tworp`: a role's second `<RolePrivileges>` block was skipped (its
    /// `prvDeleteAccount` at Global never imported). Every block is read; so is every
    /// `<FieldPermissions>` block of a profile. A second single-valued element is warned of.
    @Test func everyPrivilegeAndPermissionBlockIsRead() throws {
        let folder = try BadInputTests.solution(
            withRole: """
                <?xml version="1.0"?>
                <Role id="{11111111-2222-3333-4444-555555555555}" name="TwoRP">
                  <IsCustomizable>1</IsCustomizable>
                  <IsCustomizable>0</IsCustomizable>
                  <RolePrivileges>
                    <RolePrivilege name="prvReadAccount" level="Basic" />
                  </RolePrivileges>
                  <RolePrivileges>
                    <RolePrivilege name="prvDeleteAccount" level="Global" />
                  </RolePrivileges>
                </Role>
                """)
        let profiles = folder + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            """
            <FieldSecurityProfiles>
              <FieldSecurityProfile name="P" fieldsecurityprofileid="{aaaaaaaa-2222-3333-4444-555555555555}">
                <FieldPermissions>
                  <FieldPermission><EntityName>contoso_payment</EntityName><AttributeName>contoso_iban</AttributeName><CanRead>4</CanRead></FieldPermission>
                </FieldPermissions>
                <FieldPermissions>
                  <FieldPermission><EntityName>contoso_payment</EntityName><AttributeName>contoso_amount</AttributeName><CanRead>4</CanRead><CanRead>0</CanRead></FieldPermission>
                </FieldPermissions>
              </FieldSecurityProfile>
            </FieldSecurityProfiles>
            """, to: profiles)
        let content = try SolutionReader.read(folder: folder)
        let role = try #require(content.roles.first { $0.name == "TwoRP" })
        #expect(role.privileges.map(\.name) == ["prvReadAccount", "prvDeleteAccount"])
        #expect(role.isCustomizable == true)
        let profile = try #require(content.profiles.first).profile
        #expect(profile.permissions.keys.map(\.column).sorted() == ["contoso_amount", "contoso_iban"])
        #expect(
            content.warnings.map(\.description) == [
                "\(folder)/Roles/Broken.xml:4: role 'TwoRP' has a second IsCustomizable (the first is on line 3): not read; the first is",
                "\(profiles):7: a FieldPermission of profile 'P' has a second CanRead (the first is on line 7): not read; the first is",
            ], "\(content.warnings)")
    }

    /// The review's `fsptypo`: `<FieldSecurityProfle>` (a typo) was skipped without a word, and
    /// profile B vanished from the import. An element in FieldSecurityProfiles that is not a
    /// FieldSecurityProfile is warned of at its line.
    @Test func aMisspelledProfileIsWarnedOf() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        let profiles = folder + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <FieldSecurityProfile name="A" fieldsecurityprofileid="{aaaaaaaa-2222-3333-4444-555555555555}">
                <FieldPermissions />
              </FieldSecurityProfile>
              <FieldSecurityProfle name="B" fieldsecurityprofileid="{bbbbbbbb-2222-3333-4444-555555555555}">
                <FieldPermissions />
              </FieldSecurityProfle>
            </FieldSecurityProfiles>
            """, to: profiles)
        let content = try SolutionReader.read(folder: folder)
        #expect(
            content.warnings.map(\.description) == [
                "\(profiles):6: unknown element FieldSecurityProfle in FieldSecurityProfiles: not read; did you mean FieldSecurityProfile?"
            ], "\(content.warnings)")
    }

    /// The review's `tworoles.zip` (a second `<Roles>` in customizations.xml was skipped, with
    /// its role) and `roletypo.zip` (`<Rol>` skipped without a word): every block is read, and an
    /// element that is not what its block holds, or a misspelled block, is warned of.
    @Test func everyBlockOfCustomizationsIsReadAndTyposAreWarnedOf() throws {
        let customizations = """
            <ImportExportXml>
            <Roles><Role id="{11111111-2222-3333-4444-555555555551}" name="First"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Basic"/></RolePrivileges></Role></Roles>
            <Roles><Role id="{11111111-2222-3333-4444-555555555552}" name="Second"><RolePrivileges><RolePrivilege name="prvDeleteAccount" level="Global"/></RolePrivileges></Role></Roles>
            <Roles><Rol id="{11111111-2222-3333-4444-555555555553}" name="Typo"><RolePrivileges/></Rol></Roles>
            <Rols><Role id="{11111111-2222-3333-4444-555555555554}" name="InATypo"><RolePrivileges/></Role></Rols>
            <FieldSecurityProfiles><FieldSecurityProfile name="A" fieldsecurityprofileid="{aaaaaaaa-2222-3333-4444-555555555555}" /></FieldSecurityProfiles>
            <FieldSecurityProfiles><FieldSecurityProfile name="B" fieldsecurityprofileid="{bbbbbbbb-2222-3333-4444-555555555555}" /></FieldSecurityProfiles>
            <Workflows />
            </ImportExportXml>
            """
        let zip = try SolutionZipTests.zip([("customizations.xml", Data(customizations.utf8))])
        let content = try SolutionReader.read(zip: zip)
        #expect(content.roles.map(\.name) == ["First", "Second"])
        #expect(content.profiles.map(\.profile.name) == ["A", "B"])
        #expect(
            content.warnings.map(\.description) == [
                "\(zip)!/customizations.xml:5: unknown element Rols in ImportExportXml: not read; did you mean Roles?",
                "\(zip)!/customizations.xml:4: unknown element Rol in Roles: not read; did you mean Role?",
            ], "\(content.warnings)")
    }
}
