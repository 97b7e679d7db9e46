import Foundation
import SecurityModel
import Testing
import ZIPFoundation

@testable import DataverseSolution

@Suite("Solution zip import")
struct SolutionZipTests {
    /// Builds a packed solution from the fixture folder: `customizations.xml` holds the role,
    /// profile and entity elements, `solution.xml` the manifest.
    static func makeZip(includeCustomizations: Bool = true) throws -> String {
        let folder = Fixture.solutionFolder
        func body(_ path: String) throws -> String {
            var text = String(decoding: try Fixture.data(path), as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            return text.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"utf-8\"?>", with: "")
        }
        let roles = try FileManager.default.contentsOfDirectory(atPath: folder + "/Roles").sorted()
            .map { try body(folder + "/Roles/" + $0) }.joined()
        let profiles = try body(folder + "/Other/FieldSecurityProfiles.xml")
        let entities = try ["contoso_WorkOrder", "contoso_Region", "contoso_Payment"]
            .map { try body(folder + "/Entities/\($0)/Entity.xml") }.joined()
        let customizations = """
            <?xml version="1.0" encoding="utf-8"?>
            <ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <Entities>\(entities)</Entities>
            <Roles>\(roles)</Roles>
            <Workflows><Workflow Name="x"><XamlFileName>/Workflows/x.xaml</XamlFileName></Workflow></Workflows>
            \(profiles)
            </ImportExportXml>
            """
        let path = Fixture.temporaryFolder() + "/ContosoSecurity_1_4_0_0.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        var files: [(String, Data)] = [
            ("solution.xml", try Fixture.data(folder + "/Other/Solution.xml")),
            ("[Content_Types].xml", Data("<Types/>".utf8)),
        ]
        if includeCustomizations { files.append(("customizations.xml", Data(customizations.utf8))) }
        for (name, data) in files {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    /// A zip entry that expands past the limit is refused while it is extracted (a 1.5 MB zip
    /// took 6 GB of memory before failing); the same zip under a limit it fits is read.
    @Test("an entry that expands too far is refused")
    func expansionLimit() throws {
        let zip = try Self.makeZip()
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: zip, maximumEntrySize: 4_096) }
        #expect(error.file.hasSuffix("!/customizations.xml") && error.message.contains("expands to more than 4096 bytes"))
        #expect(try SolutionReader.read(zip: zip, maximumEntrySize: 1 << 24).roles.count == 3)
        #expect(SolutionReader.maximumEntrySize == 1 << 29)
    }

    @Test("zip → snapshot gives the same model as the unpacked folder")
    func sameAsFolder() throws {
        let zip = try Self.makeZip()
        let content = try SolutionReader.read(path: zip)
        #expect(content.manifest?.uniqueName == "ContosoSecurity")
        let (fromZip, _) = try SolutionImporter.snapshot(from: content)
        let (fromFolder, _) = try SolutionImporter.snapshot(from: try SolutionReader.read(folder: Fixture.solutionFolder))
        let a = try #require(fromZip.environments.values.first)
        let b = try #require(fromFolder.environments.values.first)
        #expect(a.roles == b.roles)
        #expect(a.fieldSecurityProfiles == b.fieldSecurityProfiles)
        #expect(a.tables == b.tables)
    }

    @Test("a zip without customizations.xml is refused")
    func missingCustomizations() throws {
        let zip = try Self.makeZip(includeCustomizations: false)
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: zip) }
        #expect(error.description == "\(zip): the zip has no customizations.xml: not a Dataverse solution")
    }

    /// A zip of these entries, in this order (names written as given, duplicates too).
    static func zip(_ entries: [(String, Data)]) throws -> String {
        let path = Fixture.temporaryFolder() + "/entries.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return path
    }

    /// The `customizations.xml` of ``makeZip(includeCustomizations:)``.
    static func customizations() throws -> Data {
        let archive = try Archive(url: URL(fileURLWithPath: try makeZip()), accessMode: .read)
        let entry = try #require(archive["customizations.xml"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    /// Two entries of one name were read as the first, where Python's zipfile reads the last: two
    /// tools saw two different solutions in one zip. Both orders are refused, naming the zip and
    /// the entry, as are two names differing only in case (both match).
    @Test(
        "two entries the import would read under one name are refused",
        arguments: [["customizations.xml", "customizations.xml"], ["customizations.xml", "Customizations.xml"]])
    func duplicateEntries(names: [String]) throws {
        let good = try Self.customizations()
        let other = Data(String(decoding: good, as: UTF8.self).replacingOccurrences(of: "level=\"Local\"", with: "level=\"Global\"").utf8)
        for pair in [[good, other], [other, good]] {
            let zip = try Self.zip([(names[0], pair[0]), (names[1], pair[1])])
            let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: zip) }
            #expect(error.file == zip + "!/" + names[1])
            #expect(error.message.hasPrefix("the zip has 2 entries named customizations.xml ('\(names[0])', '\(names[1])')"))
        }
        // A duplicate manifest is refused too; a nested copy beside a root one is not a duplicate.
        let manifest = try Fixture.data(Fixture.solutionFolder + "/Other/Solution.xml")
        let twoManifests = try Self.zip([("customizations.xml", good), ("solution.xml", manifest), ("solution.xml", manifest)])
        #expect(throws: DataverseFileError.self) { try SolutionReader.read(zip: twoManifests) }
        let nestedAndRoot = try Self.zip([("Other/customizations.xml", other), ("customizations.xml", good)])
        #expect(try SolutionReader.read(zip: nestedAndRoot).roles.count == 3)
    }

    /// `../../customizations.xml` was read as the solution; an entry that climbs out of the
    /// archive or is absolute is refused wherever it is, naming the zip and the entry.
    @Test(
        "an entry named with '..' or an absolute path is refused",
        arguments: ["../../customizations.xml", "Other/../../x.txt", "/tmp/abs.txt", "..\\x.txt", "C:/x.txt"])
    func traversal(name: String) throws {
        let zip = try Self.zip([("customizations.xml", try Self.customizations()), (name, Data("x".utf8))])
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(zip: zip) }
        #expect(error.file == zip + "!/" + name)
        #expect(error.message.contains("refused (a damaged or hostile zip)"))
        let alone = try Self.zip([("x/..y/customizations.xml", try Self.customizations())])
        #expect(try SolutionReader.read(zip: alone).roles.count == 3)
    }

    @Test("a file that is not a zip is refused")
    func notAZip() throws {
        let path = Fixture.temporaryFolder() + "/fake.zip"
        try Fixture.write("hello", to: path)
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(path: path) }
        // In words: it showed ZIPFoundation's missingEndOfCentralDirectoryRecord (found by a review).
        #expect(
            error.message == "not a readable zip archive (its end record is missing: the file is cut short, or is not a zip)",
            "\(error.message)")
    }
}
