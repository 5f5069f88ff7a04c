import Foundation
import KefuDomain
import KefuOrg
import KefuPlatform
import SQLKit

/// Every change to a ticket: permission, validation, one transaction, and an entry on the ticket's timeline
/// (ticket_events is the ticket's audit trail, TKT-01: who did what and when, append-only).
public struct TicketService: Sendable {
    let store: any Store
    let settings: SlaSettings
    let sequences = SequenceRegistry()
    /// #11.4: who hears of a ticket handed on.
    let handOffs = TicketHandOffs()
    public var observers: [any TicketCreationObserver] = []
    /// #16 item 2: who passes a public staff reply on (the outbound mail of an e-mail ticket).
    public var replyObservers: [any TicketReplyObserver] = []

    /// `settings`: share one with the SLA routes so that an edited policy or calendar applies at once.
    public init(store: any Store, settings: SlaSettings? = nil) {
        self.store = store
        self.settings = settings ?? SlaSettings(store: store)
    }

    var dialect: StoreDialect { store.dialect }

    // MARK: create

    public func create(_ input: CreateTicketInput, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        let staff = !actor.isCustomer
        if staff {
            guard actor.has(.createTicket) else {
                throw AppError.forbidden(Text("只有客服人员可以登记工单", "Only customer-service staff can log tickets"))
            }
        } else if actor.customerId == nil {
            throw AppError.forbidden(Text("您的账号未关联客户档案", "Your account is not linked to a customer record"))
        }
        let subject = try TicketValidation.subject(input.subject)
        let description = try TicketValidation.description(input.description)
        let type = try TicketValidation.choice(input.type, "type", default: TicketType.inquiry)
        let channel: TicketChannel = staff ? try TicketValidation.choice(input.channel, "channel", default: TicketChannel.phone) : .web
        let priority = try TicketValidation.choice(input.priority, "priority", default: TicketPriority.normal)
        let received = staff ? try TicketValidation.receivedAt(input.receivedAt, now: now) : now
        let customer = try staff ? input.customer.map { try CustomerService.validate($0, nameRequired: false) } : nil
        let givenCustomerId = staff ? TextRules.trimmed(input.customerId) : actor.customerId
        let year = Times.year(received)
        let receivedMillis = Clock.millis(received)
        let nowMillis = Clock.millis(now)
        // The policy the ticket starts with and keeps; its clocks start at receipt (SLA-01..03, ESC-01, D9).
        let standards = try await settings.current(now: now)
        let (policy, targets) = standards.policy(type: type, priority: priority, channel: channel)
        let clocks = SlaClocks.start(targets, receivedAt: receivedMillis, on: standards.calendar)
        let escalationDue = SlaClocks.escalationDue(targets, receivedAt: receivedMillis, on: standards.calendar)
        let dialect = self.dialect
        let counters = ["ticket_rid", "ticket_number:\(year)"]
        try await Sequences.prepare(counters, on: store, known: sequences)
        let draft = NewTicket(id: Clock.newID(), subject: subject, description: description, type: type, channel: channel, priority: priority,
                              year: year, receivedMillis: receivedMillis, nowMillis: nowMillis, policy: policy, targets: targets, clocks: clocks,
                              escalationDue: escalationDue, ownerId: staff ? actor.userId : nil, actor: actor)
        if dialect == .postgres, givenCustomerId == nil, !observers.contains(where: { $0.acts(onTicketType: type.rawValue) }),
           let view = try await createInOneStatement(draft, customer: customer, counters: counters) {
            return view
        }
        return try await store.write { db in
            var snapshot: TicketView.Customer?
            if let givenCustomerId {
                // #10.6: a customer outside the staff member's scope is 404, as if it did not exist.
                guard let c = staff ? try await CustomerScope.record(db, id: givenCustomerId, viewer: actor)
                                    : try await CustomerService.record(db, id: givenCustomerId) else {
                    throw AppError.notFound(Text("客户", "Customer"))
                }
                snapshot = c.snapshot
            } else if let customer {
                snapshot = try await CustomerService.findOrCreate(db, customer, actorId: actor.userId)
            }
            let values = try await Sequences.next(counters, in: db, dialect: dialect)
            let number = TicketRules.number(year: year, sequence: values[counters[1]]!)
            // #18: the ticket, its first timeline row and its search document in one round trip on PostgreSQL (one
            // prepared statement), one after the other on SQLite.
            try await db.runTogether(try draft.statements(rid: values[counters[0]]!, number: number, customerId: snapshot?.id, dialect: dialect),
                                     dialect: dialect)
            let view = draft.view(number: number, customer: snapshot)
            for observer in observers { try await observer.ticketCreated(db, ticket: view, by: actor, at: nowMillis) }
            return view
        }
    }

    /// #18.5, PostgreSQL: a ticket for no customer, for a new one, or for one the input leaves as it is, in two round
    /// trips instead of six: the sequence values and the customer are read together, then one statement, atomic on its
    /// own (no BEGIN and COMMIT), writes the new customer, the ticket, its first timeline row and its search document.
    /// nil when the customer needs completing or another request created it meanwhile (the customer's unique key
    /// refuses the statement whole): the caller then takes the transactional path, with new numbers (numbers on
    /// PostgreSQL are unique and ascending, not gapless).
    private func createInOneStatement(_ draft: NewTicket, customer: CustomerService.Valid?, counters: [String]) async throws -> TicketView? {
        let lookUp: SQLQueryString = customer.map {
            "SELECT \(SQLList(Sequences.nextValueColumns(counters))), c.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (\(CustomerService.findQuery($0))) AS c ON true"
        } ?? "SELECT \(SQLList(Sequences.nextValueColumns(counters)))"
        guard let row = try await store.read({ db in try await db.prepared(lookUp).first() }) else {
            throw AppError.internalError("no row from nextval")
        }
        let values = try Sequences.values(counters, from: row)
        let number = TicketRules.number(year: draft.year, sequence: values[counters[1]]!)
        var newCustomer: [SQLQueryString] = []
        var snapshot: TicketView.Customer?
        if let customer {
            if try row.decode(column: "id", as: String?.self) != nil {
                let found = try CustomerService.Found(row: row)
                guard !found.mayChange(with: customer) else { return nil }
                snapshot = found.snapshot
            } else {
                let id = Clock.newID()
                newCustomer.append(CustomerService.insert(id: id, customer, actorId: draft.actor.userId, at: draft.nowMillis))
                snapshot = TicketView.Customer(id: id, name: customer.name, phone: customer.phone, email: customer.email)
            }
        }
        let statements = newCustomer + (try draft.statements(rid: values[counters[0]]!, number: number, customerId: snapshot?.id, dialect: .postgres))
        do {
            try await store.writeStatement { db in try await db.runTogether(statements, dialect: .postgres) }
        } catch where TransactionRetry.isUniqueViolation(error) && !newCustomer.isEmpty {
            return nil
        }
        return draft.view(number: number, customer: snapshot)
    }

    // MARK: changes to an existing ticket

    /// Loads the ticket locked for change, checks access, runs `body`, bumps `updated_at`.
    /// `reindex`: the change touches what the search index holds (text, owner, assignee, handling unit).
    func change<T: Sendable>(_ id: String, by actor: Principal, now: Date, requireStaff: Bool = true, reindex: Bool = false,
                             _ body: @escaping @Sendable (any SQLDatabase, TicketRow, Int64) async throws -> T) async throws -> T {
        let lock = dialect.rowLock(of: "t")
        let dialect = self.dialect
        return try await store.write { db in
            guard let ticket = try await TicketQueries.row(db, id: id, lock: lock) else { throw AppError.notFound(Text("工单", "Ticket")) }
            if requireStaff { try TicketAccess.requireWork(actor, ticket) } else { try TicketAccess.requireView(actor, ticket) }
            try TicketAccess.requireOpen(ticket)
            let at = Clock.millis(now)
            let result = try await body(db, ticket, at)
            try await db.raw("UPDATE tickets SET updated_at = \(bind: at) WHERE id = \(bind: id)").run()
            if reindex { try await TicketSearchIndex.reindex(db, dialect: dialect, ticketId: id) }
            return result
        }
    }

    public func comment(ticketId: String, body rawBody: String?, visibility rawVisibility: String?, by actor: Principal, now: Date = Date()) async throws -> CommentView {
        let staff = !actor.isCustomer
        guard let body = TextRules.trimmed(rawBody) else {
            throw AppError.validation("body", Text("请填写内容", "The text is required"))
        }
        guard TextRules.fits(body, TicketRules.commentMax) else {
            throw AppError.validation("body", Text("内容最长 10000 字", "The text is at most 10,000 characters"))
        }
        let visibility = try TicketValidation.choice(rawVisibility, "visibility", default: CommentVisibility.public)
        if !staff, visibility == .internal {
            throw AppError.forbidden(Text("客户不能添加内部备注", "Customers cannot add internal notes"))
        }
        let calendar = try await settings.current(now: now).calendar
        let observers = replyObservers
        return try await change(ticketId, by: actor, now: now, requireStaff: false, reindex: true) { db, ticket, at in
            try await Self.addComment(db, ticket: ticket, body: body, visibility: visibility, actor: actor, at: at, calendar: calendar,
                                      observers: observers)
        }
    }

    /// A comment and its timeline row, and what a public reply sets going (`afterPublicReply`).
    static func addComment(_ db: any SQLDatabase, ticket: TicketRow, body: String, visibility: CommentVisibility, actor: Principal, at: Int64,
                           calendar: WorkCalendar, observers: [any TicketReplyObserver]) async throws -> CommentView {
        let staff = !actor.isCustomer
        let comment = CommentView(id: Clock.newID(), ticketId: ticket.id, authorId: actor.userId, authorName: actor.displayName,
                                  authorKind: staff ? "staff" : "customer", visibility: visibility.rawValue, body: body,
                                  createdAt: Times.rfc3339(at))
        try await db.raw("""
            INSERT INTO ticket_comments (id, ticket_id, author_id, author_kind, visibility, body, created_at)
            VALUES (\(bind: comment.id), \(bind: ticket.id), \(bind: actor.userId), \(bind: comment.authorKind), \(bind: visibility.rawValue), \(bind: body), \(bind: at))
            """).run()
        let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
        try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "comment", actorId: actor.userId, visibility: visibility, at: at,
                                        data: ["commentId": comment.id, "visibility": visibility.rawValue])
        if visibility == .public {
            try await Self.afterPublicReply(db, ticket: ticket, byStaff: staff, actorId: actor.userId, nextSeq: seq + 1, at: at, calendar: calendar)
            if staff, !observers.isEmpty {
                let reply = PublicReply(ticketId: ticket.id, ticketNumber: ticket.number, ticketSubject: ticket.subject, channel: ticket.channel,
                                        customerName: ticket.customerName, customerEmail: ticket.customerEmail, commentId: comment.id, body: body,
                                        author: actor)
                for observer in observers { try await observer.publicReplyAdded(db, reply: reply, at: at) }
            }
        }
        return comment
    }

    /// What a public reply sets going: the first staff member to answer a request nobody owns becomes its owner
    /// (首问负责制, TKT-03); the first public staff reply stops the first-response clock (D9: receipt → first public
    /// staff reply, in the working time of the ticket's calendar); and the status moves as TicketLifecycle says.
    /// `actorId` nil: no account wrote the reply (a customer on the portal); the status change names no one.
    static func afterPublicReply(_ db: any SQLDatabase, ticket: TicketRow, byStaff staff: Bool, actorId: String?, nextSeq: Int, at: Int64,
                                 calendar: WorkCalendar) async throws {
        var seq = nextSeq
        var clocks = ticket.clocks
        var sets: [SQLQueryString] = []
        if staff, ticket.ownerId == nil, let actorId {
            sets.append("owner_id = \(bind: actorId)")
            try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "taken", actorId: actorId, visibility: .internal, at: at,
                                            data: ["ownerId": actorId])
            seq += 1
        }
        if staff, ticket.firstRespondedAt == nil {
            clocks.respond(at: at)
            let worked = calendar.workingMillis(from: ticket.receivedAt, to: at, ticket.slaTargets.calendar)
            sets.append("first_response_ms = \(bind: worked)")
            try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "first_response", actorId: actorId, visibility: .internal, at: at,
                                            data: ["minutes": String(worked / 60_000), "late": String(at > clocks.firstResponseDueAt)])
            seq += 1
        }
        if let next = TicketLifecycle.statusAfterPublicReply(current: ticket.status, byStaff: staff) {
            try await applyStatus(db, ticket: ticket, to: next, note: nil, actorId: actorId, seq: seq, at: at, clocks: clocks, calendar: calendar, also: sets)
        } else if !sets.isEmpty {
            try await db.raw("UPDATE tickets SET \(SQLList(sets + SlaClockColumns.assignments(clocks))) WHERE id = \(bind: ticket.id)").run()
        }
    }

    public func changeStatus(ticketId: String, to rawStatus: String?, note rawNote: String?, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        guard let raw = TextRules.trimmed(rawStatus), let next = TicketStatus(rawValue: raw) else {
            throw AppError.validation("status", Text("请选择列表中的状态", "Choose a status from the list"))
        }
        let note = try TicketValidation.text(rawNote, field: "note", max: TicketRules.noteMax, required: false)
        let calendar = try await settings.current(now: now).calendar
        return try await change(ticketId, by: actor, now: now) { db, ticket, at in
            try Self.requireTransition(from: ticket.status, to: next)
            let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            try await Self.applyStatus(db, ticket: ticket, to: next, note: note, actorId: actor.userId, seq: seq, at: at,
                                       clocks: ticket.clocks, calendar: calendar)
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }

    /// The state machine's refusal of a status change, as a 409 naming the rule (TKT-01).
    static func requireTransition(from current: TicketStatus, to next: TicketStatus) throws {
        guard let error = TicketLifecycle.validate(from: current, to: next) else { return }
        switch error {
        case .sameStatus:
            throw AppError.conflict("status_unchanged", Text("工单已经是该状态", "The ticket already has that status"))
        case .closedIsFinal:
            throw AppError.conflict("ticket_closed", Text("工单已关闭，不能再修改", "The ticket is closed and cannot change"))
        case .notAllowed(let from, let to):
            let a = TicketLabels.status(from), b = TicketLabels.status(to)
            throw AppError.conflict("transition_not_allowed", Text("不能从“\(a.zh)”变为“\(b.zh)”", "Cannot move from \(a.en) to \(b.en)"))
        }
    }

    /// A status change and what it does to the clocks (pause while waiting on the customer, stop on resolve,
    /// restart on reopen), with `also` written in the same statement.
    static func applyStatus(_ db: any SQLDatabase, ticket: TicketRow, to next: TicketStatus, note: String?, actorId: String?, seq: Int, at: Int64,
                            clocks start: SlaClocks, calendar: WorkCalendar, also: [SQLQueryString] = []) async throws {
        var clocks = start
        clocks.apply(from: ticket.status, to: next, at: at, on: calendar)
        var sets = also + ["status = \(bind: next.rawValue)"] + SlaClockColumns.assignments(clocks)
        if next == .closed { sets.append("closed_at = \(bind: at)") }
        try await db.raw("UPDATE tickets SET \(SQLList(sets)) WHERE id = \(bind: ticket.id)").run()
        var data = ["from": ticket.status.rawValue, "to": next.rawValue]
        if let note { data["note"] = note }
        try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "status", actorId: actorId, visibility: .public, at: at, data: data)
    }

    public func update(ticketId: String, _ input: UpdateTicketInput, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        if input.ownerId != nil {
            throw AppError(.unprocessableContent, "owner_change_is_explicit",
                           Text("首问负责人只能由主管通过“变更负责人”操作修改", "The owner changes only through the supervisor's change-owner action"),
                           details: ["field": "ownerId"])
        }
        let subject = try input.subject.map { try TicketValidation.subject($0) }
        let description = try input.description.map { try TicketValidation.description($0) }
        let type = try input.type.map { try TicketValidation.choice($0, "type", default: TicketType.inquiry) }
        let channel = try input.channel.map { try TicketValidation.choice($0, "channel", default: TicketChannel.phone) }
        let priority = try input.priority.map { try TicketValidation.choice($0, "priority", default: TicketPriority.normal) }
        return try await change(ticketId, by: actor, now: now, reindex: true) { db, ticket, at in
            var sets: [SQLQueryString] = []
            var changed: [String: String] = [:]
            if let subject, subject != ticket.subject { sets.append("subject = \(bind: subject)"); changed["subject"] = subject }
            if let description, description != ticket.description { sets.append("description = \(bind: description)"); changed["description"] = "changed" }
            if let type, type != ticket.type { sets.append("type = \(bind: type.rawValue)"); changed["type"] = type.rawValue }
            if let channel, channel != ticket.channel { sets.append("channel = \(bind: channel.rawValue)"); changed["channel"] = channel.rawValue }
            if let priority, priority != ticket.priority { sets.append("priority = \(bind: priority.rawValue)"); changed["priority"] = priority.rawValue }
            var seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            if !sets.isEmpty {
                try await db.raw("UPDATE tickets SET \(SQLList(sets)) WHERE id = \(bind: ticket.id)").run()
                try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "updated", actorId: actor.userId, visibility: .internal, at: at, data: changed)
                seq += 1
            }
            if input.assigneeId != nil || input.teamId != nil {
                try await Self.assign(db, ticket: ticket, assigneeId: input.assigneeId, teamId: input.teamId, actor: actor, seq: seq, at: at, kind: "assigned", note: nil)
            }
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }

    /// Assignment and forwarding (TKT-04): the handling unit and/or person change; the timeline records the
    /// recipient and the time.
    static func assign(_ db: any SQLDatabase, ticket: TicketRow, assigneeId rawAssignee: String?, teamId rawTeam: String?,
                       actor: Principal, seq: Int, at: Int64, kind: String, note: String?) async throws {
        var sets: [SQLQueryString] = []
        var data: [String: String] = [:]
        if let rawTeam {
            guard let unit = try await OrgQueries.unitSummary(db, unitId: rawTeam), unit.active else {
                throw AppError.validation("teamId", Text("处理部门不存在或已停用", "The unit does not exist or is deactivated"))
            }
            sets.append("team_id = \(bind: unit.id), team_path = \(bind: unit.path)")
            data["teamId"] = unit.id
            data["teamName"] = unit.name
        }
        if let rawAssignee {
            if rawAssignee.isEmpty {
                sets.append("assignee_id = NULL")
                data["assigneeId"] = ""
            } else {
                guard let user = try await OrgQueries.userSummary(db, userId: rawAssignee), user.active, !Role.isCustomerOnly(Role.set(user.roles)) else {
                    throw AppError.validation("assigneeId", Text("处理人不存在或已停用", "The assignee does not exist or is deactivated"))
                }
                sets.append("assignee_id = \(bind: user.id)")
                data["assigneeId"] = user.id
                data["assigneeName"] = user.displayName
            }
        }
        guard !sets.isEmpty else { return }
        if let note { data["note"] = note }
        try await db.raw("UPDATE tickets SET \(SQLList(sets)) WHERE id = \(bind: ticket.id)").run()
        try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: kind, actorId: actor.userId, visibility: .internal, at: at, data: data)
    }

    public func forward(ticketId: String, toOrgUnitId: String?, toUserId: String?, note rawNote: String?, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        guard let unitId = TextRules.trimmed(toOrgUnitId) else {
            throw AppError.validation("toOrgUnitId", Text("请选择转交的部门", "Choose the department to forward to"))
        }
        let note = try TicketValidation.text(rawNote, field: "note", max: TicketRules.noteMax, required: false)
        let notifier = handOffs
        return try await change(ticketId, by: actor, now: now, reindex: true) { db, ticket, at in
            guard TicketActions.handsOn(ticket.status) else {
                throw AppError.conflict("ticket_not_in_progress", Text("已解决的工单不再转交，请先重新打开", "A resolved ticket is not forwarded; reopen it first"))
            }
            let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            let person = TextRules.trimmed(toUserId)
            try await Self.assign(db, ticket: ticket, assigneeId: person ?? "", teamId: unitId, actor: actor, seq: seq, at: at,
                                  kind: "forwarded", note: note)
            try await notifier.ticketHandedOn(db, ticket: ticket, kind: .forwarded, toUserId: person, toUnitId: unitId, by: actor, note: note, at: at)
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }

    /// ESC-01: an agent escalates what exceeds their authority; after the policy's escalate-after time (1 hour of
    /// the ticket's calendar by default) it is flagged late. The supervisors of the receiving unit (or of the
    /// owner's unit) are alerted.
    public func escalate(ticketId: String, reason rawReason: String?, toOrgUnitId: String?, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        let reason = try TicketValidation.text(rawReason, field: "reason", max: TicketRules.noteMax, required: true)!
        let calendar = try await settings.current(now: now).calendar
        return try await change(ticketId, by: actor, now: now, reindex: toOrgUnitId != nil) { db, ticket, at in
            guard TicketActions.handsOn(ticket.status) else {
                throw AppError.conflict("ticket_not_in_progress", Text("已解决的工单不再升级，请先重新打开", "A resolved ticket is not escalated; reopen it first"))
            }
            let level = ticket.escalationLevel + 1
            try await db.raw("UPDATE tickets SET escalation_level = \(bind: level) WHERE id = \(bind: ticket.id)").run()
            var seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            let late = at > (ticket.escalationDueAt ?? ticket.receivedAt + Int64(ServiceStandards.escalateWithinMinutes) * 60_000)
            try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "escalated", actorId: actor.userId, visibility: .internal, at: at,
                                            data: ["level": String(level), "reason": reason, "late": String(late), "toOrgUnitId": toOrgUnitId ?? ""])
            try await TicketEscalations.record(db, ticket: ticket, level: level, automatic: false, late: late, reason: reason, actorId: actor.userId, at: at)
            var alertPath: String?
            if let unit = TextRules.trimmed(toOrgUnitId) {
                seq += 1
                try await Self.assign(db, ticket: ticket, assigneeId: nil, teamId: unit, actor: actor, seq: seq, at: at, kind: "forwarded", note: reason)
                alertPath = try await OrgQueries.unitPath(db, unitId: unit)
            }
            let alert = TicketAlerts.Alert(
                kind: "escalated",
                title: Text("工单升级：{0}", "Ticket escalated: {0}").with(ticket.number),
                body: Text("{0} 将“{1}”升级到第 {2} 级：{3}", "{0} escalated “{1}” to level {2}: {3}")
                    .with(actor.displayName, ticket.subject, String(level), reason),
                data: ["escalationLevel": String(level), "late": String(late), "reason": reason])
            try await TicketAlerts.raise(db, alert, ticket: ticket, unitPath: alertPath, at: at, calendar: calendar)
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }

    /// A staff member takes up a ticket nobody owns yet (e.g. one a customer filed on the web).
    public func take(ticketId: String, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        try await change(ticketId, by: actor, now: now, reindex: true) { db, ticket, at in
            if ticket.ownerId != nil {
                throw AppError.conflict("already_owned", Text("该工单已有首问负责人", "The ticket already has an owner"))
            }
            try await db.raw("UPDATE tickets SET owner_id = \(bind: actor.userId) WHERE id = \(bind: ticket.id)").run()
            let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "taken", actorId: actor.userId, visibility: .internal, at: at,
                                            data: ["ownerId": actor.userId])
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }

    /// TKT-03: the owner changes only by this explicit supervisor action, with a reason, on the record.
    public func changeOwner(ticketId: String, ownerId rawOwner: String?, reason rawReason: String?, by actor: Principal, now: Date = Date()) async throws -> TicketView {
        guard actor.has(.superviseTickets) else {
            throw AppError.forbidden(Text("只有客服主管可以变更首问负责人", "Only a CS supervisor can change a ticket's owner"))
        }
        guard let ownerId = TextRules.trimmed(rawOwner) else {
            throw AppError.validation("ownerId", Text("请选择新的负责人", "Choose the new owner"))
        }
        let reason = try TicketValidation.text(rawReason, field: "reason", max: TicketRules.noteMax, required: true)!
        return try await change(ticketId, by: actor, now: now, reindex: true) { db, ticket, at in
            guard let user = try await OrgQueries.userSummary(db, userId: ownerId), user.active,
                  Role.canOwnTickets(Role.set(user.roles)) else {
                throw AppError.validation("ownerId", Text("新负责人必须是在职的客服人员", "The new owner must be an active CS staff member"))
            }
            if ticket.ownerId == ownerId {
                throw AppError.conflict("owner_unchanged", Text("该用户已是负责人", "That user already owns the ticket"))
            }
            try await db.raw("UPDATE tickets SET owner_id = \(bind: ownerId) WHERE id = \(bind: ticket.id)").run()
            let seq = try await TicketTimeline.nextSeq(db, ticketId: ticket.id)
            try await TicketTimeline.append(db, ticketId: ticket.id, seq: seq, kind: "owner_changed", actorId: actor.userId, visibility: .internal, at: at,
                                            data: ["from": ticket.ownerId ?? "", "to": ownerId, "toName": user.displayName, "reason": reason])
            return try await TicketQueries.row(db, id: ticket.id, lock: "")!.view
        }
    }
}
