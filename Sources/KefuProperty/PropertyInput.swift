import Foundation
import KefuDomain
import KefuPlatform

/// Validation of what the property forms and the API send (#14 item 2): each refusal names its field.
enum PropertyInput {
    static func text(_ raw: String?, field: String, label: Text, max: Int = 100, required: Bool) throws -> String? {
        let t = TextRules.trimmed(raw)
        if required, t == nil { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        if let t, t.count > max { throw AppError.validation(field, Text(label.zh + "最长 \(max) 字", label.en + " is at most \(max) characters")) }
        return t
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ raw: String?, field: String, label: Text, aliases: [String: E] = [:], default value: E? = nil) throws -> E
        where E.RawValue == String {
        guard let t = TextRules.trimmed(raw) else {
            if let value { return value }
            throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required"))
        }
        if let v = E(rawValue: t) ?? aliases[t] { return v }
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw AppError.validation(field, Text(label.zh + "的取值必须是：" + allowed, label.en + " must be one of: " + allowed))
    }

    static func month(_ raw: String?, field: String = "month") throws -> BillingMonth {
        guard let t = TextRules.trimmed(raw), let m = BillingMonth(t) else {
            throw AppError.validation(field, Text("月份格式应为 YYYY-MM，如 2026-12", "The month must be YYYY-MM, e.g. 2026-12"))
        }
        return m
    }

    static func money(_ raw: String?, field: String, label: Text, allowZero: Bool = false) throws -> Int64 {
        guard let t = TextRules.trimmed(raw) else { throw AppError.validation(field, Text("请填写" + label.zh, label.en + " is required")) }
        guard let fen = Yuan.fen(t), fen > 0 || (allowZero && fen == 0) else {
            throw AppError.validation(field, Text(label.zh + "应为金额，最多两位小数，如 128.50", label.en + " must be an amount with at most two decimals, e.g. 128.50"))
        }
        return fen
    }

    static func day(_ raw: String?, field: String, label: Text, default value: CivilDay?) throws -> CivilDay? {
        guard let t = TextRules.trimmed(raw) else { return value }
        guard let d = UsualInput.day(t) else { throw AppError.validation(field, Text(label.zh + "应为日期，如 2026-12-01", label.en + " must be a date, e.g. 2026-12-01")) }
        return d
    }

    static let useAliases: [String: PropertyUnitUse] = ["住宅": .residential, "商铺": .shop, "空置": .vacant]
    static let occupantAliases: [String: PropertyOccupantKind] = ["业主": .owner, "租户": .tenant]
    static let methodAliases: [String: PropertyPaymentMethod] = ["现金": .cash, "微信": .wechat, "支付宝": .alipay, "银行": .bank, "银行转账": .bank]
    static let chaseAliases: [String: PropertyChaseMethod] = ["电话": .phone, "上门": .visit, "书面通知": .notice, "短信": .sms, "微信": .wechat]
    static let kindAliases: [String: PropertyFeeKind] = ["物业费": .propertyFee, "公摊": .publicCost, "公摊费用": .publicCost, "特约服务": .specialService]

    /// One unit of a bulk request; `row` names it in a refusal ("units[3].area").
    struct Unit {
        let building: String
        let room: String
        let areaCenti: Int64
        let use: PropertyUnitUse
        let occupantKind: PropertyOccupantKind?
        let occupantName: String?
        let occupantPhone: String?
        let moveInOn: String?
    }

    static func unit(_ b: PropertyBody, row: Int) throws -> Unit {
        let p = "units[\(row)]."
        let building = try text(b["building"], field: p + "building", label: Text("楼栋", "Building"), max: 40, required: true)!
        let room = try text(b["room"], field: p + "room", label: Text("房号", "Room"), max: 40, required: true)!
        guard let areaRaw = TextRules.trimmed(b["area"]) else { throw AppError.validation(p + "area", Text("请填写建筑面积", "Building area is required")) }
        guard let area = PropertyArea.centi(areaRaw) else {
            throw AppError.validation(p + "area", Text("建筑面积应为平方米数，最多两位小数，如 89.50", "Building area must be square metres with at most two decimals, e.g. 89.50"))
        }
        let use = try choice(b["use"], field: p + "use", label: Text("用途", "Use"), aliases: useAliases, default: PropertyUnitUse.residential)
        let name = try text(b["occupantName"], field: p + "occupantName", label: Text("住户姓名", "Occupant"), max: 60, required: false)
        var kind: PropertyOccupantKind?
        if name != nil {
            kind = try choice(b["occupantKind"], field: p + "occupantKind", label: Text("住户类别", "Occupant kind"), aliases: occupantAliases, default: PropertyOccupantKind.owner)
        }
        let phone = try text(b["occupantPhone"], field: p + "occupantPhone", label: Text("联系电话", "Phone"), max: 40, required: false)
        let moveIn = try day(b["moveInOn"], field: p + "moveInOn", label: Text("入住日期", "Move-in date"), default: nil)
        return Unit(building: building, room: room, areaCenti: area, use: use, occupantKind: kind, occupantName: name,
                    occupantPhone: phone.map { TextRules.phoneKey($0) ?? $0 }, moveInOn: moveIn?.iso)
    }
}
