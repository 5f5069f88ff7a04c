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

    static func attributes(_ raw: [String], _ l: AppLocale) -> String {
        raw.compactMap(StorageAttribute.init(rawValue:)).map { attribute($0)(l) }.joined(separator: "、")
    }
}
