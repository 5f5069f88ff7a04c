/// STO-01: how an item must be stored. Kept on the item as a set.
public enum StorageAttribute: String, CaseIterable, Codable, Sendable {
    case hazardous
    case fragile
    case heatSensitive = "heat_sensitive"
    case coldSensitive = "cold_sensitive"
    case dampSensitive = "damp_sensitive"
    case sunSensitive = "sun_sensitive"
    case volatile

    /// Stored as a comma list in a fixed order ("hazardous,volatile").
    public static func encode(_ set: Set<StorageAttribute>) -> String {
        allCases.filter(set.contains).map(\.rawValue).joined(separator: ",")
    }

    public static func decode(_ text: String) -> Set<StorageAttribute> {
        Set(text.split(separator: ",").compactMap { StorageAttribute(rawValue: String($0)) })
    }
}

/// STO-01, STO-03: where stock may lie.
public enum StorageRules {
    /// STO-03: a bin code's parts — rack (zone), tier (row), position — each 1–10 letters or digits.
    public static func validPart(_ part: String) -> Bool {
        !part.isEmpty && part.count <= 10 && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// STO-03: the bin's code within its warehouse, "rack-tier-position"; printed after the warehouse code (four parts).
    public static func binCode(rack: String, tier: String, position: String) -> String {
        "\(rack.uppercased())-\(tier.uppercased())-\(position.uppercased())"
    }

    public enum Refusal: Sendable, Equatable {
        /// A hazardous item into a bin not designated for hazardous goods (or into no bin at all).
        case hazardousNeedsDesignatedBin
        /// Ordinary goods into a bin designated for hazardous goods (decision #12.4: hazardous goods are kept apart
        /// both ways, STO-01 "stored apart").
        case designatedBinOnlyHazardous
    }

    /// STO-01: may stock of an item with `attributes` go to a bin? `binHazardous` nil: no bin (not put away).
    public static func placement(_ attributes: Set<StorageAttribute>, binHazardous: Bool?) -> Refusal? {
        let hazardous = attributes.contains(.hazardous)
        switch binHazardous {
        case nil: return hazardous ? .hazardousNeedsDesignatedBin : nil
        case true?: return hazardous ? nil : .designatedBinOnlyHazardous
        case false?: return hazardous ? .hazardousNeedsDesignatedBin : nil
        }
    }
}
