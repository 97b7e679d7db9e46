import SecurityModel
import TerminalCore
import Testing

@testable import ConsoleUI

/// The findings' Where column tells rows apart: the record's name comes first (found by a console
/// review at 120×35: AP4d about test@contoso.com and GL8a about tobias@contoso.com both read
/// `…contoso.com`).
@Suite("Screens: the findings' Where column")
struct FindingsWhereColumnTests {
    func findings(_ size: Size) -> AppState {
        var state = MiscPrivilegeReducerTests.demoState(size: size)
        reduce(&state, .screenRequested(.findings))
        return state
    }

    @Test func rowsAboutDifferentUsersReadDifferently() throws {
        let rows = screen(findings(Size(width: 120, height: 35))).lines
        let all = rows.joined(separator: "\n")
        let ap4d = try #require(rows.first { $0.contains(" AP4d ") }, "\(all)")
        let gl8a = try #require(rows.first { $0.contains(" GL8a ") }, "\(all)")
        #expect(ap4d.contains(" test@contos…"), "\(ap4d)")
        #expect(gl8a.contains(" tobias@cont…"), "\(gl8a)")
    }

    /// Every place of the demo's findings: different places read differently, at the narrowest
    /// Where column and at the widest.
    @Test func differentPlacesReadDifferently() throws {
        let state = findings(Size(width: 120, height: 35))
        let view = try #require(state.findings)
        let places = Set(view.findings.map(\.place.path))
        #expect(places.count > 10)
        for width in [12, 24] {
            let labels = Set(places.map { FindingsScreen.placeLabel($0, width: width) })
            #expect(labels.count == places.count, "\(width): \(labels.sorted())")
        }
    }

    /// The name first and its kind after it, wherever the place is.
    @Test func theNameComesFirstThenTheKind() {
        let cases = [
            ("user/test@contoso.com", "test@contoso.com (user)"),
            ("role/Sales Manager", "Sales Manager (role)"),
            ("table/contoso_integrationsetting/column/contoso_apikey", "contoso_apikey (column)"),
            ("team/Field Dispatch/role/Work Order Dispatcher", "Work Order Dispatcher (role)"),
            ("businessUnit/Contoso / Europe / Sales EU", "Sales EU (business unit)"),
            ("profile/HR Confidential", "HR Confidential (profile)"),
            ("environment", "environment"),
        ]
        for (path, label) in cases { #expect(FindingsScreen.placeLabel(path, width: 60) == label) }
        // The kind when it fits whole; the name alone, cut at its end, when it does not.
        #expect(FindingsScreen.placeLabel("user/tobias@contoso.com", width: 25) == "tobias@contoso.com (user)")
        #expect(FindingsScreen.placeLabel("user/tobias@contoso.com", width: 23) == "tobias@contoso.com")
        #expect(FindingsScreen.placeLabel("user/tobias@contoso.com", width: 12) == "tobias@cont…")
    }
}
