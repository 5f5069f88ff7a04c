/// CMP-01, D15: where a complaint came in, and so which department gives the customer the first answer.
public enum ComplaintSource: String, CaseIterable, Codable, Sendable {
    /// The customer complained to customer service (phone, mail, walk-in, a survey answer).
    case direct
    /// The sales department accepted the product complaint (篇8 §3.2.1) and fed it back to customer service (§5.2.1).
    case sales

    /// D15: the accepting department answers the customer first — sales for the complaints it accepted, CS otherwise.
    public var answeringPermissions: Set<AftersalesPermission> { self == .sales ? [.salesperson, .salesManager] : [.customerService] }

    /// The department that answers first, as API.md names departments.
    public var answeringDepartment: String { self == .sales ? "sales" : "customer_service" }
}

/// CMP-01, D15: the first answer to the customer, and the record of where the complaint came from.
public enum ComplaintFirstAnswerRules {
    /// Who may register a complaint the sales department accepted (CMP-01: sales staff register complaints).
    public static let salesRegistrars: Set<AftersalesPermission> = [.salesperson, .salesManager]

    /// Why `roles` may not give the first answer to a case from `source` in `status`, already answered or not; nil
    /// when they may. The analysis, conclusion and confirmation stay with CS whatever the source (CMP-11).
    public static func answerRefusal(roles: Set<Role>, source: ComplaintSource, status: ComplaintStatus, answered: Bool) -> String? {
        if status == .closed { return "complaint_closed" }
        if answered { return "already_answered" }
        if roles.contains(.admin) { return nil }
        let mayAnswer = source.answeringPermissions.contains { AftersalesPermission.granted($0, to: roles) }
        return mayAnswer ? nil : (source == .sales ? "answered_by_sales" : "answered_by_customer_service")
    }

    /// Customer service corrects the source only before the first answer is given and while the case is open: after
    /// it, the answer would stand under a department that did not give it.
    public static func sourceChangeRefusal(status: ComplaintStatus, answered: Bool) -> String? {
        if status == .closed { return "complaint_closed" }
        return answered ? "already_answered" : nil
    }
}
