/// Password rules for creating a user, an administrator's reset and a self-service change (#10.15).
/// Long passphrases are welcome (spaces allowed); trivial and common passwords are refused.
public enum PasswordPolicy {
    public static let minLength = 8
    /// Characters, not bytes: a passphrase of 256 Chinese characters is allowed. Passwords longer than bcrypt's 72 bytes
    /// are pre-hashed before bcrypt (Secrets.hashPassword), so every character counts (#10.5).
    public static let maxLength = 256
    /// Longest password a sign-in attempt may send; longer ones are refused before any work (#10.5).
    public static let maxSignInLength = 1024

    public enum Problem: Sendable, Equatable {
        case tooShort
        case tooLong
        case controlCharacters
        /// One character repeated, or a run such as `12345678` / `abcdefgh` / `qwertyui`.
        case trivial
        case common
        case containsUsername
    }

    /// The first problem of `password` for the account `username`, or nil when it is acceptable.
    public static func check(_ password: String, username: String? = nil) -> Problem? {
        if password.count < minLength { return .tooShort }
        if password.count > maxLength { return .tooLong }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacters }
        let folded = password.lowercased()
        if Set(folded).count <= 2 || isSequence(folded) || isKeyboardRun(folded) { return .trivial }
        if CommonPasswords.contains(folded) { return .common }
        if let username, username.count >= 3 {
            let user = username.lowercased()
            // The username itself, reversed, or with only a few characters around it.
            if folded == user || String(folded.reversed()) == user || (folded.contains(user) && folded.count - user.count < 4) {
                return .containsUsername
            }
        }
        return nil
    }

    /// Every step between neighbours is +1 or every step is -1 (`12345678`, `abcdefgh`, `87654321`).
    static func isSequence(_ s: String) -> Bool {
        let scalars = s.unicodeScalars.map { Int($0.value) }
        guard scalars.count >= 2 else { return true }
        let steps = Set(zip(scalars, scalars.dropFirst()).map { $1 - $0 })
        return steps == [1] || steps == [-1] || steps == [0]
    }

    static let keyboardRows = ["1234567890-=", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"]

    /// A stretch of one keyboard row (or its reverse), possibly repeated: `qwertyui`, `asdfasdf`.
    static func isKeyboardRun(_ s: String) -> Bool {
        for row in keyboardRows {
            let doubled = row + row
            let reversed = String(doubled.reversed())
            // Split into chunks that each lie on the row.
            var rest = Substring(s)
            var ok = true
            while !rest.isEmpty {
                var best = 0
                for n in stride(from: min(rest.count, row.count), through: 3, by: -1) {
                    let chunk = String(rest.prefix(n))
                    if doubled.contains(chunk) || reversed.contains(chunk) { best = n; break }
                }
                if best == 0 { ok = false; break }
                rest = rest.dropFirst(best)
            }
            if ok { return true }
        }
        return false
    }
}
