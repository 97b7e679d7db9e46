import Foundation
import SecurityModel
import Testing
import ZIPFoundation

@testable import DataverseSolution

/// Sizes no solution has are refused with the place: a zip entry before it is extracted (one
/// expanding to 1.3 GB took 1 GB of memory before it was refused), and a name or text longer
/// than dvsec reads (a 9 MB role name was imported whole).
@Suite struct SizeLimitTests {
    static func role(name: String, description: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <Role id="{11111111-2222-3333-4444-555555555555}" name="\(name)">
          <Description>\(description)</Description>
          <RolePrivileges />
        </Role>
        """
    }

    @Test func aRoleNameOverAThousandCharactersIsRefused() throws {
        let long = String(repeating: "A", count: 1_001)
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: try BadInputTests.solution(withRole: Self.role(name: long))) }
        #expect(e.line == 2, "\(e)")
        #expect(
            e.message
                == "Role '11111111-2222-3333-4444-555555555555' has a name of 1001 characters ('\(String(repeating: "A", count: 40))…'): Dataverse allows 100; dvsec reads at most 1000; refused",
            "\(e.message)")
        // Lenient up to the limit, counted in characters, not bytes.
        let folder = try BadInputTests.solution(withRole: Self.role(name: String(repeating: "é", count: 1_000)))
        #expect(try SolutionReader.read(folder: folder).roles.contains { $0.name.count == 1_000 })
    }

    @Test func aDescriptionOverAMillionCharactersIsRefused() throws {
        let folder = try BadInputTests.solution(withRole: Self.role(name: "Long", description: String(repeating: "x", count: 1_000_001)))
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.line == 3 && e.message.hasPrefix("role 'Long' has a Description of 1000001 characters ("), "\(e)")
        let profiles = Fixture.temporaryFolder() + "/p/Other/FieldSecurityProfiles.xml"
        try Fixture.write(
            "<FieldSecurityProfiles><FieldSecurityProfile name=\"\(String(repeating: "P", count: 1_001))\" fieldsecurityprofileid=\"{aaaaaaaa-2222-3333-4444-555555555555}\" /></FieldSecurityProfiles>",
            to: profiles)
        let p = try BadInputTests.error { _ = try SolutionReader.read(folder: (profiles as NSString).deletingLastPathComponent + "/..") }
        #expect(
            p.line == 1 && p.message.hasPrefix("FieldSecurityProfile 'aaaaaaaa-2222-3333-4444-555555555555' has a name of 1001 characters"),
            "\(p)")
    }

    /// An entry whose table of contents says it is too large is refused before extracting.
    @Test func anEntryDeclaredTooLargeIsRefusedBeforeExtracting() throws {
        let zip = try SolutionZipTests.makeZip()
        let e = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: zip, maximumEntrySize: 1_024) }
        #expect(e.file == zip + "!/solution.xml" || e.file == zip + "!/customizations.xml", "\(e)")
        #expect(
            e.message.hasPrefix("expands to more than 1024 bytes: the zip's table of contents gives ")
                && e.message.hasSuffix(" bytes, so nothing was extracted: refused (a damaged or hostile zip)"), "\(e.message)")
    }

    /// Found by a robustness review: a 509 KB zip of spaces expanding to 511 MiB passed the
    /// limit and took 1.6 GB. Over 16 MiB, more than 200 to 1 is refused before extracting.
    @Test func anEntryCompressedBeyondAnyRealRatioIsRefused() throws {
        let body = Data("<ImportExportXml><Roles>".utf8) + Data(repeating: 0x20, count: 20 << 20) + Data("</Roles></ImportExportXml>".utf8)
        let path = try SolutionZipTests.zip([("customizations.xml", body)])
        #expect(try Fixture.data(path).count < 100_000)
        let e = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: path) }
        #expect(e.file == path + "!/customizations.xml", "\(e)")
        #expect(
            e.message.contains("times its compressed")
                && e.message.hasSuffix(
                    "so nothing was extracted (real solution files compress about 10 to 1; dvsec reads up to 200 to 1 above 16 MiB): refused (a damaged or hostile zip)"
                ), "\(e.message)")
    }

    /// An entry whose table of contents lies (it says 100 bytes) is stopped at the limit.
    @Test func anEntryThatExpandsPastWhatItDeclaresIsStoppedAtTheLimit() throws {
        let body = Data(("<ImportExportXml>" + String(repeating: "<Roles/>", count: 20_000) + "</ImportExportXml>").utf8)
        let path = try SolutionZipTests.zip([("customizations.xml", body)])
        // The uncompressed size, in the local header (offset 22) and the central directory
        // entry (offset 24), set to 100.
        var bytes = [UInt8](try Fixture.data(path))
        func patch(at offset: Int) {
            bytes.replaceSubrange(offset..<offset + 4, with: [100, 0, 0, 0])
        }
        patch(at: 22)
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let found = (0..<bytes.count - 4).first { (i: Int) -> Bool in Array(bytes[i..<i + 4]) == signature }
        let central = try #require(found)
        patch(at: central + 24)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let e = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: path, maximumEntrySize: 4_096) }
        #expect(e.file == path + "!/customizations.xml", "\(e)")
        #expect(
            e.message.hasSuffix(
                ", though the zip's table of contents gives 100 bytes; extracting stopped at the limit: refused (a damaged or hostile zip)"),
            "\(e.message)")
    }

    /// An environment with one role and one profile, their descriptions `description`.
    static func environment(description: String, profileName: String = "Long Profile") -> Environment {
        var env = ImportTarget.newEnvironment(named: "Contoso")
        let role = SecurityRole(
            id: "11111111-2222-3333-4444-555555555555", name: "Long", businessUnitId: env.rootBusinessUnit?.id ?? "",
            description: description)
        env.roles[role.id] = role
        let profile = FieldSecurityProfile(id: "aaaaaaaa-2222-3333-4444-555555555555", name: profileName, description: description)
        env.fieldSecurityProfiles[profile.id] = profile
        return env
    }

    /// The review's round trip: a description of 100,001 characters passed `validate` and
    /// `export solution` and the import of that folder refused it. Export and import agree: it
    /// comes back whole.
    @Test func aLongDescriptionComesBackFromItsExport() throws {
        let description = String(repeating: "x", count: 100_001)
        let folder = Fixture.temporaryFolder() + "/long"
        try SolutionExporter.export(Self.environment(description: description), to: folder)
        let back = try SolutionReader.read(folder: folder)
        #expect(back.roles.first?.description == description)
        #expect(back.profiles.first?.profile.description == description)
    }

    /// Over the import's limits, the export refuses before writing anything, naming the role or
    /// profile and the limit.
    @Test func anExportTheImportWouldRefuseWritesNothing() throws {
        let folder = Fixture.temporaryFolder() + "/over"
        let over = String(repeating: "x", count: 1_000_001)
        let e = try #require(throws: DataverseFileError.self) {
            try SolutionExporter.export(Self.environment(description: over), to: folder)
        }
        #expect(
            e.message
                == "role 'Long' has a Description of 1000001 characters, over the 1000000 an import reads: its file would not import back; shorten it first",
            "\(e)")
        #expect(!FileManager.default.fileExists(atPath: folder), "\(e)")

        var env = Self.environment(description: "short", profileName: String(repeating: "P", count: 1_001))
        env.fieldSecurityProfiles["aaaaaaaa-2222-3333-4444-555555555555"]?.description = over
        let p = try #require(throws: DataverseFileError.self) { try SolutionExporter.export(env, to: folder) }
        #expect(
            p.message
                == "profile '\(String(repeating: "P", count: 40))…' has a name of 1001 characters, over the 1000 an import reads: its file would not import back; shorten it first",
            "\(p)")
        #expect(!FileManager.default.fileExists(atPath: folder), "\(p)")
    }
}
