/// `n` and the noun agreeing with it: `1 user`, `3 users`, `0 escalations`, `2 new findings`.
///
/// Every count a report prints reads as English; `user(s)` is what a tool says when it did not care.
public func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}
