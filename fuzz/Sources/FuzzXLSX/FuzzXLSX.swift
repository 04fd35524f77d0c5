import FuzzDriver
import FuzzSupport
import Foundation
import RotaIO
import RotaXLSX
import ZIPFoundation

/// Fuzzes the workbook reader. The first byte chooses what the rest is:
/// below 128, the XML of one part of fuzz/xlsx-base.xlsx (the byte mod the
/// number of parts picks it, in `parts`' order), the other parts left as they
/// are, so XML reaches the sheet and cell readers; from 128 on, a whole
/// .xlsx file, so the zip reader meets hostile archives too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size >= 1 else { return 0 }
    let rest = Data(bytes: data + 1, count: size - 1)
    if data[0] >= 128 {
        if let contents = try? WorkbookReader.read(data: rest) { load(contents) }
        return 0
    }
    let chosen = base.names[Int(data[0]) % base.names.count]
    if let contents = try? WorkbookReader.read(parts: { name in name == chosen ? rest : base.parts[name] }) { load(contents) }
    return 0
}

func load(_ contents: WorkbookReader.Contents) {
    do { _ = try ScenarioWorkbook.load(contents, file: "fuzz.xlsx") } catch { _ = error.description }
}

/// The base workbook's parts by path, and their paths in a fixed order.
let base: (names: [String], parts: [String: Data]) = {
    let path = FuzzSupport.repository + "/fuzz/xlsx-base.xlsx"
    guard let archive = try? Archive(url: URL(fileURLWithPath: path), accessMode: .read, pathEncoding: nil) else {
        fatalError("fuzz: cannot open \(path) (set ROTA_REPO to the repository)")
    }
    var parts: [String: Data] = [:]
    for entry in archive {
        var d = Data()
        _ = try? archive.extract(entry) { d.append($0) }
        parts[entry.path] = d
    }
    return (parts.keys.sorted(), parts)
}()

@_cdecl("FuzzXLSX_main")
public func FuzzXLSXMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    rota_fuzz_run(argc, argv, fuzz)
}
