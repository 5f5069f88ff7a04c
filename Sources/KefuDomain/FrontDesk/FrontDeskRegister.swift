/// The front desk registers of a shopping centre (SPEC FRD-01..07; seed 篇13): each keeps its own fields and rules,
/// all share one way of listing, searching, exporting and printing. Returns, exchanges and complaints at the desk
/// (FRD-01) are not a register here: they go through after-sales returns and tickets with channel `walk_in`.
public enum FrontDeskRegister: String, CaseIterable, Codable, Sendable {
    /// FRD-03 失物招领: found item, where and when, finder, storage place, the department told; claimed (ID checked)
    /// or, unclaimed after `LostPropertyRules.holdDays`, handed over.
    case lostProperty = "lost_property"
    /// FRD-05 寄存: a numbered tag handed out, owner, items; retrieved only with the tag's number; overdue after closing.
    case bagStorage = "bag_storage"
    /// FRD-04 赠品发放: a hand-out to a customer against a qualifying receipt, out of the desk's gift stock.
    case giftHandout = "gift_handout"
    /// FRD-02 发票登记: an invoice issued at the desk.
    case invoice
    /// FRD-06 会员卡申请: applied → issued.
    case membershipCard = "membership_card"
    /// FRD-07 广播/宣传单登记: an in-store broadcast or a flyer distribution.
    case broadcast

    /// The record number's prefix (document numbers per kind and year, e.g. SW-2026-000001).
    public var numberPrefix: String {
        switch self {
        case .lostProperty: return "SW"
        case .bagStorage: return "JC"
        case .giftHandout: return "ZP"
        case .invoice: return "FP"
        case .membershipCard: return "HY"
        case .broadcast: return "GB"
        }
    }

    /// The register's path segment (`/front-desk/<slug>`).
    public var slug: String { rawValue.replacingOccurrences(of: "_", with: "-") }

    public init?(slug: String) { self.init(rawValue: slug.replacingOccurrences(of: "-", with: "_")) }

    public var initialStatus: FrontDeskStatus {
        switch self {
        case .lostProperty: return .held
        case .bagStorage: return .stored
        case .membershipCard: return .applied
        case .giftHandout, .invoice, .broadcast: return .recorded
        }
    }

    /// The person a record is about (searched by name and phone): the finder, the bag's owner, the customer, the
    /// applicant, who asked for the broadcast. Whether the phone is required.
    public var phoneRequired: Bool {
        switch self {
        case .bagStorage, .giftHandout, .membershipCard: return true
        case .lostProperty, .invoice, .broadcast: return false
        }
    }

    /// What the register records besides the person and the subject (`summary`), in form order.
    public var fields: [FrontDeskField] {
        switch self {
        case .lostProperty:
            return [.init("foundOn", .day, required: true), .init("foundAt", .text, required: true), .init("storagePlace", .text, required: true),
                    .init("noticeDepartment", .text, required: true), .init("description", .longText)]
        case .bagStorage:
            return [.init("ref", .text, required: true), .init("pieces", .count, required: true), .init("description", .longText)]
        case .giftHandout:
            return [.init("quantity", .count, required: true), .init("ref", .text, required: true)]
        case .invoice:
            return [.init("ref", .text, required: true), .init("amount", .money, required: true), .init("taxId", .text), .init("salesReceipt", .text)]
        case .membershipCard:
            return [.init("applicantKind", .choice(["individual", "organisation"]), required: true), .init("organisation", .text), .init("ref", .text)]
        case .broadcast:
            return [.init("channel", .choice(["broadcast", "flyer"]), required: true), .init("occurredOn", .day, required: true), .init("quantity", .count),
                    .init("description", .longText)]
        }
    }

    /// The steps a record of this register takes after it is written.
    public var steps: [FrontDeskStep] {
        switch self {
        case .lostProperty: return [.claim, .handOver]
        case .bagStorage: return [.retrieve]
        case .membershipCard: return [.issueCard]
        case .giftHandout, .invoice, .broadcast: return []
        }
    }
}

/// A register-specific field. `ref` is the register's reference number (bag tag, qualifying receipt, invoice number,
/// membership receipt): it is kept in a column of its own so that it is searched like the record number.
public struct FrontDeskField: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text, longText, day
        /// A whole number of at least 1 (pieces, quantity).
        case count
        /// Yuan with at most two decimals, kept as typed after normalising ("3,500" → "3500.00"): never a Double.
        case money
        case choice([String])
    }
    public let key: String
    public let kind: Kind
    public let required: Bool

    public init(_ key: String, _ kind: Kind, required: Bool = false) {
        self.key = key
        self.kind = kind
        self.required = required
    }

    public var maxLength: Int { kind == .longText ? 1000 : 100 }
}

public enum FrontDeskStatus: String, CaseIterable, Codable, Sendable {
    case held, claimed
    case handedOver = "handed_over"
    case stored, retrieved, applied, issued, recorded

    /// Closed records leave the desk's open list.
    public var isOpen: Bool { [.held, .stored, .applied].contains(self) }
}

/// Steps as the API names them (`POST /api/v1/front-desk/records/{id}/<step>`).
public enum FrontDeskStep: String, CaseIterable, Codable, Sendable {
    case claim
    case handOver = "hand-over"
    case retrieve
    case issueCard = "issue-card"
}
