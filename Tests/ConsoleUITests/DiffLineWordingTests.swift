import SecurityModel
import Testing

@testable import ConsoleUI

/// Found by a review: the diff screen wrote a role assigned as "+ role Auditor: Auditor".
@Suite struct DiffLineWordingTests {
    @Test func aRelationIsItsSubjectOnce() {
        let added = DiffLine(field: .role, subject: "Auditor", subjectId: "r1", old: nil, new: "Auditor")
        #expect(DiffWords.line(added) == "+ role Auditor")
        let cached = DiffLine(
            field: .cachedMember, subject: "Alex Wilber", subjectId: "u1", old: "Alex Wilber", new: nil,
            note: "not used: access follows the Entra group")
        #expect(DiffWords.line(cached) == "- cached member Alex Wilber  (not used: access follows the Entra group)")
        let level = DiffLine(field: .privilege, subject: "account Delete", old: "Basic", new: "Local")
        #expect(DiffWords.line(level) == "~ privilege account Delete: Basic → Local")
    }
}
