import Foundation
import Testing

/// A snapshot argument that never ends (`/dev/zero`, an endless stream). Found by a robustness
/// review: `dvsec validate /dev/zero` took 5 GB in 6 seconds, until the system killed it.
@Suite struct EndlessInputCLITests {
    /// Runs a shell script with the binary as `$1`; a memory cap of 4 GB makes an unbounded read
    /// end in a crash instead of eating the machine.
    func shell(_ script: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v 4000000; " + script, "sh", BinaryRunner.binary]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    @Test func aDeviceOtherThanStandardInputIsRefusedWithoutReadingIt() throws {
        for command in [#""$1" validate /dev/zero"#, #""$1" show /dev/zero users"#, #""$1" /dev/zero"#, #""$1" diff /dev/zero /dev/zero"#] {
            let r = try shell(command)
            #expect(
                r.status == 2 && r.stderr == "dvsec: error: /dev/zero: is a character device, not a snapshot file\n",
                "\(command): \(r.stderr)")
        }
        // /dev/null reads as empty, as before; standard input may be any device (a terminal).
        let null = try shell(#""$1" validate /dev/null"#)
        #expect(null.status == 2 && null.stderr.contains("/dev/null: is empty: nothing was read"), "\(null.stderr)")
        let stdin = try shell(#""$1" validate - < /dev/null"#)
        #expect(stdin.status == 2 && stdin.stderr.contains("standard input: is empty"), "\(stdin.stderr)")
    }

    /// Standard input that never ends is read up to the limit, then refused naming it.
    @Test func endlessStandardInputStopsAtTheLimit() throws {
        let r = try shell(#""$1" validate - < /dev/zero"#)
        #expect(
            r.status == 2
                && r.stderr
                    == "dvsec: error: standard input: gives more than 536870912 bytes (512 MiB, the most dvsec reads from a pipe or a device): refused (write it to a file first)\n",
            "\(r.stderr)")
    }
}
