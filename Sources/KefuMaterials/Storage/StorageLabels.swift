import KefuDomain
import KefuPlatform

/// Names of the storage terms in both languages.
enum StorageLabels {
    static func attribute(_ a: StorageAttribute) -> Text {
        switch a {
        case .hazardous: return Text("危险品", "Hazardous")
        case .fragile: return Text("易碎", "Fragile")
        case .heatSensitive: return Text("怕热", "Heat-sensitive")
        case .coldSensitive: return Text("怕冻", "Cold-sensitive")
        case .dampSensitive: return Text("怕潮", "Damp-sensitive")
        case .sunSensitive: return Text("怕晒", "Sun-sensitive")
        case .volatile: return Text("易挥发", "Volatile")
        }
    }

    /// STO-02: where an item of the class belongs.
    static func place(_ p: ABCPlacement.Place) -> Text {
        switch p {
        case .floorStack: return Text("宜落地堆放（靠近出入口，五五堆放）", "Floor-stack near the door (stacks of five)")
        case .shelf: return Text("上架存放", "Shelve")
        }
    }

    /// "A类 · 宜落地堆放…" as the bin and placement pages show an item's class (STO-02).
    static func abc(_ c: ABCClass, _ l: AppLocale) -> HTML {
        let p = ABCPlacement.place(for: c)
        return "<span class=\"abc-place\" data-abc=\"\(c.rawValue)\" data-place=\"\(p.rawValue)\"><span class=\"badge abc-class\">\(Text("{0}类", "Class {0}").with(c.rawValue), l)</span> \(place(p), l)</span>"
    }

    static func attributes(_ raw: [String], _ l: AppLocale) -> String {
        raw.compactMap(StorageAttribute.init(rawValue:)).map { attribute($0)(l) }.joined(separator: "、")
    }
}
