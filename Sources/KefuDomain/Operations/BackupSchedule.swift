import Foundation

/// #17.1 scheduled backups: how often (`KEFU_BACKUP_EVERY`), what a copy is called, and which copies to delete so that
/// only the newest `KEFU_BACKUP_KEEP` remain. Pure rules; the server's backup job does the file work.
public enum BackupSchedule {
    public static let defaultEvery = 24 * 3600
    public static let defaultKeep = 7
    public static let filePrefix = "kefu-"
    public static let fileSuffix = ".sqlite"

    /// `24h`, `30m`, `90s`, `7d` or a bare number of seconds → seconds; nil when not understood or below one minute
    /// (a backup every few seconds would only wear the disk).
    public static func parsePeriod(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !t.isEmpty else { return nil }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(t)
        var unit = 1
        if let last = t.last, let u = units[last] {
            unit = u
            digits = t.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let n = Int(digits), n > 0 else { return nil }
        let (seconds, overflow) = n.multipliedReportingOverflow(by: unit)
        guard !overflow, seconds >= 60 else { return nil }
        return seconds
    }

    /// `KEFU_BACKUP_KEEP`: a whole number from 1 to 10,000; nil when not understood.
    public static func parseKeep(_ text: String) -> Int? {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), (1...10_000).contains(n) else { return nil }
        return n
    }

    /// `kefu-YYYYMMDD-HHMMSS.sqlite` in UTC, so that names sort as their times do all year round.
    public static func fileName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?, _ width: Int) -> String {
            let s = String(n ?? 0)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return filePrefix + pad(c.year, 4) + pad(c.month, 2) + pad(c.day, 2) + "-" + pad(c.hour, 2) + pad(c.minute, 2) + pad(c.second, 2) + fileSuffix
    }

    /// Whether a name is one of the scheduled copies (anything else in the directory is never touched).
    public static func isScheduledCopy(_ name: String) -> Bool {
        guard name.hasPrefix(filePrefix), name.hasSuffix(fileSuffix) else { return false }
        let stamp = name.dropFirst(filePrefix.count).dropLast(fileSuffix.count)
        guard stamp.count == 15 else { return false }
        return stamp.enumerated().allSatisfy { i, ch in i == 8 ? ch == "-" : ch.isASCII && ch.isNumber }
    }

    /// The scheduled copies to delete so that the `keep` newest remain; other names are ignored.
    public static func toPrune(_ names: [String], keep: Int) -> [String] {
        let copies = names.filter(isScheduledCopy).sorted(by: >)
        return Array(copies.dropFirst(max(keep, 0))).sorted()
    }

    /// When a scheduled copy's name says it was taken (UTC), or nil for any other name.
    public static func takenAt(_ name: String) -> Date? {
        guard isScheduledCopy(name) else { return nil }
        let stamp = Array(name.dropFirst(filePrefix.count).dropLast(fileSuffix.count))
        func number(_ range: Range<Int>) -> Int { Int(String(stamp[range]))! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: number(0..<4), month: number(4..<6), day: number(6..<8),
                                                  hour: number(9..<11), minute: number(11..<13), second: number(13..<15)))
    }

    /// When the next copy is due: one period after the newest copy in the directory, at once when there is none or it
    /// is older than that (so a restart neither skips a backup nor takes an extra one).
    public static func nextDue(existing names: [String], every seconds: Int, now: Date) -> Date {
        guard let newest = names.compactMap(takenAt).max() else { return now }
        return max(now, newest.addingTimeInterval(TimeInterval(seconds)))
    }
}
