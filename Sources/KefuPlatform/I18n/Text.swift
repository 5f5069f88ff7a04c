/// UI languages. zh-CN is the default (API.md users: Chinese enterprises); English is a per-user switch.
public enum AppLocale: String, CaseIterable, Codable, Sendable {
    case zhCN = "zh-CN"
    case en

    public init(header: String?) {
        let value = (header ?? "").lowercased()
        if value.hasPrefix("en") { self = .en } else { self = .zhCN }
    }

    public var htmlLang: String { rawValue }
}

/// A user-facing string in both languages, written where it is used, so that no text can miss its translation.
public struct Text: Sendable, Hashable {
    public let zh: String
    public let en: String

    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    public func callAsFunction(_ locale: AppLocale) -> String {
        locale == .en ? en : zh
    }

    /// Replaces `{0}`, `{1}` … with the arguments in both languages.
    public func with(_ args: String...) -> Text {
        func fill(_ s: String) -> String {
            var out = s
            for (i, a) in args.enumerated() { out = out.replacingOccurrences(of: "{\(i)}", with: a) }
            return out
        }
        return Text(fill(zh), fill(en))
    }
}
