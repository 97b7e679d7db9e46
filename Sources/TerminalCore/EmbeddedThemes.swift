// The shipped themes, embedded so an installed binary works without its `themes/` folder.
// Each string must equal the file of the same name in `themes/` byte for byte; a test checks it.
// After editing a theme file, paste it here between the delimiters.

/// The theme files shipped in `themes/`, compiled in.
public enum EmbeddedThemes {
    /// Every embedded theme by name, in the order they are listed to users.
    public static let all: [(name: String, json: String)] = [
        ("default", defaultTheme),
        ("light", light),
        ("high-contrast", highContrast),
        ("mono", mono),
    ]

    /// The JSON of the embedded theme called `name`, or nil.
    public static func json(named name: String) -> String? {
        all.first { $0.name == name }?.json
    }

    static let defaultTheme = #"""
        {
          "name": "default",
          "description": "Dark background (the built-in default): the 16 ANSI colours and one 256-colour grey.",
          "roles": {
            "normal":             {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "dim":                {"fg": "brightBlack", "bg": "default", "attrs": [], "mono": ["dim"]},
            "header":             {"fg": "cyan", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "title":              {"fg": "brightWhite", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "border":             {"fg": "brightBlack", "bg": "default", "attrs": [], "mono": []},
            "selection":          {"fg": "black", "bg": "cyan", "attrs": [], "mono": ["reverse"]},
            "selectionInactive":  {"fg": "default", "bg": "#3a3a3a", "attrs": [], "mono": ["underline"]},
            "statusBar":          {"fg": "white", "bg": "blue", "attrs": [], "mono": ["reverse"]},
            "statusKey":          {"fg": "brightYellow", "bg": "blue", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "production":         {"fg": "brightWhite", "bg": "red", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "warning":            {"fg": "yellow", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "error":              {"fg": "brightRed", "bg": "default", "attrs": ["bold"], "mono": ["bold", "underline"]},
            "success":            {"fg": "green", "bg": "default", "attrs": [], "mono": []},
            "info":               {"fg": "cyan", "bg": "default", "attrs": [], "mono": []},
            "accessNone":         {"fg": "brightBlack", "bg": "default", "attrs": [], "mono": ["dim"]},
            "accessUser":         {"fg": "yellow", "bg": "default", "attrs": [], "mono": []},
            "accessBusinessUnit": {"fg": "green", "bg": "default", "attrs": [], "mono": []},
            "accessParentChild":  {"fg": "green", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "accessOrganization": {"fg": "brightGreen", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "diffAdded":          {"fg": "green", "bg": "default", "attrs": [], "mono": ["bold"]},
            "diffRemoved":        {"fg": "red", "bg": "default", "attrs": [], "mono": ["dim"]},
            "diffChanged":        {"fg": "yellow", "bg": "default", "attrs": [], "mono": ["underline"]},
            "escalation":         {"fg": "brightRed", "bg": "default", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "reduction":          {"fg": "green", "bg": "default", "attrs": [], "mono": []},
            "neutral":            {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "filter":             {"fg": "black", "bg": "yellow", "attrs": [], "mono": ["reverse"]},
            "match":              {"fg": "brightYellow", "bg": "default", "attrs": ["bold", "underline"], "mono": ["bold", "underline"]},
            "commandLine":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "help":               {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "helpKey":            {"fg": "cyan", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "dormant":            {"fg": "brightBlack", "bg": "default", "attrs": ["italic"], "mono": ["dim"]},
            "badge":              {"fg": "black", "bg": "magenta", "attrs": [], "mono": ["reverse"]},
            "inferred":           {"fg": "brightBlack", "bg": "default", "attrs": ["italic"], "mono": ["italic"]},
            "tabActive":          {"fg": "black", "bg": "cyan", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "tabInactive":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "secured":            {"fg": "magenta", "bg": "default", "attrs": [], "mono": ["underline"]}
          }
        }

        """#

    static let light = #"""
        {
          "name": "light",
          "description": "Light background: darker 256-colour greens and ambers that stay readable on white.",
          "roles": {
            "normal":             {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "dim":                {"fg": "#808080", "bg": "default", "attrs": [], "mono": ["dim"]},
            "header":             {"fg": "blue", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "title":              {"fg": "black", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "border":             {"fg": "#a8a8a8", "bg": "default", "attrs": [], "mono": []},
            "selection":          {"fg": "brightWhite", "bg": "blue", "attrs": [], "mono": ["reverse"]},
            "selectionInactive":  {"fg": "default", "bg": "#d0d0d0", "attrs": [], "mono": ["underline"]},
            "statusBar":          {"fg": "black", "bg": "#d0d0d0", "attrs": [], "mono": ["reverse"]},
            "statusKey":          {"fg": "blue", "bg": "#d0d0d0", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "production":         {"fg": "brightWhite", "bg": "red", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "warning":            {"fg": "#af5f00", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "error":              {"fg": "red", "bg": "default", "attrs": ["bold"], "mono": ["bold", "underline"]},
            "success":            {"fg": "#008700", "bg": "default", "attrs": [], "mono": []},
            "info":               {"fg": "blue", "bg": "default", "attrs": [], "mono": []},
            "accessNone":         {"fg": "#808080", "bg": "default", "attrs": [], "mono": ["dim"]},
            "accessUser":         {"fg": "#af8700", "bg": "default", "attrs": [], "mono": []},
            "accessBusinessUnit": {"fg": "#008700", "bg": "default", "attrs": [], "mono": []},
            "accessParentChild":  {"fg": "#008700", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "accessOrganization": {"fg": "#005f00", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "diffAdded":          {"fg": "#008700", "bg": "default", "attrs": [], "mono": ["bold"]},
            "diffRemoved":        {"fg": "red", "bg": "default", "attrs": [], "mono": ["dim"]},
            "diffChanged":        {"fg": "#af5f00", "bg": "default", "attrs": [], "mono": ["underline"]},
            "escalation":         {"fg": "red", "bg": "default", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "reduction":          {"fg": "#008700", "bg": "default", "attrs": [], "mono": []},
            "neutral":            {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "filter":             {"fg": "black", "bg": "#ffd75f", "attrs": [], "mono": ["reverse"]},
            "match":              {"fg": "#005fd7", "bg": "default", "attrs": ["bold", "underline"], "mono": ["bold", "underline"]},
            "commandLine":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "help":               {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "helpKey":            {"fg": "blue", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "dormant":            {"fg": "#808080", "bg": "default", "attrs": ["italic"], "mono": ["dim"]},
            "badge":              {"fg": "brightWhite", "bg": "magenta", "attrs": [], "mono": ["reverse"]},
            "inferred":           {"fg": "#808080", "bg": "default", "attrs": ["italic"], "mono": ["italic"]},
            "tabActive":          {"fg": "brightWhite", "bg": "blue", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "tabInactive":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "secured":            {"fg": "magenta", "bg": "default", "attrs": [], "mono": ["underline"]}
          }
        }

        """#

    static let highContrast = #"""
        {
          "name": "high-contrast",
          "description": "Bright text on black, bold accents, no mid greys: for projectors and low vision.",
          "roles": {
            "normal":             {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "dim":                {"fg": "white", "bg": "black", "attrs": [], "mono": ["dim"]},
            "header":             {"fg": "brightYellow", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "title":              {"fg": "brightWhite", "bg": "black", "attrs": ["bold", "underline"], "mono": ["bold"]},
            "border":             {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "selection":          {"fg": "black", "bg": "brightYellow", "attrs": ["bold"], "mono": ["reverse"]},
            "selectionInactive":  {"fg": "black", "bg": "white", "attrs": [], "mono": ["underline"]},
            "statusBar":          {"fg": "black", "bg": "brightWhite", "attrs": [], "mono": ["reverse"]},
            "statusKey":          {"fg": "black", "bg": "brightYellow", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "production":         {"fg": "brightWhite", "bg": "red", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "warning":            {"fg": "brightYellow", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "error":              {"fg": "brightWhite", "bg": "red", "attrs": ["bold"], "mono": ["bold", "underline"]},
            "success":            {"fg": "brightGreen", "bg": "black", "attrs": ["bold"], "mono": []},
            "info":               {"fg": "brightCyan", "bg": "black", "attrs": [], "mono": []},
            "accessNone":         {"fg": "white", "bg": "black", "attrs": [], "mono": ["dim"]},
            "accessUser":         {"fg": "brightYellow", "bg": "black", "attrs": ["bold"], "mono": []},
            "accessBusinessUnit": {"fg": "brightGreen", "bg": "black", "attrs": ["bold"], "mono": []},
            "accessParentChild":  {"fg": "brightGreen", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "accessOrganization": {"fg": "brightCyan", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "diffAdded":          {"fg": "brightGreen", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "diffRemoved":        {"fg": "brightRed", "bg": "black", "attrs": ["bold"], "mono": ["dim"]},
            "diffChanged":        {"fg": "brightYellow", "bg": "black", "attrs": ["bold"], "mono": ["underline"]},
            "escalation":         {"fg": "brightWhite", "bg": "red", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "reduction":          {"fg": "brightGreen", "bg": "black", "attrs": [], "mono": []},
            "neutral":            {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "filter":             {"fg": "black", "bg": "brightCyan", "attrs": ["bold"], "mono": ["reverse"]},
            "match":              {"fg": "brightYellow", "bg": "black", "attrs": ["bold", "underline"], "mono": ["bold", "underline"]},
            "commandLine":        {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "help":               {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "helpKey":            {"fg": "brightYellow", "bg": "black", "attrs": ["bold"], "mono": ["bold"]},
            "dormant":            {"fg": "white", "bg": "black", "attrs": ["italic"], "mono": ["dim"]},
            "badge":              {"fg": "black", "bg": "brightMagenta", "attrs": ["bold"], "mono": ["reverse"]},
            "inferred":           {"fg": "white", "bg": "black", "attrs": ["italic"], "mono": ["italic"]},
            "tabActive":          {"fg": "black", "bg": "brightWhite", "attrs": ["bold"], "mono": ["bold", "reverse"]},
            "tabInactive":        {"fg": "brightWhite", "bg": "black", "attrs": [], "mono": []},
            "secured":            {"fg": "brightMagenta", "bg": "black", "attrs": ["bold"], "mono": ["underline"]}
          }
        }

        """#

    static let mono = #"""
        {
          "name": "mono",
          "description": "No colour at all: attributes only, the same on every terminal.",
          "roles": {
            "normal":             {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "dim":                {"fg": "default", "bg": "default", "attrs": ["dim"], "mono": ["dim"]},
            "header":             {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "title":              {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "border":             {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "selection":          {"fg": "default", "bg": "default", "attrs": ["reverse"], "mono": ["reverse"]},
            "selectionInactive":  {"fg": "default", "bg": "default", "attrs": ["underline"], "mono": ["underline"]},
            "statusBar":          {"fg": "default", "bg": "default", "attrs": ["reverse"], "mono": ["reverse"]},
            "statusKey":          {"fg": "default", "bg": "default", "attrs": ["bold", "reverse"], "mono": ["bold", "reverse"]},
            "production":         {"fg": "default", "bg": "default", "attrs": ["bold", "reverse"], "mono": ["bold", "reverse"]},
            "warning":            {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "error":              {"fg": "default", "bg": "default", "attrs": ["bold", "underline"], "mono": ["bold", "underline"]},
            "success":            {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "info":               {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "accessNone":         {"fg": "default", "bg": "default", "attrs": ["dim"], "mono": ["dim"]},
            "accessUser":         {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "accessBusinessUnit": {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "accessParentChild":  {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "accessOrganization": {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "diffAdded":          {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "diffRemoved":        {"fg": "default", "bg": "default", "attrs": ["dim"], "mono": ["dim"]},
            "diffChanged":        {"fg": "default", "bg": "default", "attrs": ["underline"], "mono": ["underline"]},
            "escalation":         {"fg": "default", "bg": "default", "attrs": ["bold", "reverse"], "mono": ["bold", "reverse"]},
            "reduction":          {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "neutral":            {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "filter":             {"fg": "default", "bg": "default", "attrs": ["reverse"], "mono": ["reverse"]},
            "match":              {"fg": "default", "bg": "default", "attrs": ["bold", "underline"], "mono": ["bold", "underline"]},
            "commandLine":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "help":               {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "helpKey":            {"fg": "default", "bg": "default", "attrs": ["bold"], "mono": ["bold"]},
            "dormant":            {"fg": "default", "bg": "default", "attrs": ["dim"], "mono": ["dim"]},
            "badge":              {"fg": "default", "bg": "default", "attrs": ["reverse"], "mono": ["reverse"]},
            "inferred":           {"fg": "default", "bg": "default", "attrs": ["italic"], "mono": ["italic"]},
            "tabActive":          {"fg": "default", "bg": "default", "attrs": ["bold", "reverse"], "mono": ["bold", "reverse"]},
            "tabInactive":        {"fg": "default", "bg": "default", "attrs": [], "mono": []},
            "secured":            {"fg": "default", "bg": "default", "attrs": ["underline"], "mono": ["underline"]}
          }
        }

        """#
}
