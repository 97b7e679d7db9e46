import Foundation
import SecurityModel

extension SolutionExporter {
    /// What a file is to an export: one role's, or the profiles'.
    enum FileKind {
        case role
        case profiles
        /// A table's `Entity.xml` (column security and ownership).
        case entity
    }

    /// Whether a file already in the folder says what the export would write, read as an import
    /// reads it: then it is left as it is (`unchanged`), its layout too. A file written by another
    /// tool (attributes in another order or split over lines, one-space indentation, no
    /// `CanReadUnmasked`, permissions in its own order) came back rewritten though nothing in it
    /// had changed, so an untouched folder did not come back byte for byte. A layout property the
    /// options force (`--no-bom`, `--line-endings`) must be the file's already. A file that cannot
    /// be read is not the same.
    static func saysTheSame(_ old: Data, as new: Data, kind: FileKind, path: String, options: SolutionExportOptions) -> Bool {
        if let bom = options.byteOrderMark, bom != SolutionFileStyle.detect(old)?.byteOrderMark ?? old.starts(with: [0xEF, 0xBB, 0xBF]) {
            return false
        }
        if let ending = options.lineEnding, SolutionFileStyle.detect(old)?.lineEnding != ending { return false }
        do throws(DataverseFileError) {
            switch kind {
            case .role: return try roleContent(old, path: path) == roleContent(new, path: path)
            case .profiles: return try profilesContent(old, path: path) == profilesContent(new, path: path)
            case .entity:
                let read = { (data: Data) throws(DataverseFileError) -> SolutionTable in
                    var t = try SolutionElements.table(XMLTree.parse(data, file: path), file: path)
                    t.line = 0
                    return t
                }
                return try read(old) == read(new)
            }
        } catch {
            return false
        }
    }

    /// A role file's content as an import reads it, without the places it was read at.
    private struct RoleContent: Equatable {
        var id, name: String
        var isInherited, isCustomizable, isAutoAssigned: Bool?
        var appliesTo, description, summaryOfCoreTablePermissions: String?
        var privileges: [String: AccessLevel]
    }

    private static func roleContent(_ data: Data, path: String) throws(DataverseFileError) -> RoleContent? {
        let tree = try XMLTree.parse(data, file: path)
        guard tree.name == "Role" else { return nil }
        var warnings: [ImportWarning] = []
        let r = try SolutionElements.role(tree, file: path, warnings: &warnings)
        return RoleContent(
            id: r.id, name: r.name, isInherited: r.isInherited, isCustomizable: r.isCustomizable, isAutoAssigned: r.isAutoAssigned,
            appliesTo: r.appliesTo, description: r.description, summaryOfCoreTablePermissions: r.summaryOfCoreTablePermissions,
            privileges: Dictionary(r.privileges.map { ($0.name, $0.level) }, uniquingKeysWith: max))
    }

    /// The profiles of a `FieldSecurityProfiles.xml` by id, as an import reads them.
    private static func profilesContent(_ data: Data, path: String) throws(DataverseFileError) -> [String: FieldSecurityProfile]? {
        let tree = try XMLTree.parse(data, file: path)
        guard tree.name == "FieldSecurityProfiles" else { return nil }
        var warnings: [ImportWarning] = []
        let profiles = try SolutionElements.profiles(tree, file: path, warnings: &warnings).map(\.profile)
        return Dictionary(profiles.map { (SolutionElements.normalizedId($0.id), $0) }, uniquingKeysWith: { a, _ in a })
    }
}
