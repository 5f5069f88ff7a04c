import KefuPlatform
import Testing

@Suite("Secrets")
struct SecretsTests {
    /// Stored token hashes and webhook signatures are lower-case hex of SHA-256 / HMAC-SHA256 (published test vectors).
    @Test func hashesAreStandardLowerCaseHex() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Secrets.hmacSHA256Hex(key: "key", message: "The quick brown fox jumps over the lazy dog")
                == "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }
}
