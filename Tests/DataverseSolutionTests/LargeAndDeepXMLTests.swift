import Foundation
import Testing

@testable import DataverseSolution

/// Real `customizations.xml` files pass 10 MB (forms, views and ribbons of hundreds of tables);
/// the parser refused any document over 10,000,000 bytes with "XML parser error 1". A document
/// nested tens of thousands of elements deep crashed the process instead of being refused.
@Suite struct LargeAndDeepXMLTests {
    /// 12 MB of forms (skipped) around one role: read, with the role.
    @Test func aDocumentOverTenMegabytesIsRead() throws {
        var xml = "<ImportExportXml><Entities>"
        let form =
            "<FormXml><forms><systemform><form>" + String(repeating: "<tab name=\"t\"><labels/></tab>", count: 20)
            + "</form></systemform></forms></FormXml>\n"
        while xml.utf8.count < 12_000_000 { xml += form }
        xml +=
            "</Entities><Roles><Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"Big\"><RolePrivileges/></Role></Roles></ImportExportXml>"
        let tree = try XMLTree.parse(Data(xml.utf8), file: "customizations.xml", skipping: SolutionReader.skippedElements)
        #expect(tree.child("Roles")?.child("Role")?.attribute("name") == "Big")
        #expect(tree.child("Entities")?.children.isEmpty == true)
    }

    /// 50,000 elements deep: refused with the file and a reason, not a crash.
    @Test func aDocumentNestedTooDeepIsRefused() throws {
        let depth = 50_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = try #require(throws: DataverseFileError.self) { try XMLTree.parse(Data(xml.utf8), file: "Roles/Deep.xml") }
        #expect(error.file == "Roles/Deep.xml" && error.message.contains("nested"))
    }

    /// Exports saved by Windows tools: UTF-16 with a byte-order mark reads; windows-1252, no
    /// encoding Dataverse writes, is refused (DocumentTypeAndEncodingTests), as any encoding
    /// other than UTF-8 and UTF-16 could hide a document type declaration from the prolog check.
    @Test func utf16IsReadByItsMarkAndWindows1252IsRefused() throws {
        let role = "<Role id=\"{11111111-2222-3333-4444-555555555555}\" name=\"Vérificateur\"><RolePrivileges/></Role>"
        var utf16 = Data([0xFF, 0xFE])
        for unit in ("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + role).utf16 {
            utf16.append(UInt8(unit & 0xFF))
            utf16.append(UInt8(unit >> 8))
        }
        #expect(try XMLTree.parse(utf16, file: "a.xml").attribute("name") == "Vérificateur")
        var latin = Data("<?xml version=\"1.0\" encoding=\"windows-1252\"?>".utf8)
        latin.append(contentsOf: role.unicodeScalars.map { UInt8($0.value) })
        let e = try #require(throws: DataverseFileError.self) { try XMLTree.parse(latin, file: "b.xml") }
        #expect(
            e.message.hasPrefix("the file is in 'windows-1252', as its XML declaration says: solution files are UTF-8 or UTF-16"), "\(e)")
    }
}
