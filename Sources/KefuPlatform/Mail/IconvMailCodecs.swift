import Crypto
import Foundation
import KefuDomain
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// #16.1: the charsets Foundation on Linux lacks (GB18030, Big5, …) through the C library's iconv, and SHA-256 through
/// swift-crypto, for the pure MIME parser in KefuDomain. Bytes that are not of the charset become U+FFFD (one per bad
/// byte) and the result says so; an iconv that does not know the charset answers nil.
public struct IconvMailCodecs: MailCodecs {
    public init() {}

    public func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    public func decode(_ bytes: [UInt8], charset: String) -> (text: String, lossy: Bool)? {
        let cd = iconv_open("UTF-8", charset)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        if bytes.isEmpty { return ("", false) }
        var input = bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var lossy = false
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var chunk = [UInt8](repeating: 0, count: max(64, bytes.count * 2))
        input.withUnsafeMutableBytes { inRaw in
            var inPtr = inRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
            var inLeft = inRaw.count
            while inLeft > 0 {
                let (status, err, produced) = chunk.withUnsafeMutableBytes { outRaw -> (Int, Int32, Int) in
                    var outPtr: UnsafeMutablePointer<CChar>? = outRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                    var outLeft = outRaw.count
                    var ip: UnsafeMutablePointer<CChar>? = inPtr
                    let r = iconv(cd, &ip, &inLeft, &outPtr, &outLeft)
                    let e = errno
                    inPtr = ip!
                    return (r, e, outRaw.count - outLeft)
                }
                out += chunk[0..<produced]
                if status != -1 { break }
                switch err {
                case E2BIG: continue
                case EILSEQ:
                    lossy = true
                    out += replacement
                    inPtr += 1
                    inLeft -= 1
                default: // EINVAL: an incomplete sequence at the end
                    lossy = true
                    out += replacement
                    inLeft = 0
                }
            }
        }
        // flush any shift state
        return (String(decoding: out, as: UTF8.self), lossy)
    }
}
