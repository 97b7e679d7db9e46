import Foundation

/// Thresholds by name, for `--threshold NAME=VALUE` on the command line: one table of names,
/// kinds and descriptions, so that the CLI, its help and the documentation agree.
extension CheckOptions {
    /// A threshold the command line can set.
    public struct Threshold: Sendable {
        public let name: String
        public let rule: String
        public let meaning: String
        let apply: @Sendable (inout CheckOptions, Double) -> Void
        let read: @Sendable (CheckOptions) -> Double
        /// A share between 0 and 1 rather than a count.
        public let isShare: Bool

        /// The value in `options`, as the command line would write it.
        public func value(in options: CheckOptions) -> String {
            let v = read(options)
            return isShare ? "\(v)" : "\(Int(v))"
        }
    }

    /// Every threshold, in the order of the rules.
    public static let thresholds: [Threshold] = [
        count(
            "max-system-administrators", "AP4a", "enabled people holding System Administrator before it is 'held widely'",
            \.maxSystemAdministrators),
        share(
            "broad-role-table-share", "AP4b",
            "share of user-owned tables with Organization Write/Delete/Assign/Share that makes a role broad",
            \.broadRoleTableShare),
        count("broad-role-minimum-tables", "AP4b", "and at least this many tables", \.broadRoleMinimumTables),
        count("broad-role-absolute-tables", "AP4b", "or at least this many tables, whatever the share", \.broadRoleAbsoluteTables),
        share(
            "clone-coverage", "AP4c", "share of all table privileges at Organization that makes a role a System Administrator clone",
            \.cloneCoverage),
        share("share-user-share", "AP5", "share of enabled people able to share a table's records they don't own", \.shareUserShare),
        count("share-minimum-users", "AP5", "and at least this many people", \.shareMinimumUsers),
        count(
            "share-role-minimum-tables", "AP5", "tables with Share at Business Unit or above that make a role share broadly",
            \.shareRoleMinimumTables),
        count("max-business-unit-depth", "GL5b", "levels below the root business unit", \.maxBusinessUnitDepth),
        count("max-business-units", "GL5b", "business units", \.maxBusinessUnits),
    ]

    private static func count(
        _ name: String, _ rule: String, _ meaning: String, _ path: WritableKeyPath<CheckOptions, Int> & Sendable
    )
        -> Threshold
    {
        Threshold(
            name: name, rule: rule, meaning: meaning, apply: { $0[keyPath: path] = Int($1) }, read: { Double($0[keyPath: path]) },
            isShare: false)
    }

    private static func share(
        _ name: String, _ rule: String, _ meaning: String, _ path: WritableKeyPath<CheckOptions, Double> & Sendable
    )
        -> Threshold
    {
        Threshold(name: name, rule: rule, meaning: meaning, apply: { $0[keyPath: path] = $1 }, read: { $0[keyPath: path] }, isShare: true)
    }

    /// Sets a threshold from `NAME=VALUE` (`max-system-administrators=10`, `clone-coverage=0.8`).
    /// Counts are whole numbers from 0; shares are numbers from 0 to 1.
    public mutating func setThreshold(_ assignment: String) throws(CheckThresholdError) {
        let parts = assignment.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else { throw CheckThresholdError("'\(assignment)': write NAME=VALUE") }
        guard let threshold = Self.thresholds.first(where: { $0.name == parts[0].lowercased() }) else {
            throw CheckThresholdError("unknown threshold '\(parts[0])'; known: \(Self.thresholds.map(\.name).joined(separator: ", "))")
        }
        if threshold.isShare {
            guard let v = Double(parts[1]), v >= 0, v <= 1 else {
                throw CheckThresholdError("\(threshold.name) is a share between 0 and 1, not '\(parts[1])'")
            }
            threshold.apply(&self, v)
        } else {
            guard let v = Int(parts[1]), v >= 0 else {
                throw CheckThresholdError("\(threshold.name) is a whole number from 0, not '\(parts[1])'")
            }
            threshold.apply(&self, Double(v))
        }
    }
}

/// A `--threshold` the checks don't know or can't use.
public struct CheckThresholdError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
