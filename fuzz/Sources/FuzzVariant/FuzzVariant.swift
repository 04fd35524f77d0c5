import Foundation
import FuzzDriver
import FuzzSupport
import RotaIO

/// A private copy of the small scenario, where a variant's `base = "../small"`
/// leads: <tmp>/small, with variants in <tmp>/variants. Being a copy, a
/// mutated `base` cannot reach the repository's larger scenarios.
let variantFolder: String = {
    let root = NSTemporaryDirectory() + "rota-fuzz-variant-\(getpid())"
    let fm = FileManager.default
    try? fm.removeItem(atPath: root)
    do {
        try fm.createDirectory(atPath: root + "/variants", withIntermediateDirectories: true)
        try fm.copyItem(atPath: FuzzSupport.smallFolder, toPath: root + "/small")
    } catch {
        fatalError("fuzz: cannot make \(root): \(error)")
    }
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "rota-fuzz-variant-\(getpid())") }
    return root + "/variants"
}()

/// Fuzzes a variant file (the input is its text), on the small scenario
/// when it says `base = "../small"` as the seeds do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzSupport.text(data, size)
    var errors: [InputError] = []
    let s = VariantLoader.check(variant: text, file: "fuzz.toml", folder: variantFolder, errors: &errors)
    if errors.isEmpty { precondition(s != nil, "no scenario and no error") }
    for e in errors { _ = e.description }
    return 0
}

/// The entry point SwiftPM links as `main` (see FuzzDriver.h).
@_cdecl("FuzzVariant_main")
public func FuzzVariantMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    rota_fuzz_run(argc, argv, fuzz)
}
