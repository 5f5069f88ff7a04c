import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #11.4: `GET /tickets/live` — the viewer's queue counts as server-sent events: `ready` with the counts on connect,
/// `queue` whenever a ticket the viewer may see is logged, changes or leaves a queue (on whichever node it happened:
/// the stream polls the database). Scope is the list's scope: a change outside it is not told.
struct TicketQueueStream: Sendable {
    let queries: TicketQueries
    let stream: EventStream

    func respond(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let queries = self.queries
        return try await stream.response(event: "queue") {
            let counts = try await queries.queueCounts(viewer: principal)
            // The stamp too: on (re)connecting the page compares it with the one it was drawn with, so a change made
            // before the stream's first look (or while it was down) is not missed.
            var event = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(counts)) as? [String: Any] ?? [:]
            event["stamp"] = counts.stamp
            return (counts.stamp, String(decoding: try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys]), as: UTF8.self))
        }
    }
}
