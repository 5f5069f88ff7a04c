import Foundation
import Hummingbird
import KefuDomain
import KefuPlatform

/// #13.6: the ticket page's parts form posts here (the form is drawn by the ticket page from `TicketPartsSection`). One
/// part taken and, when any of its fields is filled, one broken part removed; success goes back to the ticket saying which
/// issue document was made, a refusal goes back through `FormFlash` with the message under its field.
struct TicketPartsPages: Sendable {
    let parts: TicketPartsService

    static func formAction(ticketId: String) -> String { "/tickets/\(ticketId)/parts" }

    func register(on router: Router<KefuContext>) {
        router.post("/tickets/:id/parts") { request, context in try await issue(request, context) }
    }

    func issue(_ request: Request, _ context: KefuContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let id = try context.parameters.require("id")
        let form = try await FormData.read(request)
        var input = TicketPartsInput()
        input.warehouseId = form["warehouseId"]
        input.turbineNumber = form["turbineNumber"]
        // The picker posts the item's id once picked, or the text as typed: a typed code names its item (#11.3).
        input.lines = [LineInput(itemId: form["lines[0].itemId"], itemCode: form["lines[0].itemId"],
                                 quantity: try DamagedPartForm.quantity(form["lines[0].quantity"], field: "lines[0].quantity"))]
        let removedFields = ["removed[0].itemId", "removed[0].quantity", "removed[0].replacedBy", "removed[0].newSerial", "removed[0].oldSerial", "removed[0].cause"]
        if removedFields.contains(where: { TextRules.trimmed(form[$0]) != nil }) {
            var part = DamagedPartInput()
            part.itemId = form["removed[0].itemId"]
            part.quantity = try DamagedPartForm.quantity(form["removed[0].quantity"], field: "removed[0].quantity")
            part.turbineNumber = form["turbineNumber"]
            part.replacedBy = form["removed[0].replacedBy"]
            part.newSerial = form["removed[0].newSerial"]
            part.oldSerial = form["removed[0].oldSerial"]
            part.cause = form["removed[0].cause"]
            input.removed = [part]
        }
        let done = try await parts.issue(ticketId: id, input, by: principal)
        return Redirect.to("/tickets/\(id)?notice=parts_issued&what=" + urlQueryValue(done.document.number))
    }
}
