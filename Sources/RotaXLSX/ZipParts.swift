import Foundation
import ZIPFoundation

/// The parts of a zip archive held in memory, each unpacked on request with
/// ZIPFoundation's inflater. The directory is read here rather than by
/// ZIPFoundation's `Archive`, because on damaged files `Archive` traps (an
/// in-memory entry that points past the end) or loops for ever (a deflate
/// stream that never ends, where its reader asks the file for more bytes
/// past the end): both found by fuzz/FuzzXLSX. Here every offset is checked
/// against the data and the inflater is fed exactly the entry's bytes.
struct ZipParts {
    struct Entry {
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var dataOffset: Int
    }

    let data: Data
    private(set) var entries: [String: Entry] = [:]

    /// nil when `data` is not a zip archive (no end record, or a directory
    /// that does not fit the data).
    init?(_ data: Data) {
        self.data = data
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int? { i >= 0 && i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : nil }
        func u32(_ i: Int) -> Int? {
            guard let lo = u16(i), let hi = u16(i + 2) else { return nil }
            return lo | hi << 16
        }
        // The end-of-central-directory record: the last signature within a comment's reach of the end.
        var end: Int?
        var i = bytes.count - 22
        while i >= max(0, bytes.count - 22 - 65_535) {
            if u32(i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard let end, let count = u16(end + 10), let size = u32(end + 12), let start = u32(end + 16),
              start + size <= end else { return nil }
        var p = start
        for _ in 0..<count {
            guard u32(p) == 0x0201_4B50, let method = u16(p + 10), let crc = u32(p + 16), let compressed = u32(p + 20),
                  let uncompressed = u32(p + 24), let nameLength = u16(p + 28), let extraLength = u16(p + 30),
                  let commentLength = u16(p + 32), let local = u32(p + 42), p + 46 + nameLength <= end else { return nil }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + extraLength + commentLength
            // The local header repeats the name and has its own extra field; the data follows.
            guard u32(local) == 0x0403_4B50, let localName = u16(local + 26), let localExtra = u16(local + 28) else { return nil }
            let offset = local + 30 + localName + localExtra
            guard offset + compressed <= bytes.count else { return nil }
            entries[name] = Entry(method: UInt16(method), crc: UInt32(crc), compressedSize: compressed,
                                  uncompressedSize: uncompressed, dataOffset: offset)
        }
    }

    enum Failure: Error { case tooLarge, damaged }

    /// The part's bytes, at most `limit` of them; nil when the archive has no such part.
    func part(_ name: String, limit: Int) throws(Failure) -> Data? {
        guard let e = entries[name] else { return nil }
        let raw = data.subdata(in: (data.startIndex + e.dataOffset)..<(data.startIndex + e.dataOffset + e.compressedSize))
        switch e.method {
        case 0:   // stored
            guard raw.count <= limit else { throw .tooLarge }
            guard raw.crc32(checksum: 0) == e.crc else { throw .damaged }
            return raw
        case 8:   // deflated
            var out = Data()
            var position = 0
            do {
                let crc = try Data.decompress(size: Int64(raw.count), bufferSize: 64 << 10, skipCRC32: false, provider: { _, size in
                    // A stream that has not ended when its bytes have: damaged, not "read on".
                    guard position < raw.count else { throw Failure.damaged }
                    let next = min(raw.count, position + size)
                    defer { position = next }
                    return raw.subdata(in: position..<next)
                }, consumer: { chunk in
                    guard out.count + chunk.count <= limit else { throw Failure.tooLarge }
                    out.append(chunk)
                })
                guard crc == e.crc else { throw Failure.damaged }
            } catch let f as Failure {
                throw f
            } catch {
                throw .damaged
            }
            return out
        default:
            throw .damaged   // Excel stores or deflates; nothing else
        }
    }
}
