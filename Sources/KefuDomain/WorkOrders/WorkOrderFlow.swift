/// Work orders 工作任务单 (SPEC WO-01..11, state machine 4.8; 篇15 §4): issued by customer-service duty staff, accepted
/// by the engineering duty technician, who must be at the door within 5 minutes (WO-02), works, and has the requester
/// sign on the spot; never completed without that signature (WO-07); a return visit follows (WO-11).
///
/// `issued (CS duty) [→ appointment_booked (WO-03)] → accepted → arrived → working → awaiting_signature
///  —signed (WO-08)→ completed → return_visited`.
public enum WorkOrderStatus: String, CaseIterable, Codable, Sendable {
    case issued
    case appointmentBooked = "appointment_booked"
    case accepted
    case arrived
    case working
    case awaitingSignature = "awaiting_signature"
    case completed
    case returnVisited = "return_visited"

    /// Still to be done by engineering (the technician's "my open orders").
    public var isOpen: Bool { ![.completed, .returnVisited].contains(self) }
}

/// WO-05: a resident's home, or a public facility reported by a department.
public enum WorkOrderKind: String, CaseIterable, Codable, Sendable {
    case household
    case publicFacility = "public_facility"
}

/// The steps of 4.8 as API.md names them (`POST /api/v1/work-orders/{id}/{step}`). `finish` (the work is done and
/// written up, the order waits for the signature) and `signature` are Kefu's own names for the two steps API.md leaves
/// implicit between `working` and `completed`.
public enum WorkOrderStep: String, CaseIterable, Codable, Sendable {
    case bookAppointment = "book-appointment"
    case accept
    case depart
    case arrive
    case start
    case finish
    case signature
    case complete
    case returnVisit = "return-visit"
}

/// Who acts in the work-order flow.
public enum WorkOrderActor: Sendable, Equatable {
    /// 客服部 duty staff (WO-01, WO-06): issue, book an appointment when the technician is out (WO-03), return visit (WO-11).
    case customerService
    /// 工程部 duty technician (WO-02, WO-04): accept, depart, arrive, work, collect the signature, complete.
    case technician
}

public enum WorkOrderRules {
    /// WO-01, WO-05, WO-06: who issues a work order (and books appointments, visits back): customer-service duty staff.
    public static let issuers: Set<Role> = [.csAgent, .csSupervisor, .csManager, .admin]
    /// WO-02, WO-10: who executes it: the engineering duty technician (and an administrator of the unit).
    public static let technicians: Set<Role> = [.dutyTechnician, .admin]
    /// Who reads the orders of a unit: both sides (WO-10: the manager checks, the assistant follows up).
    public static let viewers: Set<Role> = issuers.union(technicians)

    /// WO-02: minutes from acceptance to the resident's door (SLA-05 default).
    public static let doorMinutes = 5
    /// RET-02, D12: completed work orders are kept two years.
    public static let retentionYears = 2
    /// The largest signature image accepted (a finger-drawn PNG of a phone canvas is 5–40 KB).
    public static let maxSignatureBytes = 300_000

    public static func actor(of step: WorkOrderStep) -> WorkOrderActor {
        switch step {
        case .bookAppointment, .returnVisit: return .customerService
        case .accept, .depart, .arrive, .start, .finish, .signature, .complete: return .technician
        }
    }

    public static func roles(for actor: WorkOrderActor) -> Set<Role> {
        actor == .customerService ? issuers : technicians
    }

    /// May a user with `roles` in the unit at `userPath` take `step` on an order of the unit at `orderPath`?
    public static func mayAct(_ step: WorkOrderStep, roles: Set<Role>, userPath: String, orderPath: String) -> Bool {
        OrgPath.contains(userPath, orderPath) && !roles.isDisjoint(with: self.roles(for: actor(of: step)))
    }

    public static func mayIssue(roles: Set<Role>, userPath: String, unitPath: String) -> Bool {
        OrgPath.contains(userPath, unitPath) && !roles.isDisjoint(with: issuers)
    }

    public static func mayView(roles: Set<Role>, userPath: String, orderPath: String) -> Bool {
        OrgPath.contains(userPath, orderPath) && !roles.isDisjoint(with: viewers)
    }

    /// 4.8: the state a step leads to from `status`, nil when the step is not possible there. `depart` records the
    /// departure without changing the state (API.md names no "departed" state); `signature` is taken while the order
    /// waits for it and leaves it waiting; `complete` needs the signature (`completion`).
    public static func next(_ status: WorkOrderStatus, _ step: WorkOrderStep) -> WorkOrderStatus? {
        switch (status, step) {
        case (.issued, .bookAppointment): return .appointmentBooked
        case (.issued, .accept), (.appointmentBooked, .accept): return .accepted
        case (.accepted, .depart): return .accepted
        case (.accepted, .arrive): return .arrived
        case (.arrived, .start): return .working
        case (.working, .finish): return .awaitingSignature
        case (.awaitingSignature, .signature): return .awaitingSignature
        case (.awaitingSignature, .complete): return .completed
        case (.completed, .returnVisit): return .returnVisited
        default: return nil
        }
    }

    /// Why a completion is refused, if it is.
    public enum CompletionRefusal: String, Sendable, Equatable {
        /// WO-07: no signature of the requester (409 `signature_required`).
        case signatureRequired = "signature_required"
        /// The signature was given for other content than the order holds now (edited after signing).
        case signatureOutdated = "signature_outdated"
        case invalidState = "invalid_state"
    }

    /// WO-07: an order is completed only with the requester's signature over its present content. A completion asked
    /// while the technician is still working (or has not finished) is refused for the missing signature first: that is
    /// what the technician must collect.
    public static func completion(status: WorkOrderStatus, signedContentHash: String?, currentContentHash: String) -> CompletionRefusal? {
        switch status {
        case .working, .awaitingSignature, .arrived:
            guard let signed = signedContentHash else { return .signatureRequired }
            guard status == .awaitingSignature else { return .invalidState }
            return signed == currentContentHash ? nil : .signatureOutdated
        default:
            return .invalidState
        }
    }

    /// WO-02: the moment the technician must be at the door (wall-clock minutes after acceptance), in epoch millis.
    public static func arriveDue(acceptedAtMillis: Int64) -> Int64 {
        acceptedAtMillis + Int64(doorMinutes) * 60_000
    }

    /// WO-02: late when arrival is after the due moment.
    public static func isLate(acceptedAtMillis: Int64, arrivedAtMillis: Int64) -> Bool {
        arrivedAtMillis > arriveDue(acceptedAtMillis: acceptedAtMillis)
    }

    /// Still on the way and already late (the clock shown on the order), at `nowMillis`.
    public static func isOverdue(acceptedAtMillis: Int64?, arrivedAtMillis: Int64?, nowMillis: Int64) -> Bool {
        guard let accepted = acceptedAtMillis, arrivedAtMillis == nil else { return false }
        return nowMillis > arriveDue(acceptedAtMillis: accepted)
    }
}
