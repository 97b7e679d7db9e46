/// The characters used for lines, trees, marks, arrows and access levels.
///
/// Two sets exist: ``unicode`` for UTF-8 locales and ``ascii`` for everything else, as htop
/// does. Every glyph is exactly one column wide in both sets (except the multi-column tree
/// prefixes and ``transition``/``ellipsis``, which are strings by design), so a layout does not
/// change when the set does.
public struct GlyphSet: Hashable, Sendable {
    // Box drawing.
    /// `─`: a horizontal line.
    public var horizontal: String
    /// `│`: a vertical line.
    public var vertical: String
    /// `┌`.
    public var topLeft: String
    /// `┐`.
    public var topRight: String
    /// `└`.
    public var bottomLeft: String
    /// `┘`.
    public var bottomRight: String
    /// `├`: a vertical line with a branch to the right.
    public var teeRight: String
    /// `┤`: a vertical line with a branch to the left.
    public var teeLeft: String
    /// `┬`: a horizontal line with a branch down.
    public var teeDown: String
    /// `┴`: a horizontal line with a branch up.
    public var teeUp: String
    /// `┼`: lines crossing.
    public var cross: String

    // Trees (each prefix is the same number of columns in both sets).
    /// Before a child that has later siblings: `├─ `.
    public var treeBranch: String
    /// Before the last child: `└─ `.
    public var treeLastBranch: String
    /// Under a parent that has later siblings: `│  `.
    public var treeContinuation: String
    /// Under a parent that was the last child: three spaces.
    public var treeSpace: String
    /// Before a collapsed node that has children.
    public var collapsed: String
    /// Before an expanded node.
    public var expanded: String

    // Marks and arrows.
    /// `✓`: yes, granted, passed.
    public var checkMark: String
    /// `✗`: no, denied, failed.
    public var crossMark: String
    /// `•`: a list item.
    public var bullet: String
    /// `↑`: more above.
    public var arrowUp: String
    /// `↓`: more below.
    public var arrowDown: String
    /// `←`.
    public var arrowLeft: String
    /// `→`.
    public var arrowRight: String
    /// Between an old and a new value, as in `Basic → Global`.
    public var transition: String
    /// The end of truncated text.
    public var ellipsis: String

    /// Access levels from none (0) to organization (4); see ``accessLevel(_:)``.
    public var accessLevels: [String]

    /// The glyph for an access level, indexed 0...4 as none, user (Basic), business unit
    /// (Local), parent:child business units (Deep), organization (Global).
    ///
    /// Indexed by `Int` so this module does not depend on the domain's `AccessLevel`; an index
    /// outside 0...4 is clamped.
    public func accessLevel(_ index: Int) -> String {
        accessLevels[max(0, min(accessLevels.count - 1, index))]
    }

    /// The set for a UTF-8 locale: box drawing, `├─`, `✓`, arrows, and Dataverse's circles
    /// `○ ◔ ◑ ◕ ●` for the access levels.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴", cross: "┼",
        treeBranch: "├─ ", treeLastBranch: "└─ ", treeContinuation: "│  ", treeSpace: "   ",
        collapsed: "▸", expanded: "▾",
        checkMark: "✓", crossMark: "✗", bullet: "•",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        transition: "→", ellipsis: "…",
        accessLevels: ["○", "◔", "◑", "◕", "●"]
    )

    /// The set for any other locale: `+-|`, `|-`, `` `- ``, and letters for the access levels.
    ///
    /// Access levels are `-` (none) and the initial of the level's name in the Dataverse role
    /// editor: `u` User, `b` Business Unit, `p` Parent: Child Business Units, `o`
    /// Organization. Letters were chosen over digits because a legend is then hardly needed.
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+", cross: "+",
        treeBranch: "|- ", treeLastBranch: "`- ", treeContinuation: "|  ", treeSpace: "   ",
        collapsed: "+", expanded: "-",
        checkMark: "+", crossMark: "x", bullet: "*",
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        transition: "->", ellipsis: "...",
        accessLevels: ["-", "u", "b", "p", "o"]
    )

    /// ``unicode`` when the terminal can show it, else ``ascii``.
    public static func forUnicode(_ enabled: Bool) -> GlyphSet {
        enabled ? .unicode : .ascii
    }
}
