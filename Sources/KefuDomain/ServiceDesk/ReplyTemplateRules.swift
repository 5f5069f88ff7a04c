import Foundation

/// CH-03, CH-04 (#16 item 5): the reply templates — the centre's standard phrases (规范服务用语, 话术), greetings and
/// closings — with variables filled in from the ticket. A template belongs to a unit and holds for it and every unit
/// below; company-wide ones belong to the head office's whole tree (path "/").
public enum ReplyTemplateRules {
    public enum Kind: String, CaseIterable, Codable, Sendable {
        /// A phrase inserted anywhere in a reply (CH-03).
        case phrase
        /// How an agent opens: the office first, then the agent (CH-04 "this is ___ management office, ×××").
        case greeting
        /// How an agent closes.
        case closing
        /// #16 item 2: the automatic answer to a new ticket from mail, per unit and language (CH-04: the office names
        /// itself); never offered in the reply box. A unit without one in force sends no acknowledgement.
        case acknowledgement

        /// What the reply box offers.
        public var inReplyBox: Bool { self != .acknowledgement }
    }

    public static let locales = ["zh-CN", "en"]
    public static let maxTitle = 60
    public static let maxCategory = 30
    public static let maxCode = 20
    public static let maxBody = 2_000
    /// The company-wide templates' path: every unit's path starts with it.
    public static let companyWidePath = "/"

    /// The variables a template may name, with the Chinese names a supervisor may type instead.
    public static let variables = ["customer", "ticketNumber", "agent", "dueAt", "unit"]
    public static let chineseNames = ["客户": "customer", "工单号": "ticketNumber", "客服": "agent", "时限": "dueAt", "部门": "unit"]

    public struct Input: Sendable {
        public var kind, channel, category, title, code, body, locale: String?
        public init(kind: String?, channel: String?, category: String?, title: String?, code: String?, body: String?, locale: String?) {
            self.kind = kind; self.channel = channel; self.category = category; self.title = title; self.code = code; self.body = body; self.locale = locale
        }
    }

    public struct Valid: Sendable, Equatable {
        public let kind: Kind
        public let channel: TicketChannel?
        public let category: String
        public let title: String
        public let code: String?
        public let body: String
        public let locale: String

        public init(kind: Kind, channel: TicketChannel?, category: String, title: String, code: String?, body: String, locale: String) {
            self.kind = kind; self.channel = channel; self.category = category; self.title = title; self.code = code; self.body = body; self.locale = locale
        }
    }

    public enum Refusal: Error, Equatable, Sendable {
        case missing(field: String)
        case tooLong(field: String, max: Int)
        case badKind, badChannel, badLocale
        /// The code is letters, digits, '-' or '_' only (it is typed in the reply box).
        case badCode
        case unknownVariable(String)

        public var field: String {
            switch self {
            case .missing(let f), .tooLong(let f, _): return f
            case .badKind: return "kind"
            case .badChannel: return "channel"
            case .badLocale: return "locale"
            case .badCode: return "code"
            case .unknownVariable: return "body"
            }
        }
    }

    public static func validate(_ input: Input) -> Result<Valid, Refusal> {
        func trimmed(_ s: String?) -> String? {
            let t = s?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return t.isEmpty ? nil : t
        }
        guard let kind = Kind(rawValue: trimmed(input.kind) ?? Kind.phrase.rawValue) else { return .failure(.badKind) }
        var channel: TicketChannel?
        if let c = trimmed(input.channel) {
            guard let known = TicketChannel(rawValue: c) else { return .failure(.badChannel) }
            channel = known
        }
        let locale = trimmed(input.locale) ?? "zh-CN"
        guard locales.contains(locale) else { return .failure(.badLocale) }
        guard let title = trimmed(input.title) else { return .failure(.missing(field: "title")) }
        guard title.count <= maxTitle else { return .failure(.tooLong(field: "title", max: maxTitle)) }
        let category = trimmed(input.category) ?? ""
        guard category.count <= maxCategory else { return .failure(.tooLong(field: "category", max: maxCategory)) }
        let code = trimmed(input.code)
        if let code {
            guard code.count <= maxCode else { return .failure(.tooLong(field: "code", max: maxCode)) }
            guard code.unicodeScalars.allSatisfy({ ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) || $0 == "-" || $0 == "_" }) else {
                return .failure(.badCode)
            }
        }
        guard let body = input.body.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }), !body.isEmpty else {
            return .failure(.missing(field: "body"))
        }
        guard body.count <= maxBody else { return .failure(.tooLong(field: "body", max: maxBody)) }
        if let unknown = placeholders(in: body).first(where: { canonical($0) == nil }) { return .failure(.unknownVariable(unknown)) }
        return .success(Valid(kind: kind, channel: channel, category: category, title: title, code: code?.lowercased(), body: body, locale: locale))
    }

    /// The names written in braces, in order: "您好{customer}" → ["customer"]. A brace with no name, or with spaces or
    /// punctuation in it, is plain text (a customer may well write "{" in a phrase).
    public static func placeholders(in body: String) -> [String] {
        var found: [String] = []
        var rest = body[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { break }
            let name = String(after[..<close])
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) { found.append(name) }
            rest = after[close...].dropFirst()
        }
        return found
    }

    /// The variable a name stands for (its English or Chinese name), nil when unknown.
    public static func canonical(_ name: String) -> String? {
        variables.contains(name) ? name : chineseNames[name]
    }

    /// The body with each variable replaced by its value; a variable with no value (a ticket with no customer or due
    /// time) stays as written, so the agent sees what to fill in before sending.
    public static func render(_ body: String, values: [String: String]) -> String {
        var out = ""
        var rest = body[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else { rest = rest[open...]; break }
            let name = String(after[..<close])
            if let key = canonical(name), let value = values[key], !value.isEmpty {
                out += value
            } else {
                out += "{" + name + "}"
            }
            rest = after[close...].dropFirst()
        }
        return out + rest
    }

    /// Who may write a template of the unit at `templatePath` (CH-03: supervisors; decided: the customer-service
    /// supervisors and managers — the after-sales centre's own supervisors included — and administrators): in their
    /// unit and below; company-wide templates only from the head office.
    public static func mayManage(roles: Set<Role>, userPath: String, templatePath: String) -> Bool {
        guard ServiceDeskPermission.granted(.manageReplyTemplates, to: roles) else { return false }
        if templatePath == companyWidePath { return OrgPath.isRoot(userPath) }
        return OrgPath.contains(userPath, templatePath)
    }

    /// The template paths that hold for a user of the unit at `userPath`: company-wide, then each unit on the way
    /// down to the user's own.
    /// Of templates in force (their unit's path and language), the one that holds: the nearest unit's (the longest
    /// path), in `locale` before the other language (#16 item 2, CH-04: the acknowledgement). nil when there is none.
    public static func nearest(_ candidates: [(path: String, locale: String)], locale: String) -> Int? {
        candidates.indices.max { a, b in
            (candidates[a].path.count, candidates[a].locale == locale ? 1 : 0) < (candidates[b].path.count, candidates[b].locale == locale ? 1 : 0)
        }
    }

    public static func pathsInForce(userPath: String) -> [String] {
        var paths = [companyWidePath]
        var current = "/"
        for id in OrgPath.ids(userPath) {
            current += id + "/"
            paths.append(current)
        }
        return paths
    }
}
