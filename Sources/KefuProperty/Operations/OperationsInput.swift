import Foundation
import KefuDomain
import KefuPlatform

/// Validation of the service centre's logs (#14 PRP-07, PRP-04, PRP-10): each refusal names its field.
enum OperationsInput {
    static let dispositionAliases: [String: FindingDisposition] = ["记录": .noted, "仅记录": .noted, "转工单": .ticket, "工单": .ticket]
    static let stateAliases: [String: VacantCheckState] = ["正常": .ok, "异常": .abnormal]

    /// A day given or today; never after today (a log records what happened).
    static func pastDay(_ raw: String?, field: String, label: Text, today: CivilDay) throws -> CivilDay {
        let d = try PropertyInput.day(raw, field: field, label: label, default: today)!
        guard d <= today else { throw AppError.validation(field, Text(label.zh + "不能晚于今天", label.en + " cannot be after today")) }
        return d
    }

    /// "08:30" (24-hour) or nothing.
    static func time(_ raw: String?, field: String) throws -> String? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        let parts = t.split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m), parts[1].count == 2 else {
            throw AppError.validation(field, Text("时间格式应为 HH:MM，如 08:30", "The time must be HH:MM, e.g. 08:30"))
        }
        return String(format: "%02d:%02d", h, m)
    }

    struct Finding {
        let location: String?
        let description: String
        let disposition: FindingDisposition
        let ticketRef: String?
    }

    static let maxFindings = 20

    /// PRP-07 a finding: noted, or turned into a ticket whose number is given (the disposition follows the number when omitted).
    static func finding(_ b: FlatBody, row: Int) throws -> Finding {
        let p = "findings[\(row)]."
        let description = try PropertyInput.text(b["description"], field: p + "description", label: Text("发现的问题", "Finding"), max: 500, required: true)!
        let location = try PropertyInput.text(b["location"], field: p + "location", label: Text("位置", "Location"), max: 100, required: false)
        let ref = try PropertyInput.text(b["ticketRef"], field: p + "ticketRef", label: Text("工单号", "Ticket number"), max: 40, required: false)?.uppercased()
        let disposition = try PropertyInput.choice(b["disposition"], field: p + "disposition", label: Text("处理方式", "Disposition"),
                                                   aliases: dispositionAliases, default: ref == nil ? FindingDisposition.noted : .ticket)
        guard PropertyOperationsRules.findingIsComplete(disposition, ticketRef: ref) else {
            throw AppError.validation(p + "ticketRef", disposition == .ticket ? Text("转工单的问题请填写工单号", "Give the ticket number of a finding turned into a ticket")
                                                                             : Text("仅记录的问题不填工单号", "A finding only noted has no ticket number"))
        }
        return Finding(location: location, description: description, disposition: disposition, ticketRef: ref)
    }

    static func state(_ b: FlatBody, _ name: String, _ label: Text) throws -> VacantCheckState {
        try PropertyInput.choice(b[name], field: name, label: label, aliases: stateAliases, default: VacantCheckState.ok)
    }
}
