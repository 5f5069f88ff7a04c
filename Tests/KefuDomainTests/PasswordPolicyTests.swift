import KefuDomain
import Testing

@Suite("Password policy and sign-in throttling (#10.4, #10.15)")
struct PasswordPolicyTests {
    @Test func trivialAndCommonPasswordsAreRefused() {
        #expect(PasswordPolicy.check("short") == .tooShort)
        #expect(PasswordPolicy.check("12345678") == .trivial)
        #expect(PasswordPolicy.check("87654321") == .trivial)
        #expect(PasswordPolicy.check("abcdefgh") == .trivial)
        #expect(PasswordPolicy.check("qwertyui") == .trivial)
        #expect(PasswordPolicy.check("asdfasdf") == .trivial)
        #expect(PasswordPolicy.check("1qaz2wsx") == .trivial)
        #expect(PasswordPolicy.check("aaaaaaaa") == .trivial)
        #expect(PasswordPolicy.check("abababab") == .trivial)
        #expect(PasswordPolicy.check("password") == .common)
        #expect(PasswordPolicy.check("Password1") == .common)
        #expect(PasswordPolicy.check("woaini1314") == .common)
        #expect(PasswordPolicy.check("zhangsan1", username: "zhangsan") == .containsUsername)
        #expect(PasswordPolicy.check("nasgnahz", username: "zhangsan") == .containsUsername)
        #expect(PasswordPolicy.check("pass\u{7}word-x") == .controlCharacters)
        #expect(PasswordPolicy.check(String(repeating: "长句", count: 129)) == .tooLong)
    }

    @Test func passphrasesAndProjectPasswordsAreAccepted() {
        #expect(PasswordPolicy.check("correct horse battery staple") == nil)
        #expect(PasswordPolicy.check("我们在 2026 年的春天去杭州看西湖的荷花") == nil)
        #expect(PasswordPolicy.check(String(repeating: "long passphrase ", count: 16)) == nil)
        // The demo data, the tests' administrator and their users.
        #expect(PasswordPolicy.check("kefu-demo-2026", username: "agent") == nil)
        #expect(PasswordPolicy.check("admin-secret-1", username: "admin") == nil)
        #expect(PasswordPolicy.check("password-agent", username: "agent") == nil)
    }

    @Test func commonListIsShippedAsData() {
        #expect(CommonPasswords.list.count >= 300)
        #expect(CommonPasswords.list.allSatisfy { $0 == $0.lowercased() })
    }

    @Test func delaysGrowAndAreCapped() {
        #expect(LoginThrottle.delay(failures: 4) == 0)
        #expect(LoginThrottle.delay(failures: 5) == 1_000)
        #expect(LoginThrottle.delay(failures: 6) == 2_000)
        #expect(LoginThrottle.delay(failures: 7) == 4_000)
        #expect(LoginThrottle.delay(failures: 40) == LoginThrottle.maxDelayMillis)
        #expect(LoginThrottle.delay(failures: 1_000_000) == LoginThrottle.maxDelayMillis)
        #expect(LoginThrottle.wait(failures: 6, lastFailureAt: 10_000, now: 10_500) == 1_500)
        #expect(LoginThrottle.wait(failures: 6, lastFailureAt: 10_000, now: 12_000) == nil)
        #expect(LoginThrottle.wait(failures: 4, lastFailureAt: 10_000, now: 10_000) == nil)
        #expect(LoginThrottle.next(failures: 9, lastFailureAt: 0, now: LoginThrottle.forgetAfterMillis + 1) == 1)
        #expect(LoginThrottle.next(failures: 9, lastFailureAt: 0, now: 1_000) == 10)
        #expect(LoginThrottle.retryAfterSeconds(1) == 1)
        #expect(LoginThrottle.retryAfterSeconds(1_500) == 2)
    }
}
