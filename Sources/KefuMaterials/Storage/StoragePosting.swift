import KefuDomain
import KefuPlatform
import SQLKit

/// #12.4: keeps stock per place (bin × batch) with the warehouse balance when a document is audited or un-audited,
/// in the caller's transaction and after `PostingEngine` has moved the balances (so the balance rows of the items are
/// already locked on PostgreSQL: places of one item are changed by one posting at a time).
///
/// Audit: a line that adds stock puts it away (STO-03: the line's bin, else the bin already holding the item in the
/// warehouse, else no bin) into a batch (STO-05: the line's batch, a new one from the line's batch data, or — for a
/// shelf-life item — a batch named after the document); a line that takes stock picks the line's batch/bin or FEFO
/// (ISS-06). What each line moved is written to `stock_line_places`; un-audit reverses exactly that and forgets it.
/// Lines without bin or batch (transfers, stocktakes, site ledgers) need nothing: the defaults apply.
enum StoragePosting {
    static let chunk = 400

    static func apply(_ db: any SQLDatabase, document: PostingEngine.Document, lines: [DocumentLineView], reversing: Bool, at: Int64) async throws {
        if reversing {
            try await reverse(db, document: document, at: at)
            return
        }
        let asked = try await StorageLines.load(db, documentId: document.id)
        let itemIds = Array(Set(lines.map(\.itemId)))
        let items = try await StorageLookups.items(db, ids: itemIds)
        let bins = try await StorageLookups.bins(db, warehouseId: document.warehouseId)
        try await adoptUnplaced(db, document: document, lines: lines, at: at)
        // What each item puts and takes: picks load their lots (a FEFO window), put-aways their default bin.
        var need: [String: Int64] = [:], named = Set<String>(), putting = Set<String>()
        for line in lines {
            let movement = Posting.movement(direction: document.direction, quantity: line.quantity, reversing: false)
            if movement < 0 {
                need[line.itemId, default: 0] += -movement
                if asked[line.lineNo].map({ $0.batchId != nil || $0.binId != nil }) == true { named.insert(line.itemId) }
            } else if movement > 0, asked[line.lineNo]?.binId == nil {
                putting.insert(line.itemId)
            }
        }
        var lots = try await StorageLookups.pickLots(db, warehouseId: document.warehouseId,
                                                     needs: Dictionary(uniqueKeysWithValues: need.map { ($0.key, named.contains($0.key) ? .max : $0.value) }))
        var defaults = try await StorageLookups.defaultBins(db, warehouseId: document.warehouseId, itemIds: Array(putting), bins: bins)
        let batches = try await batchesFor(db, document: document, lines: lines, asked: asked, items: items, at: at)
        var moved: [(lineNo: Int, itemId: String, binId: String, batchId: String, quantity: Int64)] = []
        for line in lines {
            let movement = Posting.movement(direction: document.direction, quantity: line.quantity, reversing: false)
            guard movement != 0 else { continue }
            let want = asked[line.lineNo]
            let item = items[line.itemId] ?? StorageLookups.ItemStorage(code: line.itemCode, attributes: [], shelfLifeDays: nil)
            if movement > 0 {
                let binId = want?.binId ?? defaults[line.itemId] ?? ""
                if let refusal = StorageRules.placement(item.attributes, binHazardous: binId.isEmpty ? nil : bins[binId]?.hazardous) {
                    throw StorageErrors.placement(refusal, itemCode: item.code, binCode: bins[binId]?.code)
                }
                if !binId.isEmpty, defaults[line.itemId] == nil { defaults[line.itemId] = binId }
                let batch = batches[line.lineNo]
                moved.append((line.lineNo, line.itemId, binId, batch?.id ?? "", movement))
                if lots[line.itemId] != nil {
                    lots[line.itemId]?.append(FEFO.Lot(binId: binId, batchId: batch?.id ?? "", expiry: batch?.expiry, receivedOn: batch?.receivedOn ?? "", quantity: movement))
                }
            } else {
                guard let takes = StorageLookups.take(&lots, itemId: line.itemId, want: want, quantity: -movement) else {
                    throw StorageErrors.short(itemCode: item.code, lineNo: line.lineNo, batchNamed: want?.batchId != nil, binCode: want?.binId.flatMap { bins[$0]?.code })
                }
                for t in takes { moved.append((line.lineNo, line.itemId, t.binId, t.batchId, -t.quantity)) }
            }
        }
        try await applyPlaces(db, warehouseId: document.warehouseId, moved.map { ($0.itemId, $0.binId, $0.batchId, $0.quantity) }, at: at)
        var start = 0
        while start < moved.count {
            let part = moved[start..<min(start + chunk, moved.count)]
            try await db.raw("""
                INSERT INTO stock_line_places (document_id, line_no, item_id, bin_id, batch_id, quantity)
                VALUES \(SQLList(part.map { SQLQueryString("(\(bind: document.id), \(bind: $0.lineNo), \(bind: $0.itemId), \(bind: $0.binId), \(bind: $0.batchId), \(bind: $0.quantity))") }))
                """).run()
            start += chunk
        }
    }

    /// Un-audit: what the audit moved, reversed; refused (and nothing changes) when a place no longer holds what the
    /// audit put there (it has been issued or moved since).
    static func reverse(_ db: any SQLDatabase, document: PostingEngine.Document, at: Int64) async throws {
        let rows = try await db.raw("SELECT item_id, bin_id, batch_id, quantity FROM stock_line_places WHERE document_id = \(bind: document.id)").all()
        let moves = try rows.map { (try $0.decode(column: "item_id", as: String.self), try $0.decode(column: "bin_id", as: String.self),
                                   try $0.decode(column: "batch_id", as: String.self), -(try $0.decode(column: "quantity", as: Int64.self))) }
        try await applyPlaces(db, warehouseId: document.warehouseId, moves, at: at)
        try await db.raw("DELETE FROM stock_line_places WHERE document_id = \(bind: document.id)").run()
    }

    /// Adds signed quantities to places in one key order; refuses a place that would end below zero.
    static func applyPlaces(_ db: any SQLDatabase, warehouseId: String, _ moves: [(itemId: String, binId: String, batchId: String, quantity: Int64)], at: Int64) async throws {
        var sum: [PlaceKey: Int64] = [:]
        for m in moves { sum[PlaceKey(itemId: m.itemId, binId: m.binId, batchId: m.batchId), default: 0] += m.quantity }
        let deltas = sum.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        var start = 0
        while start < deltas.count {
            let part = deltas[start..<min(start + chunk, deltas.count)]
            let values = SQLList(part.map { SQLQueryString("(\(bind: warehouseId), \(bind: $0.key.itemId), \(bind: $0.key.binId), \(bind: $0.key.batchId), \(bind: $0.value), \(bind: at))") })
            let rows = try await db.raw("""
                INSERT INTO stock_places (warehouse_id, item_id, bin_id, batch_id, quantity, updated_at) VALUES \(values)
                ON CONFLICT (warehouse_id, item_id, bin_id, batch_id) DO UPDATE SET quantity = stock_places.quantity + excluded.quantity, updated_at = excluded.updated_at
                RETURNING item_id, bin_id, batch_id, quantity
                """).all()
            for row in rows where try row.decode(column: "quantity", as: Int64.self) < 0 {
                throw try await StorageErrors.placeBelowZero(db, itemId: try row.decode(column: "item_id", as: String.self),
                                                              binId: try row.decode(column: "bin_id", as: String.self), batchId: try row.decode(column: "batch_id", as: String.self))
            }
            start += chunk
        }
    }

    struct PlaceKey: Hashable, Comparable {
        let itemId: String, binId: String, batchId: String
        static func < (a: PlaceKey, b: PlaceKey) -> Bool { (a.itemId, a.binId, a.batchId) < (b.itemId, b.binId, b.batchId) }
    }

    /// Stock that reached the balance without a place (written straight into balances by an admin task or a
    /// balance repair) is adopted as stock in no bin and no batch before anything is taken, so Σ places = balance.
    static func adoptUnplaced(_ db: any SQLDatabase, document: PostingEngine.Document, lines: [DocumentLineView], at: Int64) async throws {
        var change: [String: Int64] = [:]
        for l in lines { change[l.itemId, default: 0] += Posting.movement(direction: document.direction, quantity: l.quantity, reversing: false) }
        var adopt: [(String, String, String, Int64)] = []
        for (itemId, b) in try await StorageLookups.placedAndBalance(db, warehouseId: document.warehouseId, itemIds: Array(change.keys)) {
            let before = b.balance - (change[itemId] ?? 0)
            if before > b.placed { adopt.append((itemId, "", "", before - b.placed)) }
        }
        if !adopt.isEmpty { try await applyPlaces(db, warehouseId: document.warehouseId, adopt, at: at) }
    }

    struct BatchRef { let id: String; let expiry: String?; let receivedOn: String }

    /// The batches the receipt lines fill, by line number, found or made in a few statements whatever the line count:
    /// the named batch; one made from the line's batch data (the same number again is the same batch); for a
    /// shelf-life or maintained item without batch data, one named after the document. Lines without any: absent.
    static func batchesFor(_ db: any SQLDatabase, document: PostingEngine.Document, lines: [DocumentLineView], asked: [Int: StorageLines.Asked],
                           items: [String: StorageLookups.ItemStorage], at: Int64) async throws -> [Int: BatchRef] {
        var named: [Int: String] = [:]
        var wanted: [Int: (itemId: String, number: String)] = [:]
        for line in lines where Posting.movement(direction: document.direction, quantity: line.quantity, reversing: false) > 0 {
            let want = asked[line.lineNo], item = items[line.itemId]
            if let id = want?.batchId { named[line.lineNo] = id; continue }
            let hasData = want.map { $0.batchNo != nil || $0.productionDate != nil || $0.expiryDate != nil || $0.maintenanceCycleDays != nil } ?? false
            guard hasData || item?.shelfLifeDays != nil || item?.maintenanceCycleDays != nil else { continue }
            wanted[line.lineNo] = (line.itemId, want?.batchNo ?? document.number)
        }
        var found: [String: BatchRef] = [:]   // by id, and by "item\u{1}number"
        func keep(_ rows: [any SQLRow]) throws {
            for row in rows {
                let ref = BatchRef(id: try row.decode(column: "id", as: String.self), expiry: try row.decode(column: "expiry_date", as: String?.self),
                                   receivedOn: try row.decode(column: "received_on", as: String.self))
                found[ref.id] = ref
                found[try row.decode(column: "item_id", as: String.self) + "\u{1}" + (try row.decode(column: "batch_no", as: String.self))] = ref
            }
        }
        let ids = Array(Set(named.values)), numbers = Array(Set(wanted.values.map(\.number))), wantedItems = Array(Set(wanted.values.map(\.itemId)))
        var start = 0
        while start < ids.count {
            let part = ids[start..<min(start + 500, ids.count)]
            try keep(try await db.raw("SELECT id, item_id, batch_no, expiry_date, received_on FROM stock_batches WHERE id IN (\(SQLList(part.map { SQLBind($0) })))").all())
            start += 500
        }
        start = 0
        while start < numbers.count, !wantedItems.isEmpty {
            let part = numbers[start..<min(start + 500, numbers.count)]
            try keep(try await db.raw("""
                SELECT id, item_id, batch_no, expiry_date, received_on FROM stock_batches WHERE warehouse_id = \(bind: document.warehouseId)
                AND batch_no IN (\(SQLList(part.map { SQLBind($0) }))) AND item_id IN (\(SQLList(wantedItems.map { SQLBind($0) })))
                """).all())
            start += 500
        }
        var out: [Int: BatchRef] = [:]
        for (lineNo, id) in named { if let ref = found[id] { out[lineNo] = ref } }
        var inserts: [SQLQueryString] = []
        for lineNo in wanted.keys.sorted() {
            let w = wanted[lineNo]!, key = w.itemId + "\u{1}" + w.number
            if let ref = found[key] { out[lineNo] = ref; continue }
            let want = asked[lineNo], item = items[w.itemId]
            let expiry = ShelfLife.expiry(labelled: want?.expiryDate, producedOn: want?.productionDate, receivedOn: document.date, shelfLifeDays: item?.shelfLifeDays)
            let maintenance = StorageRegisterRules.nextMaintenance(doneOn: document.date, cycleDays: want?.maintenanceCycleDays ?? item?.maintenanceCycleDays)
            let ref = BatchRef(id: Clock.newID(), expiry: expiry, receivedOn: document.date)
            found[key] = ref
            out[lineNo] = ref
            inserts.append("(\(bind: ref.id), \(bind: document.warehouseId), \(bind: w.itemId), \(bind: w.number), \(bind: want?.productionDate), \(bind: document.date), \(bind: expiry), \(bind: maintenance), \(bind: document.id), \(bind: at))")
        }
        start = 0
        while start < inserts.count {
            try await db.raw("""
                INSERT INTO stock_batches (id, warehouse_id, item_id, batch_no, production_date, received_on, expiry_date, maintenance_due, document_id, created_at)
                VALUES \(SQLList(Array(inserts[start..<min(start + 400, inserts.count)])))
                """).run()
            start += 400
        }
        return out
    }
}
