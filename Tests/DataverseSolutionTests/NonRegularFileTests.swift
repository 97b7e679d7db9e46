import Foundation
import SecurityModel
import Testing
import ZIPFoundation

@testable import DataverseSolution

/// What is not a regular file is refused, saying what it is and where: a FIFO read as "You
/// don't have permission." (or blocked), a link to `/dev/zero` the same, a folder named `x.xml`
/// as "NSCocoaErrorDomain error 256", and a zip's symbolic link named customizations.xml as "the
/// zip has no customizations.xml".
@Suite struct NonRegularFileTests {
    static func error(withRole make: (String) throws -> Void) throws -> DataverseFileError {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try make(folder + "/Roles/a.xml")
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file == folder + "/Roles/a.xml" && e.line == nil, "\(e)")
        return e
    }

    @Test func aFIFOIsRefused() throws {
        let e = try Self.error { path in #expect(mkfifo(path, 0o600) == 0) }
        #expect(e.message == "is a named pipe (FIFO), not a regular file: refused")
    }

    @Test func aLinkToADeviceIsRefused() throws {
        let e = try Self.error { path in try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero") }
        #expect(e.message == "is a character device (through a symbolic link to /dev/zero), not a regular file: refused")
    }

    @Test func aFolderNamedLikeARoleFileIsRefused() throws {
        let e = try Self.error { path in try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        #expect(e.message == "is a folder, not a regular file: refused")
    }

    /// A link to a regular file reads as that file.
    @Test func aLinkToARegularFileReads() throws {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try FileManager.default.moveItem(atPath: folder + "/Roles/Legacy Auditor.xml", toPath: folder + "/auditor.xml")
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/Roles/Legacy Auditor.xml", withDestinationPath: folder + "/auditor.xml")
        #expect(try SolutionReader.read(folder: folder).roles.count == 3)
    }

    @Test func aSymbolicLinkEntryNamedCustomizationsIsRefused() throws {
        let path = Fixture.temporaryFolder() + "/link.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "customizations.xml", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in
            target.subdata(in: Int(position)..<Int(position) + size)
        }
        let e = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: path) }
        #expect(e.file == path + "!/customizations.xml", "\(e)")
        #expect(e.message == "is a symbolic link entry, not a file: a solution zip holds none; refused (a damaged or hostile zip)", "\(e)")
    }

    /// The export read every file in Roles/ and the profile file with no check: a FIFO there
    /// blocked it. A FIFO in Roles/ is passed over; one as the profile file is refused.
    @Test func anExportPassesOverAFIFO() throws {
        let (env, _) = try Fixture.importedSolution()
        let out = Fixture.temporaryFolder()
        try FileManager.default.createDirectory(atPath: out + "/Roles", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: out + "/Other", withIntermediateDirectories: true)
        #expect(mkfifo(out + "/Roles/pipe.xml", 0o600) == 0)
        #expect(try SolutionExporter.exportReport(env, to: out, options: .init(roles: [FixtureID.auditor])).files.count == 1)
        #expect(mkfifo(out + "/Other/FieldSecurityProfiles.xml", 0o600) == 0)
        let e = try #require(throws: DataverseFileError.self) { try SolutionExporter.exportReport(env, to: out) }
        #expect(
            e.message
                == "is a named pipe (FIFO), not a regular file: refused; the profiles it holds cannot be kept, so it is not replaced",
            "\(e)")
    }
}
