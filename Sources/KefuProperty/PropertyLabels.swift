import KefuDomain
import KefuPlatform

/// zh-CN and English names of the property fees' values (#14 item 2).
enum PropertyLabels {
    static func kind(_ k: PropertyFeeKind) -> Text {
        switch k {
        case .propertyFee: return Text("物业费", "Property fee")
        case .publicCost: return Text("公摊费用", "Shared public cost")
        case .specialService: return Text("特约服务费", "Special service")
        }
    }

    static func basis(_ b: PropertyFeeBasis) -> Text {
        switch b {
        case .perArea: return Text("按建筑面积（元/㎡·月）", "By area (yuan/m²·month)")
        case .areaShare: return Text("按面积分摊（元/月合计）", "Shared by area (yuan/month in total)")
        case .fixed: return Text("每户固定（元/月）", "Fixed per unit (yuan/month)")
        }
    }

    static func use(_ u: PropertyUnitUse) -> Text {
        switch u {
        case .residential: return Text("住宅", "Residential")
        case .shop: return Text("商铺", "Shop")
        case .vacant: return Text("空置", "Vacant")
        }
    }

    static func occupant(_ o: PropertyOccupantKind) -> Text {
        o == .owner ? Text("业主", "Owner") : Text("租户", "Tenant")
    }

    static func method(_ m: PropertyPaymentMethod) -> Text {
        switch m {
        case .cash: return Text("现金", "Cash")
        case .wechat: return Text("微信", "WeChat")
        case .alipay: return Text("支付宝", "Alipay")
        case .bank: return Text("银行", "Bank")
        }
    }

    static func chase(_ m: PropertyChaseMethod) -> Text {
        switch m {
        case .phone: return Text("电话", "Phone")
        case .visit: return Text("上门", "Visit")
        case .notice: return Text("书面通知", "Written notice")
        case .sms: return Text("短信", "SMS")
        case .wechat: return Text("微信", "WeChat")
        }
    }

    static func period(_ p: CollectionPeriod) -> Text {
        switch p {
        case .month: return Text("按月", "By month")
        case .quarter: return Text("按季", "By quarter")
        case .year: return Text("按年", "By year")
        }
    }
}
