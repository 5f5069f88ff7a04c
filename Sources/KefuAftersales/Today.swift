import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import KefuServiceDesk
import SQLKit

/// Today's date in the organisation's zone (D11: dates are local calendar days).
enum Today {
    static func date(_ now: Date = Date()) -> LocalDate {
        let c = Times.calendar().dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    static func localDate(millis: Int64) -> LocalDate { date(Clock.date(millis: millis)) }
}
