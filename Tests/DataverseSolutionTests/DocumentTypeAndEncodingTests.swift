import Foundation
import SecurityModel
import Testing

@testable import DataverseSolution

/// A document type declaration changes what a file says without showing it, and a file in an
/// encoding the prolog check cannot read could hide one: both are refused before parsing.
@Suite("Document type declarations and encodings")
struct DocumentTypeAndEncodingTests {
    static let refusal =
        "the file has a document type declaration (<!DOCTYPE>), which can change what it says unseen (default attribute values, entities): solution files have none; refused"

    /// The error reading a solution whose `Roles/Broken.xml` holds `bytes`.
    static func error(reading bytes: Data) throws -> DataverseFileError {
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try bytes.write(to: URL(fileURLWithPath: folder + "/Roles/Broken.xml"))
        let e = try BadInputTests.error { _ = try SolutionReader.read(folder: folder) }
        #expect(e.file == folder + "/Roles/Broken.xml", "\(e)")
        return e
    }

    static func error(reading text: String) throws -> DataverseFileError { try error(reading: Data(text.utf8)) }

    static func utf16(_ text: String, bigEndian: Bool = false, byteOrderMark: Bool = true) -> Data {
        var data = Data(byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : [])
        for unit in text.utf16 {
            data.append(contentsOf: bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)])
        }
        return data
    }

    /// The review's cases: an `ATTLIST` default made `<RolePrivilege name="prvDeleteAccount"/>`
    /// Global; an entity whose text is a `RolePrivilege` added one; a processing instruction
    /// holding `<` before `<!ENTITY` ended the old scan, which took it for the root element.
    /// Every document type declaration is refused at its line, whatever it holds.
    @Test(
        arguments: [
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE Role [\n<!ATTLIST RolePrivilege level CDATA \"Global\">\n]>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"EvilB\">\n<RolePrivileges><RolePrivilege name=\"prvDeleteAccount\" /></RolePrivileges>\n</Role>",
                2
            ),
            (
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE Role SYSTEM \"x<y\" [\n<!ENTITY p '<RolePrivilege name=\"prvDeleteAccount\" level=\"Global\" />'>\n]>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"EvilM\">\n<RolePrivileges>&p;</RolePrivileges>\n</Role>",
                2
            ),
            (
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- a comment -->\n<?pi <x ?>\n<!DOCTYPE Role [\n<?pi <x ?>\n<!ENTITY x \"INJECTED\">\n]>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"Evil &x;\"><RolePrivileges /></Role>",
                4
            ),
            // No internal subset at all, and an external one the parser does not load.
            ("<!DOCTYPE Role>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"X\"><RolePrivileges /></Role>", 1),
            (
                "<?xml version=\"1.0\"?>\n\n<!DOCTYPE Role SYSTEM \"file:///etc/passwd\">\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"X\"><RolePrivileges /></Role>",
                3
            ),
            ("<!--\n\n--><!doctype Role><Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"X\" />", 3),
        ])
    func aDocumentTypeDeclarationIsRefusedAtItsLine(text: String, line: Int) throws {
        let e = try Self.error(reading: text)
        #expect(e.line == line && e.message == Self.refusal, "\(e)")
    }

    /// UTF-16 (as Dataverse may write it), either byte order: the declaration is found decoded.
    @Test func aDocumentTypeDeclarationInUTF16IsRefused() throws {
        let text =
            "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<!DOCTYPE Role [\n<!ENTITY x \"INJECTED\">\n]>\n<Role id=\"x\" name=\"&x;\" />"
        for big in [false, true] {
            let e = try Self.error(reading: Self.utf16(text, bigEndian: big))
            #expect(e.line == 2 && e.message == Self.refusal, "\(e)")
        }
    }

    /// What only looks like a declaration reads: one inside a comment, a processing instruction
    /// or the root element's text.
    @Test func markupThatOnlyLooksLikeADeclarationReads() throws {
        let folder = try BadInputTests.solution(
            withRole: """
                <?xml version="1.0" encoding="utf-8"?>
                <!-- <!DOCTYPE Role [ <!ENTITY x "y"> ]> -->
                <?note <!DOCTYPE x> ?>
                <Role id="{11111111-1111-4111-8111-111111111111}" name="X">
                  <Description>&lt;!DOCTYPE Role&gt; <![CDATA[<!DOCTYPE x>]]></Description>
                  <RolePrivileges />
                </Role>
                """)
        let role = try #require(try SolutionReader.read(folder: folder).roles.first { $0.name == "X" })
        #expect(role.description == "<!DOCTYPE Role> <!DOCTYPE x>")
    }

    /// The parser's own notice of a declaration refuses the file too, should the prolog check
    /// ever miss one (its reading is tested above; here the parser is reached directly).
    @Test func theParsersNoticeOfADeclarationIsASecondLine() throws {
        let text = "<!DOCTYPE Role [\n<!ATTLIST Role isinherited CDATA \"0\">\n]>\n<Role id=\"x\" name=\"X\" />"
        let e = try #require(throws: DataverseFileError.self) { try XMLTree.parseAfterPrologCheck(Data(text.utf8), file: "a.xml") }
        #expect(e.line == 2 && e.message == Self.refusal, "\(e)")
    }

    /// UCS-4, UTF-7 and EBCDIC read by the parser but not by a scan of ASCII or UTF-16 markup;
    /// ISO-8859-1 and windows-1252 are no encoding Dataverse writes. Each is refused, saying which.
    @Test func encodingsOtherThanUTF8AndUTF16AreRefused() throws {
        let role = "<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"Caf\u{E9}\"><RolePrivileges /></Role>"
        var ucs4 = Data()
        for scalar in ("<?xml version=\"1.0\" encoding=\"UCS-4\"?>" + role).unicodeScalars {
            let v = scalar.value
            ucs4.append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)])
        }
        let ucs4Error = try Self.error(reading: ucs4)
        #expect(
            ucs4Error.line == nil
                && ucs4Error.message
                    == "the file is in UCS-4 (UTF-32), by its first bytes: solution files are UTF-8 or UTF-16, the encodings Dataverse writes; refused (save it as UTF-8)",
            "\(ucs4Error)")
        // "<?xml" in EBCDIC (code page 037).
        let ebcdic = try Self.error(reading: Data([0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40]) + Data(role.utf8))
        #expect(ebcdic.message.hasPrefix("the file is in EBCDIC, by its first bytes: "), "\(ebcdic)")
        let utf7 = try Self.error(
            reading: "<?xml version=\"1.0\" encoding=\"UTF-7\"?>\n+ADw-Role id+AD0AIgB7-1+AH0AIg name+AD0AIg-Evil+ACI /+AD4")
        #expect(
            utf7.line == 1
                && utf7.message
                    == "the file is in 'UTF-7', as its XML declaration says: solution files are UTF-8 or UTF-16, the encodings Dataverse writes; refused (save it as UTF-8 and declare encoding=\"utf-8\")",
            "\(utf7)")
        var latin = Data("<?xml version='1.0' encoding='ISO-8859-1'?>".utf8)
        latin.append(contentsOf: role.unicodeScalars.map { UInt8($0.value) })
        #expect(try Self.error(reading: latin).message.hasPrefix("the file is in 'ISO-8859-1', as its XML declaration says: "))
    }

    /// "XML parser error 81" said nothing: a declaration of UTF-16 on UTF-8 bytes (a .NET
    /// StringWriter writes one) says the declared encoding does not match the bytes.
    @Test func aDeclaredEncodingTheBytesAreNotInIsSaidToBeSo() throws {
        let e = try Self.error(
            reading: "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"X\" />")
        #expect(
            e.line == 1
                && e.message
                    == "the XML declaration says encoding=\"utf-16\", but the bytes are UTF-8 (a UTF-16 file starts with a byte-order mark): the declared encoding does not match the bytes; declare encoding=\"utf-8\", or save the file as UTF-16",
            "\(e)")
        let big = try Self.error(
            reading: Self.utf16("<?xml version=\"1.0\" encoding=\"utf-16le\"?><Role id=\"x\" name=\"X\" />", bigEndian: true))
        #expect(big.message.hasPrefix("the XML declaration says encoding=\"utf-16le\", but the bytes are UTF-16 (big-endian)"), "\(big)")
    }

    /// UTF-8 with or without a mark, and UTF-16 in either byte order with a mark (declaring
    /// UTF-8 or nothing, as Notepad's "Unicode" leaves it) or without one, read as before.
    @Test func utf8AndUTF16Read() throws {
        let role = "<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"V\u{E9}rificateur\"><RolePrivileges/></Role>"
        let inputs: [Data] = [
            Data(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + role).utf8),
            Data([0xEF, 0xBB, 0xBF]) + Data(role.utf8),
            Self.utf16("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + role),
            Self.utf16("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + role, bigEndian: true),
            Self.utf16(role),
            Self.utf16("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + role, bigEndian: true, byteOrderMark: false),
        ]
        for (i, data) in inputs.enumerated() {
            #expect(try XMLTree.parse(data, file: "a.xml").attribute("name") == "V\u{E9}rificateur", "input \(i)")
        }
    }

    /// The review's `hx/d13`: a role declaring `encoding="us-ascii"` with only ASCII bytes read
    /// yesterday and was refused today. ASCII is a subset of UTF-8: `us-ascii` and `ascii`, in
    /// any case, read when every byte is below 0x80.
    @Test(arguments: ["us-ascii", "US-ASCII", "ascii", "Ascii"])
    func asciiReadsWhenEveryByteIsASCII(declared: String) throws {
        let text = """
            <?xml version="1.0" encoding="\(declared)"?>
            <Role id="{aaaaaaaa-0000-4000-8000-0000000000b3}" name="T13">
            <RolePrivileges>
            <RolePrivilege name="prvReadAccount" level="Local" />
            </RolePrivileges>
            </Role>

            """
        let root = try XMLTree.parse(Data(text.utf8), file: "a.xml")
        #expect(root.attribute("name") == "T13")
        let folder = try Fixture.copy(Fixture.solutionFolder)
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/Roles/T13.xml"))
        let content = try SolutionReader.read(folder: folder)
        #expect(content.roles.contains { $0.name == "T13" }, "\(content.roles.map(\.name))")
    }

    /// A file declaring ASCII whose bytes are not all ASCII is refused at the line of the first
    /// byte that is not, naming it; a UTF-16 file declaring ASCII says its bytes are UTF-16.
    @Test func asciiWithAByteThatIsNotASCIIIsRefusedAtItsLine() throws {
        let e = try Self.error(
            reading:
                "<?xml version=\"1.0\" encoding=\"us-ascii\"?>\n<Role id=\"{11111111-2222-3333-4444-555555555555}\"\n name=\"Caf\u{E9}\" />"
        )
        #expect(
            e.line == 3
                && e.message
                    == "the XML declaration says encoding=\"us-ascii\", but line 3 has the byte 0xC3, which is not ASCII: the declared encoding does not match the bytes; declare encoding=\"utf-8\" (ASCII is a subset of it), or save the file as ASCII",
            "\(e)")
        let utf16 = try Self.error(reading: Self.utf16("<?xml version=\"1.0\" encoding=\"ASCII\"?><Role id=\"x\" name=\"X\" />"))
        #expect(
            utf16.line == 1 && utf16.message.hasPrefix("the XML declaration says encoding=\"ASCII\", but the bytes are UTF-16: "),
            "\(utf16)")
    }
}
