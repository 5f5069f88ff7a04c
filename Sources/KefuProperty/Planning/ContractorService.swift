import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// PRP-05 (篇12 职责一.2) outsourced cleaning, greening and pest control: the contractor register per estate, the
/// contractor's monthly plan reviewed (approved or returned with a reason) and periodic quality evaluations scored
/// per criterion, the overall and 合格 by `ContractorEvaluationRules`.
public struct ContractorService: Sendable {
    let store: any Store
    /// #14 item 6: whether the property feature is on at the estate's unit.
    let features: any FeatureGate

    public init(store: any Store, features: any FeatureGate = AllFeaturesOn()) {
        self.store = store
        self.features = features
    }

    static let reviewers = ContractorEvaluationRules.planReviewers

    public func create(estateId: String, _ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ContractorView {
        try PropertyQueries.requireWorker(actor)
        let type = try PropertyInput.choice(body["serviceType"], field: "serviceType", label: Text("外包类别", "Service"),
                                            aliases: ["保洁": .cleaning, "绿化": .greening, "消杀": .pestControl]) as ContractorServiceType
        let company = try PropertyInput.text(body["company"], field: "company", label: Text("外包单位", "Company"), max: 100, required: true)!
        let contact = try PropertyInput.text(body["contact"], field: "contact", label: Text("联系人及电话", "Contact"), max: 100, required: false)
        guard let from = try PropertyInput.day(body["contractFrom"], field: "contractFrom", label: Text("合同开始日期", "Contract from"), default: nil) else {
            throw AppError.validation("contractFrom", Text("请填写合同开始日期", "The contract's first day is required"))
        }
        guard let to = try PropertyInput.day(body["contractTo"], field: "contractTo", label: Text("合同结束日期", "Contract to"), default: nil) else {
            throw AppError.validation("contractTo", Text("请填写合同结束日期", "The contract's last day is required"))
        }
        guard from <= to else { throw AppError.validation("contractTo", Text("合同结束日期不能早于开始日期", "The contract cannot end before it starts")) }
        let at = Clock.millis(date)
        return try await store.write { db in
            let (_, path) = try await PropertyQueries.estateForNewRecord(db, id: estateId, viewer: actor, features: features) // #14 item 6
            let number = PlanningNumbers.contractor(sequence: try await Counters.next("property_contractor", in: db))
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_contractors (id, number, estate_id, org_path, service_type, company, contact, contract_from, contract_to, created_at, created_by)
                VALUES (\(bind: id), \(bind: number), \(bind: estateId), \(bind: path), \(bind: type.rawValue), \(bind: company), \(bind: contact),
                    \(bind: from.iso), \(bind: to.iso), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "create", entity: "property_contractor", entityId: id,
                                        detail: ["number": number, "company": company, "service": type.rawValue], at: at)
            return try await ContractorQueries.contractor(db, id: id, viewer: actor)
        }
    }

    /// The contractor's plan for a month, handed in for review (a month may be handed in again after a return).
    public func addPlan(contractorId: String, _ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ContractorView {
        try PropertyQueries.requireWorker(actor)
        let month = try PropertyInput.month(body["month"])
        let content = try PropertyInput.text(body["content"], field: "content", label: Text("计划内容", "Plan"), max: 2000, required: true)!
        let at = Clock.millis(date)
        return try await store.write { db in
            let c = try await ContractorQueries.contractor(db, id: contractorId, viewer: actor)
            try Self.requireWork(actor, c.orgPath)
            if try await db.raw("""
                SELECT id FROM property_contractor_plans WHERE contractor_id = \(bind: contractorId) AND month = \(bind: month.iso) AND status <> 'returned'
                """).first() != nil {
                throw AppError(.conflict, "plan_exists", Text("\(month.iso) 的外包计划已登记", "The contractor's plan for \(month.iso) is already in"), details: ["field": "month"])
            }
            let id = Clock.newID()
            try await db.raw("""
                INSERT INTO property_contractor_plans (id, contractor_id, org_path, month, content, status, created_at, created_by)
                VALUES (\(bind: id), \(bind: contractorId), \(bind: c.orgPath), \(bind: month.iso), \(bind: content), 'submitted', \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "plan", entity: "property_contractor", entityId: contractorId, detail: ["month": month.iso], at: at)
            return try await ContractorQueries.contractor(db, id: contractorId, viewer: actor)
        }
    }

    /// Approve (`approve` true) or return (with a reason) a submitted contractor plan.
    public func review(planId: String, approve: Bool, _ body: FlatBody, by actor: Principal, now date: Date = Date()) async throws -> ContractorView {
        guard !actor.roles.isDisjoint(with: Self.reviewers) else {
            throw AppError.forbidden(Text("外包计划由物业客服管理员或项目经理审核", "Contractor plans are reviewed by the property CS admin or the project manager"))
        }
        let note = try PropertyInput.text(body["reason"], field: "reason", label: Text("退回原因", "Reason"), max: 500, required: !approve)
        let at = Clock.millis(date)
        return try await store.write { db in
            guard let row = try await db.raw("SELECT contractor_id, org_path, status FROM property_contractor_plans WHERE id = \(bind: planId)").first() else {
                throw AppError.notFound(Text("外包计划", "Contractor plan"))
            }
            let path = try row.decode(column: "org_path", as: String.self)
            guard actor.covers(unitPath: path) else {
                throw AppError.forbidden(Text("您只能审核本单位及下级单位的外包计划", "You review the contractor plans of your unit and below only"))
            }
            guard try row.decode(column: "status", as: String.self) == ContractorPlanStatus.submitted.rawValue else {
                throw AppError.conflict("plan_state", Text("该外包计划已审核", "This contractor plan is already reviewed"))
            }
            let status: ContractorPlanStatus = approve ? .approved : .returned
            try await db.raw("""
                UPDATE property_contractor_plans SET status = \(bind: status.rawValue), review_note = \(bind: note), reviewed_at = \(bind: at), reviewed_by = \(bind: actor.userId)
                WHERE id = \(bind: planId)
                """).run()
            let contractorId = try row.decode(column: "contractor_id", as: String.self)
            try await AuditTrail.record(db, actorId: actor.userId, action: approve ? "approve_plan" : "return_plan", entity: "property_contractor",
                                        entityId: contractorId, detail: ["plan": planId], at: at)
            return try await ContractorQueries.contractor(db, id: contractorId, viewer: actor)
        }
    }

    public func evaluate(contractorId: String, _ body: ContractorEvaluationBody, by actor: Principal, now date: Date = Date()) async throws -> ContractorView {
        try PropertyQueries.requireWorker(actor)
        guard let on = try PropertyInput.day(body.evaluatedOn, field: "evaluatedOn", label: Text("评价日期", "Evaluated on"), default: Times.day(date)) else {
            throw AppError.validation("evaluatedOn", Text("请填写评价日期", "The date is required"))
        }
        let evaluator = try PropertyInput.text(body.evaluator, field: "evaluator", label: Text("评价人", "Evaluator"), max: 40, required: true)!
        let remarks = try PropertyInput.text(body.remarks, field: "remarks", label: Text("备注", "Remarks"), max: 1000, required: false)
        var scores: [ContractorScoreView] = []
        for (i, s) in (body.scores ?? []).enumerated() {
            guard let name = TextRules.trimmed(s.criterion), name.count <= 40 else {
                throw AppError.validation("scores", Text("第 \(i + 1) 项请填写评价项目", "Score \(i + 1): the criterion is required"))
            }
            guard let v = s.score, ContractorEvaluationRules.validScore(v) else {
                throw AppError.validation("scores", Text("第 \(i + 1) 项的分数应为 0–100 的整数", "Score \(i + 1): the score must be a whole number from 0 to 100"))
            }
            guard !scores.contains(where: { $0.criterion == name }) else {
                throw AppError.validation("scores", Text("评价项目“\(name)”重复", "The criterion \(name) is given twice"))
            }
            scores.append(ContractorScoreView(criterion: name, score: v))
        }
        guard !scores.isEmpty, scores.count <= ContractorEvaluationRules.maxCriteria else {
            throw AppError.validation("scores", Text("请为 1–\(ContractorEvaluationRules.maxCriteria) 个评价项目打分", "Score 1 to \(ContractorEvaluationRules.maxCriteria) criteria"))
        }
        let values = scores.map(\.score)
        let json = String(decoding: try JSONEncoder().encode(scores), as: UTF8.self)
        let at = Clock.millis(date)
        return try await store.write { [scores] db in
            let c = try await ContractorQueries.contractor(db, id: contractorId, viewer: actor)
            try Self.requireWork(actor, c.orgPath)
            try await db.raw("""
                INSERT INTO property_contractor_evaluations (id, contractor_id, evaluated_on, evaluator, scores, overall_tenths, passed, remarks, created_at, created_by)
                VALUES (\(bind: Clock.newID()), \(bind: contractorId), \(bind: on.iso), \(bind: evaluator), \(bind: json),
                    \(bind: ContractorEvaluationRules.overallTenths(values)), \(bind: ContractorEvaluationRules.passed(values) ? 1 : 0), \(bind: remarks), \(bind: at), \(bind: actor.userId))
                """).run()
            try await AuditTrail.record(db, actorId: actor.userId, action: "evaluate", entity: "property_contractor", entityId: contractorId,
                                        detail: ["overall": ContractorEvaluationRules.text(tenths: ContractorEvaluationRules.overallTenths(values)), "criteria": String(scores.count)], at: at)
            return try await ContractorQueries.contractor(db, id: contractorId, viewer: actor)
        }
    }

    static func requireWork(_ actor: Principal, _ path: String) throws {
        guard PropertyRules.mayWork(roles: actor.roles, userPath: actor.orgPath, estatePath: path) else {
            throw AppError.forbidden(Text("您只能办理本单位及下级单位的外包服务", "You handle the outsourced services of your unit and below only"))
        }
    }

    public func contractors(estateId: String, viewer: Principal) async throws -> [ContractorView] {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in
            _ = try await PropertyQueries.estate(db, id: estateId, viewer: viewer)
            return try await db.raw("\(unsafeRaw: ContractorView.select) WHERE c.estate_id = \(bind: estateId) ORDER BY c.service_type, c.number").all().map(ContractorView.init(row:))
        }
    }

    public func contractor(id: String, viewer: Principal) async throws -> ContractorView {
        try PropertyQueries.requireReader(viewer)
        return try await store.read { db in try await ContractorQueries.contractor(db, id: id, viewer: viewer) }
    }
}

/// Reads of the PRP-05 contractors, inside the caller's transaction.
public enum ContractorQueries {
    static func contractor(_ db: any SQLDatabase, id: String, viewer: Principal) async throws -> ContractorView {
        guard let row = try await db.raw("\(unsafeRaw: ContractorView.select) WHERE c.id = \(bind: id)").first() else {
            throw AppError.notFound(Text("外包单位", "Contractor"))
        }
        var c = try ContractorView(row: row)
        guard PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: c.orgPath) else {
            throw AppError.forbidden(Text("您只能查看本单位及下级单位的外包服务", "You see the outsourced services of your unit and below only"))
        }
        c.plans = try await db.raw("""
            SELECT p.id, p.month, p.content, p.status, p.review_note, \(unsafeRaw: OrgQueries.userNameSQL("p.reviewed_by")) AS by_name
            FROM property_contractor_plans p WHERE p.contractor_id = \(bind: id) ORDER BY p.month DESC, p.created_at DESC
            """).all().map {
            ContractorPlanView(id: try $0.decode(column: "id", as: String.self), month: try $0.decode(column: "month", as: String.self),
                               content: try $0.decode(column: "content", as: String.self),
                               status: ContractorPlanStatus(rawValue: try $0.decode(column: "status", as: String.self)) ?? .submitted,
                               reviewNote: try $0.decode(column: "review_note", as: String?.self), reviewedBy: try $0.decode(column: "by_name", as: String?.self))
        }
        c.evaluations = try await db.raw("""
            SELECT id, evaluated_on, evaluator, scores, overall_tenths, passed, remarks FROM property_contractor_evaluations
            WHERE contractor_id = \(bind: id) ORDER BY evaluated_on DESC, created_at DESC
            """).all().map {
            let scores = (try? JSONDecoder().decode([ContractorScoreView].self, from: Data(try $0.decode(column: "scores", as: String.self).utf8))) ?? []
            return ContractorEvaluationView(id: try $0.decode(column: "id", as: String.self), evaluatedOn: try $0.decode(column: "evaluated_on", as: String.self),
                                            evaluator: try $0.decode(column: "evaluator", as: String.self), scores: scores,
                                            overall: ContractorEvaluationRules.text(tenths: try $0.decode(column: "overall_tenths", as: Int.self)),
                                            passed: try $0.decode(column: "passed", as: Int.self) != 0, remarks: try $0.decode(column: "remarks", as: String?.self))
        }
        return c
    }

    static func contractorByNumber(_ db: any SQLDatabase, number: String, viewer: Principal) async throws -> ContractorView? {
        guard let row = try await db.raw("\(unsafeRaw: ContractorView.select) WHERE c.number = \(bind: number)").first() else { return nil }
        let c = try ContractorView(row: row)
        return PropertyRules.mayRead(roles: viewer.roles, userPath: viewer.orgPath, estatePath: c.orgPath) ? c : nil
    }
}
