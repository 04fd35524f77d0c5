import FuzzDriver
import FuzzSupport

/// Fuzzes scenario.toml: the input is its text, the CSV tables are the
/// small scenario's.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var files = FuzzSupport.small
    files.toml = FuzzSupport.text(data, size)
    files.check()
    return 0
}

/// The entry point SwiftPM links as `main` (see FuzzDriver.h).
@_cdecl("FuzzTOML_main")
public func FuzzTOMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    rota_fuzz_run(argc, argv, fuzz)
}
