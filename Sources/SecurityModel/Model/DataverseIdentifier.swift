/// The one rule for the names Dataverse makes identifiers of (privilege names, table schema and
/// logical names, column logical names: letters, digits and underscores) and for how long any
/// name dvsec reads may be, shared by the snapshot's validation and solution import, so that
/// what one accepts the other does.
public enum DataverseIdentifier {
    /// The longest name read, in characters (any name: role, team, user, table…). Dataverse's own
    /// limits are 100 to 400; dvsec is lenient, but every path and line repeats a name, and a
    /// 2 MiB role name made one `effective --format json` use 9.6 GB.
    public static let maximumNameLength = 1_000

    /// A character an identifier may hold: a letter, a digit or `_`.
    public static func allows(_ c: Character) -> Bool { c == "_" || c.isLetter || c.isNumber }

    /// Whether `name` is an identifier: not empty, at most ``maximumNameLength`` characters, and
    /// only characters ``allows(_:)`` takes.
    public static func isValid(_ name: String) -> Bool {
        !name.isEmpty && !isTooLong(name) && name.allSatisfy(allows)
    }

    /// Whether `name` is longer than ``maximumNameLength`` characters (the UTF-8 size, constant
    /// time on a native string, bounds the count from above: most names need no count).
    public static func isTooLong(_ name: String) -> Bool {
        name.utf8.count > maximumNameLength && name.count > maximumNameLength
    }
}
