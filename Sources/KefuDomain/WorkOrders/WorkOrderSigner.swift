/// WO-08: who may sign a work order. At home: an adult of the household. For public facilities (篇15 §4.3.6): 客服部 —
/// the customer-service assistant or above; 保安部 — the foreman or above; 客服中心 — office staff; 销售部 — the on-site
/// sales staff.
public enum WorkOrderSignerRelation: String, CaseIterable, Codable, Sendable {
    /// Household: the owner (业主), the tenant (租户) or another adult of the household (家庭成年成员).
    case owner
    case tenant
    case adultFamilyMember = "adult_family_member"
    /// Public facilities, by the reporting department and rank.
    case csAssistantOrAbove = "cs_assistant_or_above"
    case securityForemanOrAbove = "security_foreman_or_above"
    case csCentreOfficeStaff = "cs_centre_office_staff"
    case onSiteSalesStaff = "on_site_sales_staff"

    /// The relations WO-08 allows for an order of `kind`.
    public static func allowed(for kind: WorkOrderKind) -> [WorkOrderSignerRelation] {
        switch kind {
        case .household: return [.owner, .tenant, .adultFamilyMember]
        case .publicFacility: return [.csAssistantOrAbove, .securityForemanOrAbove, .csCentreOfficeStaff, .onSiteSalesStaff]
        }
    }
}

public enum WorkOrderSignature {
    public enum Problem: String, Sendable, Equatable {
        case signerNameRequired = "signer_name_required"
        /// WO-08: the relation is not one that may sign this kind of order (422 `signer_not_authorised`).
        case signerNotAuthorised = "signer_not_authorised"
        case notPNG = "signature_not_png"
        case tooLarge = "signature_too_large"
        case empty = "signature_empty"
    }

    /// The PNG file signature (8 bytes).
    public static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// WO-08 and the image: a named signer of an allowed relation, and a PNG (magic bytes, an IHDR chunk, at most
    /// `WorkOrderRules.maxSignatureBytes`).
    public static func check(kind: WorkOrderKind, signerName: String?, relation: WorkOrderSignerRelation?, image: [UInt8]) -> Problem? {
        guard let name = signerName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return .signerNameRequired }
        guard let relation, WorkOrderSignerRelation.allowed(for: kind).contains(relation) else { return .signerNotAuthorised }
        guard !image.isEmpty else { return .empty }
        guard image.count <= WorkOrderRules.maxSignatureBytes else { return .tooLarge }
        guard image.count >= 33, Array(image.prefix(8)) == pngMagic, Array(image[12..<16]) == Array("IHDR".utf8) else { return .notPNG }
        return nil
    }

    /// The canonical text whose SHA-256 the signature is given over: every field of the order the requester signs for,
    /// one per line, in a fixed order (a later change to any of them changes the hash, so it shows).
    public static func canonicalContent(number: String, kind: WorkOrderKind, location: String, description: String, requesterName: String,
                                        requesterPhone: String, workNotes: String, materials: String) -> String {
        func clean(_ s: String) -> String { s.replacingOccurrences(of: "\r\n", with: "\n") }
        return ["number=" + number, "kind=" + kind.rawValue, "location=" + clean(location), "description=" + clean(description),
                "requesterName=" + clean(requesterName), "requesterPhone=" + clean(requesterPhone), "workNotes=" + clean(workNotes),
                "materials=" + clean(materials)].joined(separator: "\u{1F}")
    }
}

/// RET-02, D12: a completed work order is kept two years from its completion; no deletion before.
public enum WorkOrderRetention {
    /// The civil day until which an order completed on `completedOn` is kept (same month and day two years later; 29 Feb → 28 Feb).
    public static func keptUntil(completedOn: CivilDay) -> CivilDay {
        let (y, m, d) = completedOn.components
        let year = y + WorkOrderRules.retentionYears
        let day = (m == 2 && d == 29) ? 28 : d
        return CivilDay(year: year, month: m, day: day)
    }

    public static func mayDelete(completedOn: CivilDay?, today: CivilDay) -> Bool {
        guard let completedOn else { return false }
        return today > keptUntil(completedOn: completedOn)
    }
}
