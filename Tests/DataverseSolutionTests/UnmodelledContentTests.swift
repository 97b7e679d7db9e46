import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// What a solution folder holds that dvsec does not model, and how files are kept when an export
/// rewrites a folder (an ALM review, rev5): unknown attributes and elements survive a rewrite, a
/// profile the export does not write stays byte for byte, a role keeps its file whatever its
/// name, a UTF-16 file stays UTF-16, and `Roles/` beside `roles/` is refused.
@Suite struct UnmodelledContentTests {
    static let roleId = "99999999-9999-9999-9999-999999999999"

    /// A role with an attribute (`roletemplateid`), an element (`IsInheritable`) and a privilege
    /// attribute (`recordfilter`) dvsec does not model; CRLF and a BOM, as SolutionPackager writes.
    static let role = """
        \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
        <Role id="{99999999-9999-9999-9999-999999999999}" name="Unk Role" isinherited="1" roletemplateid="{aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
          <IsCustomizable>1</IsCustomizable>
          <IsAutoAssigned>0</IsAutoAssigned>
          <IsInheritable>1</IsInheritable>
          <RolePrivileges>
            <RolePrivilege name="prvReadAccount" level="Global" recordfilter="{11111111-2222-3333-4444-555555555555}" />
            <RolePrivilege name="prvWriteAccount" level="Basic" />
          </RolePrivileges>
        </Role>

        """.replacingOccurrences(of: "\n", with: "\r\n")

    /// Two profiles with an attribute (`ismanaged`) and an element (`IsCustomizable`) dvsec does
    /// not model; the second one laid out on one line, as no tool dvsec writes for.
    static let otherProfile = """
          <FieldSecurityProfile name="Other Solution Profile" fieldsecurityprofileid="{12121212-1212-1212-1212-121212121212}" ismanaged="1">
            <IsCustomizable>0</IsCustomizable>
            <FieldPermissions>
              <FieldPermission><EntityName>account</EntityName><AttributeName>creditlimit</AttributeName><CanRead>4</CanRead><CanUpdate>0</CanUpdate><CanCreate>0</CanCreate></FieldPermission>
            </FieldPermissions>
          </FieldSecurityProfile>
        """
    static let profiles = """
        \u{FEFF}<?xml version="1.0" encoding="utf-8"?>
        <FieldSecurityProfiles xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        \(otherProfile)
          <FieldSecurityProfile name="Finance" fieldsecurityprofileid="{34343434-3434-3434-3434-343434343434}" ismanaged="0">
            <IsCustomizable>1</IsCustomizable>
            <FieldPermissions>
              <FieldPermission>
                <EntityName>account</EntityName>
                <AttributeName>creditlimit</AttributeName>
                <CanRead>4</CanRead>
                <CanUpdate>0</CanUpdate>
                <CanCreate>0</CanCreate>
                <CanReadUnmasked>0</CanReadUnmasked>
              </FieldPermission>
            </FieldPermissions>
          </FieldSecurityProfile>
        </FieldSecurityProfiles>

        """.replacingOccurrences(of: "\n", with: "\r\n")

    static func folder(roleFile: String = "Unk Role.xml") throws -> (folder: String, role: String, profiles: String) {
        let folder = Fixture.temporaryFolder() + "/Unmodelled"
        let rolePath = folder + "/Roles/" + roleFile
        let profilesPath = folder + "/Other/FieldSecurityProfiles.xml"
        try Fixture.write(role, to: rolePath)
        try Fixture.write(profiles, to: profilesPath)
        return (folder, rolePath, profilesPath)
    }

    /// The import says what it does not read: each unknown attribute at its line, beside the
    /// unknown elements it already named.
    @Test func theImportWarnsOfUnknownAttributes() throws {
        let (folder, _, _) = try Self.folder()
        let (_, report) = try Fixture.importedSolution(folder)
        let messages = report.warnings.map(\.description)
        for expected in [
            "Unk Role.xml:2: unknown attribute roletemplateid in role 'Unk Role': not read",
            "Unk Role.xml:7: unknown attribute recordfilter in privilege 'prvReadAccount' of role 'Unk Role': not read",
            "FieldSecurityProfiles.xml:3: unknown attribute ismanaged in profile 'Other Solution Profile': not read",
            "Unk Role.xml:5: unknown element IsInheritable in role 'Unk Role': not read",
        ] {
            #expect(messages.contains { $0.hasSuffix(expected) }, "\(expected) not in \(messages)")
        }
    }

    /// A changed role is rewritten with the same content plus the change: the unknown attribute,
    /// element and privilege attribute stay where they were.
    @Test func aRewrittenRoleKeepsWhatDvsecDoesNotModel() throws {
        let (folder, rolePath, _) = try Self.folder()
        var (env, _) = try Fixture.importedSolution(folder)
        env.roles[Self.roleId]?.privileges["account"]?[.write] = .businessUnit
        let report = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [Self.roleId]))
        #expect(report.files.map(\.change) == [.updated])
        let expected = Self.role.replacingOccurrences(of: "prvWriteAccount\" level=\"Basic\"", with: "prvWriteAccount\" level=\"Local\"")
        #expect(String(decoding: try Fixture.data(rolePath), as: UTF8.self) == expected)
    }

    /// A profile the export does not write stays in the file byte for byte (it lost `ismanaged`
    /// and `IsCustomizable`, and gained `CanReadUnmasked`); one it writes keeps them.
    @Test func profilesKeepWhatDvsecDoesNotModel() throws {
        let (folder, _, profilesPath) = try Self.folder()
        var (env, _) = try Fixture.importedSolution(folder)
        let other = "12121212-1212-1212-1212-121212121212"
        let finance = "34343434-3434-3434-3434-343434343434"
        env.fieldSecurityProfiles[other] = nil
        env.fieldSecurityProfiles[finance]?.permissions[ColumnReference(table: "account", column: "creditlimit")]?.canUpdate = true
        _ = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [], profiles: [finance]))
        let text = String(decoding: try Fixture.data(profilesPath), as: UTF8.self)
        let expected = Self.profiles.replacingOccurrences(
            of: "<CanUpdate>0</CanUpdate>\r\n        <CanCreate>", with: "<CanUpdate>4</CanUpdate>\r\n        <CanCreate>")
        #expect(expected != Self.profiles)
        #expect(text == expected)
        #expect(text.contains(Self.otherProfile.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    /// An untouched role whose file has another name keeps its file (it was written to
    /// `Roles/<Role Name>.xml` and the file removed); a changed one is rewritten in it; a renamed
    /// one moves to its new name.
    @Test func aRoleKeepsItsFileWhateverItsName() throws {
        let (folder, legacyPath, _) = try Self.folder(roleFile: "Auditor Role (legacy).xml")
        var (env, _) = try Fixture.importedSolution(folder)
        let untouched = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [Self.roleId]))
        #expect(untouched.files.map(\.path) == [legacyPath] && untouched.files.map(\.change) == [.unchanged])
        #expect(untouched.removed.isEmpty)
        #expect(String(decoding: try Fixture.data(legacyPath), as: UTF8.self) == Self.role)

        env.roles[Self.roleId]?.privileges["account"]?[.write] = .businessUnit
        let changed = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [Self.roleId]))
        #expect(changed.files.map(\.path) == [legacyPath] && changed.files.map(\.change) == [.updated])
        #expect(changed.removed.isEmpty)

        env.roles[Self.roleId]?.name = "Audit Team"
        let renamed = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [Self.roleId]))
        #expect(renamed.files.map(\.path) == [folder + "/Roles/Audit Team.xml"])
        #expect(renamed.removed == [legacyPath])
        let moved = String(decoding: try Fixture.data(folder + "/Roles/Audit Team.xml"), as: UTF8.self)
        #expect(moved.contains("roletemplateid=") && moved.contains("<IsInheritable>1</IsInheritable>"), "\(moved)")
    }

    /// A UTF-16 role or profile file (either byte order, with its mark, CRLF) is rewritten in
    /// UTF-16 with its mark and CRLF, and declares `utf-16` (it came back UTF-8 without a mark, LF).
    @Test(arguments: [false, true])
    func aUTF16FileStaysUTF16(bigEndian: Bool) throws {
        let (folder, rolePath, profilesPath) = try Self.folder()
        func utf16(_ text: String) -> Data {
            let body = text.dropFirst().replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"utf-16\"")
            var data = Data(bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE])
            for unit in body.utf16 {
                data.append(contentsOf: bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)])
            }
            return data
        }
        try utf16(Self.role).write(to: URL(fileURLWithPath: rolePath))
        try utf16(Self.profiles).write(to: URL(fileURLWithPath: profilesPath))
        var (env, _) = try Fixture.importedSolution(folder)
        let finance = "34343434-3434-3434-3434-343434343434"
        env.roles[Self.roleId]?.privileges["account"]?[.write] = .businessUnit
        env.fieldSecurityProfiles[finance]?.permissions[ColumnReference(table: "account", column: "creditlimit")]?.canUpdate = true
        let report = try SolutionExporter.exportReport(env, to: folder, options: .init(roles: [Self.roleId], profiles: [finance]))
        #expect(report.files.prefix(2).map(\.change) == [.updated, .updated])
        let expectedRole = Self.role.replacingOccurrences(
            of: "prvWriteAccount\" level=\"Basic\"", with: "prvWriteAccount\" level=\"Local\"")
        #expect(try Fixture.data(rolePath) == utf16(expectedRole))
        let expectedProfiles = Self.profiles.replacingOccurrences(
            of: "<CanUpdate>0</CanUpdate>\r\n        <CanCreate>", with: "<CanUpdate>4</CanUpdate>\r\n        <CanCreate>")
        #expect(try Fixture.data(profilesPath) == utf16(expectedProfiles))
        // And it reads back as it was written.
        let (back, _) = try Fixture.importedSolution(folder)
        #expect(back.roles[Self.roleId]?.privileges["account"]?[.write] == .businessUnit)
    }

    /// `Roles/` beside `roles/` (or `Other/` beside `other/`) is refused, by the import and by an
    /// export into the folder: one of them was read and the other ignored without a word.
    @Test(arguments: ["Roles", "Other"])
    func twoFoldersOfOneNameAreRefused(name: String) throws {
        let (folder, _, _) = try Self.folder()
        let (env, _) = try Fixture.importedSolution(folder)
        try FileManager.default.createDirectory(atPath: folder + "/" + name.lowercased(), withIntermediateDirectories: true)
        let expected = "the folder has 2 entries named \(name) (\(name), \(name.lowercased())): which one is the solution's is not knowable"
        let read = #expect(throws: DataverseFileError.self) { try SolutionReader.read(folder: folder) }
        #expect(read?.message.hasPrefix(expected) == true, "\(String(describing: read))")
        let export = #expect(throws: DataverseFileError.self) { try SolutionExporter.exportReport(env, to: folder) }
        #expect(export?.message.hasPrefix(expected) == true, "\(String(describing: export))")
    }
}
