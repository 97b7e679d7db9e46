import Foundation

/// How many inputs a property test draws: `n`, times `DVSEC_PROPERTY_SCALE` when it is set (a
/// longer run, `.ci/nightly`, which draws 20 times as many). Each run draws new random inputs, so
/// a rare failing input can turn up in any run: the longer run looks for them before a release
/// does (one such input was found by CI once: `diffBackwardsIsTheInverse`, now a fixed case).
/// A failure prints the seed to replay it with (`.fixedSeed(...)` on the test).
func propertyCount(_ n: Int) -> Int {
    guard let text = ProcessInfo.processInfo.environment["DVSEC_PROPERTY_SCALE"], let scale = Int(text), scale > 1 else { return n }
    return n * scale
}
