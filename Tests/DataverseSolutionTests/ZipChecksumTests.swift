import Foundation
import SecurityModel
import Testing
import ZIPFoundation

@testable import DataverseSolution

/// Found by an ALM review: the CRC-32 of a zip entry was never checked. A zip with one flipped
/// byte in `customizations.xml` (`prvReadAccount` became `prvWeadAccount`: the role lost a
/// privilege) or with its checksums overwritten imported without a word, where `unzip -t` and
/// Python's zipfile refuse both. It is now refused, naming the zip and the entry.
@Suite struct ZipChecksumTests {
    /// A zip of `customizations.xml` (stored, so its bytes can be edited in place) and
    /// `solution.xml`, as bytes.
    static func storedZip() throws -> (path: String, bytes: [UInt8]) {
        let path = Fixture.temporaryFolder() + "/stored.zip"
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let entries = [
            ("customizations.xml", try SolutionZipTests.customizations()),
            ("solution.xml", try Fixture.data(Fixture.solutionFolder + "/Other/Solution.xml")),
        ]
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .none) {
                position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return (path, [UInt8](try Fixture.data(path)))
    }

    /// The offsets of every occurrence of `pattern` in `bytes`.
    static func offsets(of pattern: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard bytes.count >= pattern.count else { return [] }
        return (0...(bytes.count - pattern.count)).filter { Array(bytes[$0..<$0 + pattern.count]) == pattern }
    }

    static func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = Fixture.temporaryFolder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theUndamagedZipIsRead() throws {
        let (path, _) = try Self.storedZip()
        #expect(try SolutionReader.read(zip: path).roles.count == 3)
    }

    /// One byte of the entry changed, its checksum left as it is.
    @Test func aFlippedByteIsRefused() throws {
        var (_, bytes) = try Self.storedZip()
        let at = try #require(Self.offsets(of: Array("prvReadAccount".utf8), in: bytes).first)
        bytes[at + 3] = UInt8(ascii: "W")
        let zip = try Self.write(bytes, "flipped.zip")
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(path: zip) }
        #expect(error.file == zip + "!/customizations.xml")
        #expect(error.message.hasPrefix("CRC-32 mismatch: the archive is damaged (the entry's bytes give "), "\(error.message)")
        #expect(error.message.hasSuffix("); refused (a damaged or hostile zip)"))
    }

    /// The entry intact, every checksum the zip records for it overwritten (local header at
    /// offset 14, central directory header at offset 16).
    @Test(arguments: ["customizations.xml", "solution.xml"])
    func wrongChecksumFieldsAreRefused(entry: String) throws {
        var (_, bytes) = try Self.storedZip()
        let name = Array(entry.utf8)
        let forged: [UInt8] = [0xEF, 0xBE, 0xAD, 0xDE]
        var patched = 0
        for (signature, crcOffset, nameOffset) in [([UInt8]([0x50, 0x4B, 0x03, 0x04]), 14, 30), ([0x50, 0x4B, 0x01, 0x02], 16, 46)] {
            for header in Self.offsets(of: signature, in: bytes)
            where header + nameOffset + name.count <= bytes.count
                && Array(bytes[header + nameOffset..<header + nameOffset + name.count]) == name
            {
                bytes.replaceSubrange(header + crcOffset..<header + crcOffset + 4, with: forged)
                patched += 1
            }
        }
        #expect(patched == 2)
        let zip = try Self.write(bytes, "forged.zip")
        let error = try #require(throws: DataverseFileError.self) { try SolutionReader.read(path: zip) }
        #expect(error.file == zip + "!/" + entry)
        #expect(error.message.contains("CRC-32 mismatch: the archive is damaged") && error.message.contains("the zip records deadbeef"))
    }
}
