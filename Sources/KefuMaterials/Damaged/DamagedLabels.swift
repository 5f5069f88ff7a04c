import KefuDomain
import KefuPlatform

/// The words of the damaged-parts register and its return batches, in the reader's language.
enum DamagedLabels {
    static func partStatus(_ raw: String) -> Text {
        switch DamagedPartStatus(rawValue: raw) {
        case .registered?: return Text("在现场待返回", "At the site, awaiting return")
        case .packed?: return Text("已装箱", "Packed")
        case .shipped?: return Text("已发运", "Shipped")
        case .received?: return Text("生产管理部已签收", "Received by production")
        case nil: return Text(raw, raw)
        }
    }

    static func returnStatus(_ raw: String) -> Text {
        switch DamagedReturnStatus(rawValue: raw) {
        case .packing?: return Text("装箱中", "Packing")
        case .shipped?: return Text("已发运", "Shipped")
        case .received?: return Text("已签收", "Received")
        case nil: return Text(raw, raw)
        }
    }

    static func check(_ c: DamagedPackingCheck) -> Text {
        switch c {
        case .woodenCrate: return Text("使用木质包装箱（不用纸箱或软质包装）", "Wooden crate (no carton or soft pack)")
        case .plasticLining: return Text("木箱内六面用塑料隔离", "Plastic lining on all six faces")
        case .separators: return Text("备件之间用瓦楞纸或其他片材隔离", "Corrugated or sheet separators between parts")
        }
    }

    static func repairClass(_ raw: String) -> Text {
        raw == RepairClass.II.rawValue ? Text("ⅱ类（有商修价值）", "Class II (worth repair)") : Text("ⅰ类（无商修价值）", "Class I (no repair value)")
    }

    static func warning(_ raw: String) -> Text {
        raw == DamagedReturnRule.Warning.volume.rawValue ? Text("装箱体积已达 3 立方米", "Packed volume at 3 m³")
                                                         : Text("距上次返回已满 15 天", "15 days since the last return")
    }
}
