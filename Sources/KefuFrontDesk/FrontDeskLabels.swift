import KefuDomain
import KefuPlatform

/// The words of the front desk registers, zh-CN and English.
enum FrontDeskLabels {
    static func register(_ r: FrontDeskRegister) -> Text {
        switch r {
        case .lostProperty: return Text("失物招领", "Lost property")
        case .bagStorage: return Text("寄存", "Bag storage")
        case .giftHandout: return Text("赠品发放", "Gift hand-outs")
        case .invoice: return Text("发票登记", "Invoice log")
        case .membershipCard: return Text("会员卡申请", "Membership cards")
        case .broadcast: return Text("广播与宣传单", "Broadcasts and flyers")
        }
    }

    static func registerHint(_ r: FrontDeskRegister) -> Text {
        switch r {
        case .lostProperty: return Text("拾到的物品登记、通知相关部门，凭有效证件认领；{0} 天无人认领移交（FRD-03）",
                                        "Found items, the department told; claimed with an ID checked; handed over after {0} days unclaimed (FRD-03)")
            .with(String(LostPropertyRules.holdDays))
        case .bagStorage: return Text("发放寄存牌，凭牌号取件；闭店（{0}）未取标为逾期（FRD-05）",
                                      "A numbered tag handed out, retrieved with its number; not collected by closing ({0}) is overdue (FRD-05)")
            .with(ShiftTimes.text(BagStorageRules.closingMinute))
        case .giftHandout: return Text("凭购物小票发放赠品，库存不足不能发放（FRD-04）", "Gifts against a qualifying receipt, never beyond the stock (FRD-04)")
        case .invoice: return Text("服务台开具的发票（FRD-02）", "Invoices issued at the desk (FRD-02)")
        case .membershipCard: return Text("个人或单位的会员卡申请，办理后发卡（FRD-06）", "Applications by individuals or organisations; the card issued (FRD-06)")
        case .broadcast: return Text("店内广播与宣传单发放记录（FRD-07）", "In-store broadcasts and flyer distributions (FRD-07)")
        }
    }

    /// The person a register is about.
    static func person(_ r: FrontDeskRegister) -> Text {
        switch r {
        case .lostProperty: return Text("拾获人", "Finder")
        case .bagStorage: return Text("寄存人", "Owner")
        case .giftHandout, .invoice: return Text("顾客", "Customer")
        case .membershipCard: return Text("申请人", "Applicant")
        case .broadcast: return Text("申请人（部门或顾客）", "Requested by (department or customer)")
        }
    }

    /// The subject of a register's entry.
    static func summary(_ r: FrontDeskRegister) -> Text {
        switch r {
        case .lostProperty: return Text("物品", "Item")
        case .bagStorage: return Text("寄存物品", "Items left")
        case .giftHandout: return Text("赠品", "Gift")
        case .invoice: return Text("发票抬头", "Invoice title")
        case .membershipCard: return Text("会员卡类别", "Card type")
        case .broadcast: return Text("内容", "Content")
        }
    }

    static func field(_ r: FrontDeskRegister, _ key: String) -> Text {
        switch (r, key) {
        case (.bagStorage, "ref"): return Text("寄存牌号", "Tag number")
        case (.giftHandout, "ref"): return Text("购物小票号", "Qualifying receipt number")
        case (.invoice, "ref"): return Text("发票号码", "Invoice number")
        case (.membershipCard, "ref"): return Text("资格凭证（小票号）", "Qualifying receipt")
        case (_, "foundOn"): return Text("拾获日期", "Found on")
        case (_, "foundAt"): return Text("拾获地点", "Found at")
        case (_, "storagePlace"): return Text("存放位置", "Kept at")
        case (_, "noticeDepartment"): return Text("已通知部门", "Department told")
        case (_, "description"): return Text("说明", "Notes")
        case (_, "pieces"): return Text("件数", "Pieces")
        case (_, "quantity"): return Text("数量", "Quantity")
        case (_, "amount"): return Text("金额（元）", "Amount (yuan)")
        case (_, "taxId"): return Text("税号", "Tax ID")
        case (_, "salesReceipt"): return Text("购物小票号", "Sales receipt")
        case (_, "applicantKind"): return Text("申请人类型", "Applicant")
        case (_, "organisation"): return Text("单位名称", "Organisation")
        case (_, "channel"): return Text("类别", "Kind")
        case (_, "occurredOn"): return Text("日期", "Date")
        default: return Text(key, key)
        }
    }

    static func choice(_ value: String) -> Text {
        switch value {
        case "individual": return Text("个人", "Individual")
        case "organisation": return Text("单位", "Organisation")
        case "broadcast": return Text("店内广播", "In-store broadcast")
        case "flyer": return Text("宣传单", "Flyers")
        default: return Text(value, value)
        }
    }

    static func status(_ s: FrontDeskStatus) -> Text {
        switch s {
        case .held: return Text("待认领", "Awaiting claim")
        case .claimed: return Text("已认领", "Claimed")
        case .handedOver: return Text("已移交", "Handed over")
        case .stored: return Text("寄存中", "Stored")
        case .retrieved: return Text("已取件", "Retrieved")
        case .applied: return Text("已申请", "Applied")
        case .issued: return Text("已发卡", "Card issued")
        case .recorded: return Text("已登记", "Recorded")
        }
    }

    static func step(_ s: FrontDeskStep) -> Text {
        switch s {
        case .claim: return Text("认领", "Claim")
        case .handOver: return Text("移交", "Hand over")
        case .retrieve: return Text("取件", "Retrieve")
        case .issueCard: return Text("发卡", "Issue the card")
        }
    }

    static func closeField(_ key: String) -> Text {
        switch key {
        case "idType": return Text("证件类型", "ID type")
        case "idNumber": return Text("证件号码", "ID number")
        case "idChecked": return Text("已核验证件", "ID checked")
        case "receivedBy": return Text("接收单位及经办人", "Received by")
        case "ticketNumber": return Text("寄存牌号", "Tag number")
        case "cardNumber": return Text("会员卡号", "Card number")
        case "note": return Text("说明", "Note")
        default: return Text(key, key)
        }
    }
}
