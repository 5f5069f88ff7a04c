import Foundation
import KefuDomain
import Testing

@Suite("Chat rules (#16.4 CH-01)")
struct ChatRulesTests {
    /// Epoch millis of a Shanghai local time (UTC+8).
    static func shanghai(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> Int64 {
        (Int64(CivilDay(year: y, month: m, day: d).number) * 86_400 + Int64(h * 3600 + min * 60) - 8 * 3600) * 1000
    }

    let calendar = WorkCalendar(schedule: HolidaySchedule(years: ShippedHolidays.years))

    @Test func aMessageIsTrimmedAndLimited() throws {
        #expect(try ChatRules.message("  你好 ", clientId: "c-1").get().body == "你好")
        #expect(ChatRules.message("   ", clientId: "c-1").failureValue == .empty)
        #expect(ChatRules.message(String(repeating: "字", count: ChatRules.messageMax), clientId: "c").failureValue == nil)
        #expect(ChatRules.message(String(repeating: "字", count: ChatRules.messageMax + 1), clientId: "c").failureValue == .tooLong)
        #expect(ChatRules.message("hi", clientId: nil).failureValue == .badClientId)
        #expect(ChatRules.message("hi", clientId: "has space").failureValue == .badClientId)
        #expect(ChatRules.message("hi", clientId: String(repeating: "x", count: 65)).failureValue == .badClientId)
    }

    @Test func theRateLimitCountsTheWindowOnly() {
        let now: Int64 = 1_800_000_000_000
        let seven = (0..<7).map { now - Int64($0) * 1000 }
        #expect(ChatRules.allowsAnother(recent: seven, now: now))
        #expect(!ChatRules.allowsAnother(recent: seven + [now - 8000], now: now))
        // Older than the window: not counted.
        #expect(ChatRules.allowsAnother(recent: seven + [now - ChatRules.rateWindowMillis], now: now))
    }

    @Test func oneAddressStartsAtMostFiveChatsInTenMinutes() {
        #expect(ChatRules.allowsStart(recent: 4))
        #expect(!ChatRules.allowsStart(recent: 5))
        #expect(ChatRules.allowsStart(recent: 500, limit: 0))
        #expect(!ChatRules.allowsStart(recent: 1, limit: 1))
        let now: Int64 = 1_800_000_000_000
        // The oldest start leaves the window 10 minutes after it was made; never less than a second.
        #expect(ChatRules.startRetryAfterSeconds(oldestInWindow: now - 9 * 60_000, now: now) == 60)
        #expect(ChatRules.startRetryAfterSeconds(oldestInWindow: now - 9 * 60_000 - 500, now: now) == 60)
        #expect(ChatRules.startRetryAfterSeconds(oldestInWindow: now - ChatRules.startWindowMillis, now: now) == 1)
    }

    @Test func aContactIsAPhoneOrAnEmail() {
        #expect(ChatRules.contact("13812345678") == .phone("13812345678"))
        #expect(ChatRules.contact(" +86 138-1234-5678 ") == .phone("+86 138-1234-5678"))
        #expect(ChatRules.contact("li@example.com") == .email("li@example.com"))
        #expect(ChatRules.contact("li@") == nil)
        #expect(ChatRules.contact("abc") == nil)
        #expect(ChatRules.contact("123") == nil)
        #expect(ChatRules.contact("") == nil)
    }

    @Test func chatIsOpenOnWorkingDaysFromHalfPastEightToHalfPastFive() {
        // Thursday 3 December 2026.
        #expect(!ChatRules.isOpen(at: Self.shanghai(2026, 12, 3, 8, 29), calendar: calendar))
        #expect(ChatRules.isOpen(at: Self.shanghai(2026, 12, 3, 8, 30), calendar: calendar))
        #expect(ChatRules.isOpen(at: Self.shanghai(2026, 12, 3, 12, 0), calendar: calendar))
        #expect(ChatRules.isOpen(at: Self.shanghai(2026, 12, 3, 17, 29), calendar: calendar))
        #expect(!ChatRules.isOpen(at: Self.shanghai(2026, 12, 3, 17, 30), calendar: calendar))
        // Saturday, and a public holiday (National Day).
        #expect(!ChatRules.isOpen(at: Self.shanghai(2026, 12, 5, 10, 0), calendar: calendar))
        #expect(!ChatRules.isOpen(at: Self.shanghai(2026, 10, 2, 10, 0), calendar: calendar))
    }

    @Test func theTranscriptIsInShanghaiTime() {
        let at = Self.shanghai(2026, 12, 3, 9, 5)
        #expect(ChatRules.transcript([(at, "访客", "你好"), (at + 60_000, "客服", "您好")]) == "[09:05] 访客：你好\n[09:06] 客服：您好")
    }
}

extension Result {
    var failureValue: Failure? { if case .failure(let f) = self { return f } else { return nil } }
}
