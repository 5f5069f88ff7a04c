import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Random tokens, their stored hashes, and password hashing.
public enum Secrets {
    /// 32 random bytes, URL-safe base64 without padding (cookie- and header-safe).
    public static func randomToken(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Tokens are stored only as their SHA-256, so a copy of the database does not sign anyone in.
    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    /// Signature of an outgoing webhook body: hex HMAC-SHA256 under the shared secret.
    public static func hmacSHA256Hex(key: String, message: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return hex(mac)
    }

    public static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// bcrypt cost; `KEFU_BCRYPT_COST` lowers it for test suites (never below bcrypt's minimum of 4).
    public static let bcryptCost: UInt8 = {
        if let raw = ProcessInfo.processInfo.environment["KEFU_BCRYPT_COST"], let v = UInt8(raw), v >= 4, v <= 16 { return v }
        return 10
    }()

    /// Lower-case hex of the bytes (every bearer-token request hashes its token: no `String(format:)` per byte).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// bcrypt runs off the event loop: it is slow on purpose.
    public static func hashPassword(_ password: String) async throws -> String {
        let input = bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(input, cost: bcryptCost) }
    }

    public static func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        let input = bcryptInput(password)
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(input, hash: hash) }
    }

    /// The same bcrypt work as a real check, for a username that does not exist, so that the answer's timing does not
    /// tell which usernames exist (#10.9). Always false.
    public static func verifyAgainstDummy(_ password: String) async throws -> Bool {
        _ = try await verifyPassword(password, hash: dummyHash)
        return false
    }

    /// Made once, at the configured cost, from a random secret nobody knows.
    static let dummyHash: String = Bcrypt.hash(randomToken(), cost: bcryptCost)

    /// bcrypt reads only the first 72 bytes. A longer password (a passphrase) is first reduced to its SHA-256 in base64
    /// (51 bytes), so every character counts (#10.5). Passwords of at most 72 bytes go in unchanged: existing hashes stay valid.
    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > 72 else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }
}
