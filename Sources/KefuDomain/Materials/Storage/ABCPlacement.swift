/// STO-02 (篇3 §1.4.2): "凡吞吐量大的落地堆放（如油品、耗材），周转量小的用货架存放（电器类备品备件）…（在可能的情况下推行
/// 五五堆放）". The ABC class (by issue frequency, `ABCClassification`) says which goods move most, so it says where they
/// belong: class A is floor-stacked (near the door, in stacks of five where possible, numbered by category and spec), B
/// and C are shelved in a four-part location (STO-03).
///
/// Decision (#12 remainder, the seed names only "large" and "small" throughput): only A is floor-stacked; B, the middle
/// band, is shelved with C. Kefu's bins carry no floor/shelf kind, so the rule suggests; it refuses nothing.
public enum ABCPlacement {
    public enum Place: String, CaseIterable, Codable, Sendable {
        /// 落地堆放: high throughput, near the door, stacks of five.
        case floorStack = "floor_stack"
        /// 货架存放: a shelf location (warehouse-rack-tier-position).
        case shelf
    }

    public static func place(for abcClass: ABCClass) -> Place {
        abcClass == .A ? .floorStack : .shelf
    }

    /// The class as stored on an item (`A`/`B`/`C`); anything else counts as C, the class of an item never issued.
    public static func place(forStored raw: String) -> Place {
        place(for: ABCClass(rawValue: raw) ?? .C)
    }
}
