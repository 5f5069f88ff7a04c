extension UsualInput {
    /// #11.2: a whole number as people type it ("3,500", "３５００", " 30 "); nil for anything else.
    public static func wholeNumber(_ text: String?) -> Int? {
        guard let text, let canonical = number(text) else { return nil }
        return Int(canonical)
    }

    /// #11.2: a calendar day as people write it ("2026/10/20", "2026年10月20日") in ISO form ("2026-10-20");
    /// text that is no day is returned as typed, for the strict check to refuse with its own message.
    public static func isoDay(_ text: String) -> String {
        day(text)?.iso ?? text
    }
}
