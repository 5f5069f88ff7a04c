import Foundation
import KefuDomain
import KefuPlatform

/// Validation of the supervisor's visits and the owner forums (SAT-10): each refusal names its field.
enum PropertyVisitInput {
    static let satisfactionAliases: [String: Int] = Dictionary(uniqueKeysWithValues: SatisfactionLevel.allCases.map { ($0.zh, $0.rawValue) })
    static let followUpAliases: [String: VisitFollowUpStatus] = ["无": .none, "待跟进": .open, "已关闭": .closed]
    static let statusAliases: [String: ForumStatus] = ["计划": .planned, "已召开": .held, "已关闭": .closed, "已取消": .cancelled]

    static func satisfactionLabel(_ v: Int?, _ l: AppLocale) -> String? {
        v.flatMap(SatisfactionLevel.init(rawValue:)).map { l == .zhCN ? $0.zh : $0.en }
    }

    static func followUpLabel(_ s: VisitFollowUpStatus) -> Text {
        switch s {
        case .none: return Text("无需跟进", "Nothing to follow up")
        case .open: return Text("待跟进", "Follow-up open")
        case .closed: return Text("已关闭", "Closed")
        }
    }

    static func statusLabel(_ s: ForumStatus) -> Text {
        switch s {
        case .planned: return Text("计划中", "Planned")
        case .held: return Text("已召开", "Held")
        case .closed: return Text("已关闭", "Closed")
        case .cancelled: return Text("已取消", "Cancelled")
        }
    }

    /// 1–5 or 很满意…不满意; nil when not given.
    static func satisfaction(_ raw: String?) throws -> Int? {
        guard let t = TextRules.trimmed(raw) else { return nil }
        guard let v = Int(t).flatMap({ SatisfactionLevel(rawValue: $0)?.rawValue }) ?? satisfactionAliases[t] else {
            throw AppError.validation("satisfaction", Text("满意度为 1 到 5，或很满意…不满意", "Satisfaction is 1 to 5, or 很满意…不满意"))
        }
        return v
    }

    struct Visit {
        let building: String
        let room: String?
        let residentName: String?
        let visitedOn: CivilDay
        let visitedTime: String?
        let opinions: String
        let satisfaction: Int?
        let followUp: String?
        let followUpOwner: String?
    }

    static func visit(_ b: FlatBody, today: CivilDay, actorName: String) throws -> Visit {
        let building = try PropertyInput.text(b["building"], field: "building", label: Text("楼栋", "Building"), max: 40, required: true)!
        let room = try PropertyInput.text(b["room"], field: "room", label: Text("房号", "Room"), max: 40, required: false)
        let resident = try PropertyInput.text(b["residentName"], field: "residentName", label: Text("住户", "Resident"), max: 60, required: false)
        let followUp = try PropertyInput.text(b["followUp"], field: "followUp", label: Text("需跟进事项", "Follow-up"), max: 1000, required: false)
        let owner = try PropertyInput.text(b["followUpOwner"], field: "followUpOwner", label: Text("跟进负责人", "Follow-up owner"), max: 60, required: false)
        if owner != nil, followUp == nil {
            throw AppError.validation("followUp", Text("指定了负责人时请写明需跟进的事项", "Say what is to be followed up when naming its owner"))
        }
        return Visit(building: building, room: room, residentName: resident,
                     visitedOn: try OperationsInput.pastDay(b["visitedOn"], field: "visitedOn", label: Text("走访日期", "Visit date"), today: today),
                     visitedTime: try OperationsInput.time(b["visitedTime"], field: "visitedTime"),
                     opinions: try PropertyInput.text(b["opinions"], field: "opinions", label: Text("听取的意见", "Opinions heard"), max: 2000, required: true)!,
                     satisfaction: try satisfaction(b["satisfaction"]),
                     followUp: followUp, followUpOwner: followUp == nil ? nil : owner ?? actorName)
    }

    struct Forum {
        let heldOn: CivilDay
        let heldTime: String?
        let place: String
        let topic: String
        let host: String
    }

    static func forum(_ b: FlatBody, actorName: String) throws -> Forum {
        guard TextRules.trimmed(b["heldOn"]) != nil else { throw AppError.validation("heldOn", Text("请填写座谈会日期", "Forum date is required")) }
        return Forum(heldOn: try PropertyInput.day(b["heldOn"], field: "heldOn", label: Text("座谈会日期", "Forum date"), default: nil)!,
                     heldTime: try OperationsInput.time(b["heldTime"], field: "heldTime"),
                     place: try PropertyInput.text(b["place"], field: "place", label: Text("地点", "Place"), max: 200, required: true)!,
                     topic: try PropertyInput.text(b["topic"], field: "topic", label: Text("议题", "Topic"), max: 200, required: true)!,
                     host: try PropertyInput.text(b["host"], field: "host", label: Text("主持人", "Host"), max: 60, required: false) ?? actorName)
    }

    /// The number of owners who came: a whole number from 1 to 10,000.
    static func attendeeCount(_ raw: String?) throws -> Int {
        guard let t = TextRules.trimmed(raw) else { throw AppError.validation("attendeeCount", Text("请填写参加人数", "Number of attendees is required")) }
        guard let n = Int(t), (1...10_000).contains(n) else {
            throw AppError.validation("attendeeCount", Text("参加人数应为 1 到 10000 的整数", "Number of attendees is a whole number from 1 to 10000"))
        }
        return n
    }
}
