import Foundation

extension SnapshotProblem {
    /// The record a problem's path names: `environments[0].users[12]` in
    /// `environments[0].users[12].roles`; an environment's own key (`environments[2].bogus`)
    /// names the environment (`array` empty).
    struct RecordPath: Hashable {
        var environment: Int
        var array: String
        var index: Int

        /// The record at the start of `path`, `nil` when the path names none (the document, an
        /// environment's own setting).
        init?(_ path: String) {
            // environments[E].ARRAY[I]...
            let prefix = "environments["
            guard path.hasPrefix(prefix) else { return nil }
            var rest = path.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "]"), let e = Int(rest[..<close]) else { return nil }
            rest = rest[rest.index(after: close)...]
            guard rest.first == "." else { return nil }
            rest = rest.dropFirst()
            guard let open = rest.firstIndex(of: "["), let end = rest[open...].firstIndex(of: "]"),
                let i = Int(rest[rest.index(after: open)..<end])
            else {
                // The environment's own key: its line is where the environment starts.
                guard !rest.isEmpty else { return nil }
                (environment, array, index) = (e, "", 0)
                return
            }
            let array = String(rest[..<open])
            guard !array.isEmpty, array.allSatisfy({ $0.isLetter }) else { return nil }
            (environment, self.array, index) = (e, array, i)
        }
    }

    /// `problems`, each one without a line given the line where its record starts in `data`
    /// (a dangling role id of the 41,234th user names the line to open, not only the JSON path).
    /// One pass over the document, made only when a file has problems.
    static func locating(_ problems: [SnapshotProblem], in data: Data) -> [SnapshotProblem] {
        let wanted = Set(problems.lazy.filter { $0.line == nil }.compactMap { RecordPath($0.path) })
        guard !wanted.isEmpty else { return problems }
        let lines = recordLines(wanted, in: data)
        guard !lines.isEmpty else { return problems }
        return problems.map { problem in
            guard problem.line == nil, let record = RecordPath(problem.path), let line = lines[record] else { return problem }
            var located = problem
            located.line = line
            return located
        }
    }

    /// The line where each wanted record starts. A document that stops being readable gives what
    /// was found before.
    private static func recordLines(_ wanted: Set<RecordPath>, in data: Data) -> [RecordPath: Int] {
        let environments = Set(wanted.map(\.environment))
        let arrays = Set(wanted.map(\.array))
        var found: [RecordPath: Int] = [:]
        data.withUnsafeBytes { raw in
            let document = raw.bindMemory(to: UInt8.self)
            var r = JSONReader(document: document)
            let lines = LineIndex(r.bytes)
            do throws(SnapshotProblem) {
                try r.beginObject()
                while let key = try r.nextKey() {
                    guard case "environments" = key else {
                        try r.skipValue()
                        continue
                    }
                    try r.beginArray()
                    var e = 0
                    while try r.nextElement() {
                        defer { e += 1 }
                        guard environments.contains(e) else {
                            try r.skipValue()
                            continue
                        }
                        r.skipWhitespace()
                        let environment = RecordPath(environment: e, array: "", index: 0)
                        if wanted.contains(environment) { found[environment] = lines.line(at: r.position) }
                        try r.beginObject()
                        while let field = try r.nextKey() {
                            let name = field.string
                            guard arrays.contains(name) else {
                                try r.skipValue()
                                continue
                            }
                            try r.beginArray()
                            var i = 0
                            while try r.nextElement() {
                                r.skipWhitespace()
                                let path = RecordPath(environment: e, array: name, index: i)
                                if wanted.contains(path) { found[path] = lines.line(at: r.position) }
                                try r.skipValue()
                                i += 1
                            }
                        }
                    }
                }
            } catch {
                // What was found before the document stopped being readable stays.
            }
        }
        return found
    }
}

extension SnapshotProblem.RecordPath {
    init(environment: Int, array: String, index: Int) {
        self.environment = environment
        self.array = array
        self.index = index
    }
}
