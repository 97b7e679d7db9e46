import Foundation

/// Finds the theme that `--theme NAME|PATH` means, and falls back to the default with a
/// warning instead of failing.
///
/// Search order for a name: `$XDG_CONFIG_HOME/dvsec/themes/NAME.json` (default
/// `~/.config`), then `themes/NAME.json` (or `share/dvsec/themes/NAME.json`) under each
/// shipped search directory, then the copies compiled into the binary (``EmbeddedThemes``).
/// An argument containing `/` or ending in `.json` is a path and is read as is.
public struct ThemeCatalog: Sendable {
    /// The process environment (for `XDG_CONFIG_HOME` and `HOME`).
    public var environment: [String: String]
    /// Directories that may hold the shipped `themes/` folder, most specific first; see
    /// ``shippedSearchDirectories(executablePath:currentDirectory:)``.
    public var shippedSearchDirectories: [String]
    public var fileSystem: any ThemeFileSystem

    public init(
        environment: [String: String], shippedSearchDirectories: [String],
        fileSystem: any ThemeFileSystem = LocalThemeFileSystem()
    ) {
        self.environment = environment
        self.shippedSearchDirectories = shippedSearchDirectories
        self.fileSystem = fileSystem
    }

    /// The user's theme folder: `$XDG_CONFIG_HOME/dvsec/themes`, or `$HOME/.config/dvsec/themes`.
    ///
    /// A relative `XDG_CONFIG_HOME` is ignored, as the XDG spec requires. Nil when neither
    /// variable gives an absolute path.
    public var userThemesDirectory: String? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return joinPath(config, "dvsec/themes")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return joinPath(home, ".config/dvsec/themes")
        }
        return nil
    }

    /// Whether a `--theme` argument is a file path rather than a theme name.
    public static func isPath(_ argument: String) -> Bool {
        argument.contains("/") || argument.hasSuffix(".json")
    }

    /// The files looked at for a theme name, in search order (embedded copies come after).
    public func candidatePaths(forName name: String) -> [String] {
        let file = "\(name).json"
        var paths: [String] = []
        if let userThemesDirectory {
            paths.append(joinPath(userThemesDirectory, file))
        }
        for directory in shippedSearchDirectories {
            paths.append(joinPath(directory, "themes/\(file)"))
            paths.append(joinPath(directory, "share/dvsec/themes/\(file)"))
        }
        return paths
    }

    /// Loads the theme an argument names (nil means `default`), never failing.
    ///
    /// A missing or invalid theme yields ``Theme/builtInDefault`` and a warning that names
    /// the file and the key path of each problem; show the warning, then carry on.
    public func resolve(_ argument: String?) -> ThemeResolution {
        let requested = argument ?? "default"
        if Self.isPath(requested) {
            guard let data = fileSystem.contents(atPath: requested) else {
                return fallback(warning: "theme file \(requested) not found or not readable; using the default theme")
            }
            return load(data, name: baseName(of: requested), path: requested)
        }
        for path in candidatePaths(forName: requested) {
            if let data = fileSystem.contents(atPath: path) {
                return load(data, name: requested, path: path)
            }
        }
        if let json = EmbeddedThemes.json(named: requested) {
            do {
                let theme = try Theme.load(from: Data(json.utf8), name: requested, source: "built-in \(requested)")
                return ThemeResolution(theme: theme, source: .embedded(requested), warnings: [])
            } catch {
                return fallback(warning: "\(error)\nusing the default theme")
            }
        }
        let known = availableThemeNames().joined(separator: ", ")
        return fallback(warning: "unknown theme \"\(requested)\" (available: \(known)); using the default theme")
    }

    /// The theme names that load without a warning, sorted: what `:theme` offers with Tab (a
    /// review found broken theme files offered, which then only gave an error).
    public func loadableThemeNames() -> [String] {
        availableThemeNames().filter { resolve($0).warnings.isEmpty }
    }

    /// Every theme name that ``resolve(_:)`` would find, sorted: embedded, shipped and the user's.
    public func availableThemeNames() -> [String] {
        var names = Set(EmbeddedThemes.all.map(\.name))
        var directories = shippedSearchDirectories.flatMap {
            [joinPath($0, "themes"), joinPath($0, "share/dvsec/themes")]
        }
        if let userThemesDirectory {
            directories.append(userThemesDirectory)
        }
        for directory in directories {
            for file in fileSystem.fileNames(inDirectory: directory) where file.hasSuffix(".json") && file.count > 5 {
                names.insert(String(file.dropLast(5)))
            }
        }
        return names.sorted()
    }

    /// The directories to pass as `shippedSearchDirectories`: the executable's directory and
    /// each of its ancestors (so `.build/debug/dvsec` finds the package's `themes/`, and
    /// `/usr/local/bin/dvsec` finds `/usr/local/share/dvsec/themes`), then the current directory.
    public static func shippedSearchDirectories(executablePath: String?, currentDirectory: String?) -> [String] {
        var directories: [String] = []
        if let executablePath, executablePath.hasPrefix("/") {
            var directory = parentPath(of: executablePath)
            while true {
                directories.append(directory)
                if directory == "/" { break }
                directory = parentPath(of: directory)
            }
        }
        if let currentDirectory, !directories.contains(currentDirectory) {
            directories.append(currentDirectory)
        }
        return directories
    }

    private func load(_ data: Data, name: String, path: String) -> ThemeResolution {
        do {
            let theme = try Theme.load(from: data, name: name, source: path)
            return ThemeResolution(theme: theme, source: .file(path), warnings: [])
        } catch {
            return fallback(warning: "\(error)\nusing the default theme")
        }
    }

    private func fallback(warning: String) -> ThemeResolution {
        ThemeResolution(theme: .builtInDefault, source: .builtIn, warnings: [warning])
    }
}

/// The theme a ``ThemeCatalog`` settled on, where it came from, and what went wrong on the way.
public struct ThemeResolution: Sendable {
    /// The theme to use (the built-in default when the requested one failed).
    public var theme: Theme
    public var source: ThemeSource
    /// Messages for the user (stderr or the status line); empty when all went well.
    public var warnings: [String]

    public init(theme: Theme, source: ThemeSource, warnings: [String]) {
        self.theme = theme
        self.source = source
        self.warnings = warnings
    }
}

/// Where a resolved theme was read from.
public enum ThemeSource: Hashable, Sendable {
    /// A theme file at this path.
    case file(String)
    /// A copy compiled into the binary, by name.
    case embedded(String)
    /// ``Theme/builtInDefault``, used as the fallback.
    case builtIn
}

private func joinPath(_ directory: String, _ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
}

private func parentPath(of path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") {
        trimmed = trimmed.dropLast()
    }
    guard let slash = trimmed.lastIndex(of: "/") else { return "." }
    let parent = trimmed[..<slash]
    return parent.isEmpty ? "/" : String(parent)
}

private func baseName(of path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    return file.hasSuffix(".json") ? String(file.dropLast(5)) : file
}
