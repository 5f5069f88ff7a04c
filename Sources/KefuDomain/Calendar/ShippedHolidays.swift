/// The holiday schedule shipped with Kefu: the State Council notices for the years in data/cn-public-holidays.json
/// (a copy of shared data). A database starts with these years; administrators add later years as notices appear.
/// `ShippedHolidaysTests` checks that this table and the JSON file say the same.
public enum ShippedHolidays {
    public static let years: [Int: HolidayYear] = [
        2025: HolidayYear(holidays: [
            .init(name: "元旦", from: "2025-01-01", to: "2025-01-01"),
            .init(name: "春节", from: "2025-01-28", to: "2025-02-04"),
            .init(name: "清明节", from: "2025-04-04", to: "2025-04-06"),
            .init(name: "劳动节", from: "2025-05-01", to: "2025-05-05"),
            .init(name: "端午节", from: "2025-05-31", to: "2025-06-02"),
            .init(name: "国庆节、中秋节", from: "2025-10-01", to: "2025-10-08"),
        ], workdays: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]),
        2026: HolidayYear(holidays: [
            .init(name: "元旦", from: "2026-01-01", to: "2026-01-03"),
            .init(name: "春节", from: "2026-02-15", to: "2026-02-23"),
            .init(name: "清明节", from: "2026-04-04", to: "2026-04-06"),
            .init(name: "劳动节", from: "2026-05-01", to: "2026-05-05"),
            .init(name: "端午节", from: "2026-06-19", to: "2026-06-21"),
            .init(name: "中秋节", from: "2026-09-25", to: "2026-09-27"),
            .init(name: "国庆节", from: "2026-10-01", to: "2026-10-07"),
        ], workdays: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]),
    ]
}
