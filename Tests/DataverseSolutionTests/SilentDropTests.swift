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
}
