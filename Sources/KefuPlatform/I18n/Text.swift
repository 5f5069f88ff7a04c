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

    /// Replaces `{0}`, `{1}` … with the arguments in both languages, in one pass over the text: a placeholder inside
    /// an argument (a customer's subject may hold "{1}") is left as it is. #17.4: without Foundation's
    /// `replacingOccurrences`, a fifth of the SLA scanner's time when it records a morning's breaches.
    public func with(_ args: String...) -> Text {
        Text(Self.fill(zh, args), Self.fill(en, args))
    }

    static func fill(_ template: String, _ args: [String]) -> String {
        var template = template
        return template.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + args.reduce(0) { $0 + $1.utf8.count })
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "{") {
                    var j = i + 1, index = 0
                    while j < bytes.count, j - i <= 4, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j]) {
                        index = index * 10 + Int(bytes[j] - UInt8(ascii: "0"))
                        j += 1
                    }
                    // Digits as "{\(index)}" writes them (no leading zero), then the closing brace.
                    if j > i + 1, j == i + 2 || bytes[i + 1] != UInt8(ascii: "0"), j < bytes.count, bytes[j] == UInt8(ascii: "}"),
                       index < args.count {
                        out.append(contentsOf: args[index].utf8)
                        i = j + 1
                        continue
                    }
                }
                out.append(bytes[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
