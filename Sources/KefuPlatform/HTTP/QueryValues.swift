import KefuDomain

/// Query-string values every list and report reads the same way; a bad value is a 422 naming the parameter.
public enum QueryValues {
    /// `true` or `false`; nil when the parameter is absent or blank.
    public static func flag(_ raw: String?, _ field: String) throws -> Bool? {
        switch TextRules.trimmed(raw) {
        case nil: return nil
        case "true": return true
        case "false": return false
        default: throw AppError.validation(field, Text("{0} 只能是 true 或 false", "{0} must be true or false").with(field))
        }
    }

    /// A `YYYY-MM-DD` date.
    public static func day(_ raw: String?, _ field: String) throws -> CivilDay {
        guard let day = raw.flatMap(CivilDay.init(iso:)) else {
            throw AppError.validation(field, Text("{0} 必须是 YYYY-MM-DD 日期", "{0} must be a YYYY-MM-DD date").with(field))
        }
        return day
    }

    /// `from`..`to` (both days included), at most `maxDays` long.
    public static func period(from rawFrom: String?, to rawTo: String?, maxDays: Int) throws -> (from: CivilDay, to: CivilDay) {
        let from = try day(rawFrom, "from"), to = try day(rawTo, "to")
        guard from <= to else { throw AppError.validation("to", Text("to 不能早于 from", "to cannot be before from")) }
        guard to.number - from.number < maxDays else {
            throw AppError.validation("to", Text("期间最长 {0} 天", "A period is at most {0} days").with(String(maxDays)))
        }
        return (from, to)
    }
}
