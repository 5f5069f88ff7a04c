/// A ZIP container (PKWARE APPNOTE) as Office Open XML uses it: members written stored (method 0) with CRC-32,
/// members read stored or deflated (method 8, as Excel, WPS and openpyxl write them), CRC checked.
public enum ZipArchive {
    public enum Failure: Error, Equatable {
        case notZip, truncated, unsupported(String), checksum(String), tooLarge
    }

    /// One member to write: its path inside the archive and its bytes.
    public struct Member: Sendable {
        public let path: String
        public let bytes: [UInt8]
        public init(path: String, bytes: [UInt8]) {
            self.path = path
            self.bytes = bytes
        }
    }

    /// Bytes of an archive holding the members in order, each stored, names in UTF-8 (flag bit 11).
    /// Timestamps are 1980-01-01 00:00 so the same table gives the same file.
    public static func write(_ members: [Member]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(members.reduce(0) { $0 + $1.bytes.count + 100 + $1.path.utf8.count * 2 } + 22)
        var central: [UInt8] = []
        let dosTime: UInt16 = 0, dosDate: UInt16 = (0 << 9) | (1 << 5) | 1
        for m in members {
            let name = Array(m.path.utf8)
            let crc = CRC32.checksum(m.bytes)
            let offset = UInt32(out.count)
            out.le32(0x0403_4B50); out.le16(20); out.le16(0x0800); out.le16(0)
            out.le16(dosTime); out.le16(dosDate); out.le32(crc)
            out.le32(UInt32(m.bytes.count)); out.le32(UInt32(m.bytes.count))
            out.le16(UInt16(name.count)); out.le16(0)
            out.append(contentsOf: name)
            out.append(contentsOf: m.bytes)
            central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(0x0800); central.le16(0)
            central.le16(dosTime); central.le16(dosDate); central.le32(crc)
            central.le32(UInt32(m.bytes.count)); central.le32(UInt32(m.bytes.count))
            central.le16(UInt16(name.count)); central.le16(0); central.le16(0); central.le16(0); central.le16(0)
            central.le32(0); central.le32(offset)
            central.append(contentsOf: name)
        }
        let cdOffset = UInt32(out.count)
        out.append(contentsOf: central)
        out.le32(0x0605_4B50); out.le16(0); out.le16(0)
        out.le16(UInt16(members.count)); out.le16(UInt16(members.count))
        out.le32(UInt32(central.count)); out.le32(cdOffset); out.le16(0)
        return out
    }

    /// The members of an archive by path. `limit` bounds the total unpacked size.
    public static func read(_ bytes: [UInt8], limit: Int = 200 * 1024 * 1024) throws -> [String: [UInt8]] {
        guard bytes.count >= 22, bytes.le32(at: 0) == 0x0403_4B50 else { throw Failure.notZip }
        // End of central directory: the last signature within the final 65,557 bytes.
        var eocd = -1
        var i = bytes.count - 22
        let floor = max(0, bytes.count - 65_557)
        while i >= floor {
            if bytes.le32(at: i) == 0x0605_4B50 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure.truncated }
        let entries = Int(bytes.le16(at: eocd + 10))
        let cdOffset = Int(bytes.le32(at: eocd + 16))
        guard cdOffset != 0xFFFF_FFFF, entries != 0xFFFF else { throw Failure.unsupported("ZIP64") }
        var members: [String: [UInt8]] = [:]
        var total = 0
        var p = cdOffset
        for _ in 0..<entries {
            guard p + 46 <= bytes.count, bytes.le32(at: p) == 0x0201_4B50 else { throw Failure.truncated }
            let flags = bytes.le16(at: p + 8)
            let method = bytes.le16(at: p + 10)
            let crc = bytes.le32(at: p + 16)
            let compSize = Int(bytes.le32(at: p + 20))
            let size = Int(bytes.le32(at: p + 24))
            let nameLen = Int(bytes.le16(at: p + 28)), extraLen = Int(bytes.le16(at: p + 30)), commentLen = Int(bytes.le16(at: p + 32))
            let local = Int(bytes.le32(at: p + 42))
            guard p + 46 + nameLen <= bytes.count else { throw Failure.truncated }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            p += 46 + nameLen + extraLen + commentLen
            if name.hasSuffix("/") { continue }
            guard flags & 1 == 0 else { throw Failure.unsupported("encrypted member \(name)") }
            guard local + 30 <= bytes.count, bytes.le32(at: local) == 0x0403_4B50 else { throw Failure.truncated }
            let start = local + 30 + Int(bytes.le16(at: local + 26)) + Int(bytes.le16(at: local + 28))
            guard start + compSize <= bytes.count else { throw Failure.truncated }
            let raw = Array(bytes[start..<(start + compSize)])
            let data: [UInt8]
            switch method {
            case 0: data = raw
            case 8:
                do { data = try Inflate.decompress(raw, expectedSize: size, limit: limit - total) } catch Inflate.Failure.tooLarge {
                    throw Failure.tooLarge
                } catch { throw Failure.unsupported("damaged deflate data in \(name)") }
            default: throw Failure.unsupported("compression method \(method) in \(name)")
            }
            total += data.count
            guard total <= limit else { throw Failure.tooLarge }
            guard CRC32.checksum(data) == crc else { throw Failure.checksum(name) }
            members[name] = data
        }
        return members
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) {
        append(UInt8(v & 0xFF)); append(UInt8(v >> 8))
    }

    mutating func le32(_ v: UInt32) {
        append(UInt8(v & 0xFF)); append(UInt8((v >> 8) & 0xFF)); append(UInt8((v >> 16) & 0xFF)); append(UInt8(v >> 24))
    }

    func le16(at i: Int) -> UInt16 {
        guard i + 2 <= count else { return 0 }
        return UInt16(self[i]) | UInt16(self[i + 1]) << 8
    }

    func le32(at i: Int) -> UInt32 {
        guard i + 4 <= count else { return 0 }
        return UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
