import KefuDomain

/// `POST /api/v1/trainings` (TRN-01): a unit's training session. `date` as YYYY-MM-DD (or 2026/10/20, 2026年10月20日),
/// times as HH:MM; `planId` optionally names the approved plan it carries out (TRN-02).
public struct TrainingSessionInput: Codable, Sendable {
    public var orgUnitId: String?
    public var topic: String?
    public var trainer: String?
    public var date: String?
    public var start: String?
    public var end: String?
    public var place: String?
    public var content: String?
    public var planId: String?

    public init(orgUnitId: String? = nil, topic: String? = nil, trainer: String? = nil, date: String? = nil, start: String? = nil, end: String? = nil,
                place: String? = nil, content: String? = nil, planId: String? = nil) {
        self.orgUnitId = orgUnitId; self.topic = topic; self.trainer = trainer; self.date = date; self.start = start; self.end = end
        self.place = place; self.content = content; self.planId = planId
    }
}

/// `PUT /api/v1/trainings/{id}/attendance`: the whole sheet, one line per person of the unit.
public struct AttendanceInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var userId: String?
        /// present, absent, excused.
        public var status: String?
        /// 0…100, optional.
        public var score: Int?
        public init(userId: String? = nil, status: String? = nil, score: Int? = nil) { self.userId = userId; self.status = status; self.score = score }
    }
    public var lines: [Line]?
    public init(lines: [Line]? = nil) { self.lines = lines }
}

public struct AttendanceView: Codable, Sendable {
    public let userId: String
    public let userName: String
    public let status: String
    public let score: Int?
}

public struct TrainingSessionView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let topic: String
    public let trainer: String
    public let date: String
    public let start: String
    public let end: String
    public let place: String
    public let content: String
    public let planId: String?
    /// How many attended; a session counts for TRN-01 once someone attended it.
    public let presentCount: Int
    public let attendance: [AttendanceView]
    /// `attendance` when the viewer may record the sheet.
    public let actions: [String]
}

/// `POST /api/v1/training-plans` (TRN-02): the supervisor's plan, one line per month and topic.
public struct TrainingPlanInput: Codable, Sendable {
    public struct Line: Codable, Sendable {
        public var month: String?
        public var topic: String?
        public init(month: String? = nil, topic: String? = nil) { self.month = month; self.topic = topic }
    }
    public var orgUnitId: String?
    public var title: String?
    public var lines: [Line]?
    public init(orgUnitId: String? = nil, title: String? = nil, lines: [Line]? = nil) { self.orgUnitId = orgUnitId; self.title = title; self.lines = lines }
}

public struct TrainingPlanLineView: Codable, Sendable {
    public let month: String
    public let topic: String
}

public struct TrainingPlanView: Codable, Sendable {
    public let id: String
    public let number: String
    public let orgUnitId: String
    public let orgUnitName: String
    public let title: String
    /// draft, submitted, approved, returned (TRN-02).
    public let status: String
    public let authorId: String
    public let authorName: String
    public let decidedBy: String?
    public let decidedByName: String?
    public let decisionNote: String?
    public let lines: [TrainingPlanLineView]
    public let createdAt: String
    /// The steps the viewer may take now: submit, approve, return.
    public let actions: [String]
}

/// `PUT /api/v1/staff/{id}/qualifications` (TRN-03): replaces the person's record.
public struct QualificationsInput: Codable, Sendable {
    public struct Certificate: Codable, Sendable {
        public var name: String?
        public var number: String?
        /// YYYY-MM-DD; none for a certificate without expiry.
        public var expiresOn: String?
        public init(name: String? = nil, number: String? = nil, expiresOn: String? = nil) { self.name = name; self.number = number; self.expiresOn = expiresOn }
    }
    /// 1A, 1B, 2A, 2B, 3A, 3B (普通话水平测试 一级甲等 … 三级乙等).
    public var mandarinLevel: String?
    /// Dialects the person understands (e.g. 粤语).
    public var dialects: [String]?
    /// Characters a minute (五笔), as tested.
    public var typingSpeed: Int?
    public var typingTestedOn: String?
    public var certificates: [Certificate]?
    public init(mandarinLevel: String? = nil, dialects: [String]? = nil, typingSpeed: Int? = nil, typingTestedOn: String? = nil, certificates: [Certificate]? = nil) {
        self.mandarinLevel = mandarinLevel; self.dialects = dialects; self.typingSpeed = typingSpeed; self.typingTestedOn = typingTestedOn; self.certificates = certificates
    }
}

public struct CertificateView: Codable, Sendable {
    public let name: String
    public let number: String
    public let expiresOn: String?
    /// valid, expiring (within 30 days, the expiry day included), expired, permanent.
    public let status: String
}

public struct QualificationsView: Codable, Sendable {
    public let userId: String
    public let userName: String
    public let orgUnitId: String
    public let roles: [String]
    public let mandarinLevel: String?
    public let dialects: [String]
    public let typingSpeed: Int?
    public let typingTestedOn: String?
    /// below_required (an agent under 80 characters a minute) or not_recorded (an agent never tested); none otherwise.
    public let typingFlag: String?
    public let certificates: [CertificateView]
    /// Certificates expiring within 30 days or expired.
    public let certificateAlerts: Int
    /// `edit` when the viewer keeps this record.
    public let actions: [String]
}

/// `GET /api/v1/training/gaps` (TRN-01): per unit, each month's held sessions and its status.
public struct TrainingGapsView: Codable, Sendable {
    public struct MonthView: Codable, Sendable {
        public let month: String
        public let sessions: Int
        /// covered, gap (over without a held session), open (not over yet).
        public let status: String
    }
    public struct UnitView: Codable, Sendable {
        public let orgUnitId: String
        public let orgUnitName: String
        public let months: [MonthView]
        public let gaps: Int
    }
    public let from: String
    public let to: String
    public let units: [UnitView]
}
