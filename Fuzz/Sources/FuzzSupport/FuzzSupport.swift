import CLibFuzzer

/// What every fuzz target shares: its property checks end the run with the target's name and the broken property
/// (libFuzzer then keeps the input), and its `<Target>_main` hands control to libFuzzer's driver.

/// The running target's name (its executable's file name), for failure messages.
private let targetName: String = {
    let path = CommandLine.arguments.first ?? "fuzz"
    return String(path.split(separator: "/").last ?? Substring(path))
}()

/// Fails the run unless `condition` holds.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

/// Ends the run: a property of the decoder did not hold for this input.
public func fail(_ message: String) -> Never {
    fatalError("\(targetName): \(message)")
}

/// libFuzzer's driver with `test` as the test function (what `<Target>_main`, SwiftPM's `main`, returns).
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                         _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, test)
}
