import Hummingbird

/// `?page=1&per=50`; per is capped so one request cannot ask for the whole table.
public struct Paging: Sendable {
    public let page: Int
    public let per: Int
    public static let maxPer = 200

    public init(page: Int, per: Int) {
        self.page = page
        self.per = per
    }

    public var offset: Int { (page - 1) * per }

    public static func from(_ query: [String: String], defaultPer: Int = 50) throws -> Paging {
        let page = try positive(query["page"], name: "page") ?? 1
        let per = try positive(query["per"], name: "per") ?? defaultPer
        guard per <= maxPer else {
            throw AppError.validation("per", Text("每页条数不能超过 {0}", "per must not exceed {0}").with(String(maxPer)))
        }
        guard page <= 1_000_000 else {
            throw AppError.validation("page", Text("页码过大", "page is too large"))
        }
        return Paging(page: page, per: per)
    }

    private static func positive(_ raw: String?, name: String) throws -> Int? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let value = Int(raw), value >= 1 else {
            throw AppError.validation(name, Text("{0} 必须是正整数", "{0} must be a positive whole number").with(name))
        }
        return value
    }
}

extension Request {
    /// Query parameters as a dictionary (last value wins), percent-decoded.
    public var queryDictionary: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in uri.queryParameters { out[String(k)] = String(v) }
        return out
    }
}
