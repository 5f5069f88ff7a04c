import KefuDomain
import KefuPlatform

/// OpenAPI schemas of the after-sales routes (API.md "After-sales").
enum AftersalesSchemas {
    static let str: JSONValue = ["type": "string"]
    static let optStr: JSONValue = ["type": ["string", "null"]]
    static let bool: JSONValue = ["type": "boolean"]
    static let int: JSONValue = ["type": "integer"]
    static let date: JSONValue = ["type": "string", "format": "date"]
    static let money: JSONValue = ["type": "object", "required": ["amount"], "properties": [
        "amount": ["type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"], "currency": ["type": "string", "enum": ["CNY"]],
    ]]

    static func object(_ props: [(String, JSONValue)], required: [String] = []) -> JSONValue {
        var o: [(String, JSONValue)] = [("type", "object"), ("properties", .object(props))]
        if !required.isEmpty { o.append(("required", .array(required.map { .string($0) }))) }
        return .object(o)
    }

    static func register(_ routes: ApiRoutes) {
        // Complaints
        routes.schema("ComplaintOpenInput", object([("ticketId", str)], required: ["ticketId"]))
        routes.schema("ComplaintClassifyInput", object([("responsibility", JSONValue.enumOf(ComplaintResponsibility.self)), ("handling", JSONValue.enumOf(ComplaintHandling.self)),
                                                        ("aboutUserId", str)],
                                                       required: ["responsibility", "handling"]))
        routes.schema("ComplaintAnalysisInput", object([("rootCause", .text(max: 4000)), ("responsibleOrgUnitId", optStr), ("samplesQuantity", int),
                                                        ("samplesInspected", int), ("samplesFailed", int)], required: ["rootCause"]))
        routes.schema("ComplaintActionsInput", object([("corrective", .text(max: 4000)), ("preventive", .text(max: 4000)), ("dueDate", date)],
                                                      required: ["corrective", "preventive", "dueDate"]))
        routes.schema("ReviewMeetingInput", object([("minutes", .text(max: 8000)), ("participants", ["type": "array", "items": .text(max: 100)]), ("major", bool)],
                                                   required: ["minutes", "participants"]))
        routes.schema("CustomerConfirmationInput", object([("accepted", bool), ("comment", str)], required: ["accepted"]))
        routes.schema("VerificationInput", object([("effective", bool), ("note", str), ("side", ["type": "string", "enum": ["quality", "customer_service"]])],
                                                  required: ["effective"]))
        routes.schema("NoteInput", object([("note", .text(max: 4000))], required: ["note"]))
        // #16 item 6 (CMP-01, D15)
        routes.schema("ComplaintSourceInput", object([("source", JSONValue.enumOf(ComplaintSource.self))], required: ["source"]))
        routes.schema("ComplaintFromSalesInput", object([("subject", .text(max: 200)), ("description", .text(max: 10000)), ("channel", str),
                                                         ("customer", object([("name", str), ("phone", str), ("email", str)])),
                                                         ("orgUnitId", str)],
                                                        required: ["subject", "customer", "orgUnitId"]))
        routes.schema("OptionalNoteInput", object([("note", ["type": "string", "maxLength": 4000])]))
        routes.schema("Complaint", object([
            ("id", str), ("number", str), ("ticketId", optStr), ("surveyResponseId", optStr), ("subject", str), ("customerName", optStr),
            ("status", JSONValue.enumOf(ComplaintStatus.self)), ("responsibility", optStr), ("handling", optStr), ("rootCause", optStr),
            ("responsibleOrgUnitId", optStr), ("responsibleOrgUnitName", optStr), ("internalFault", ["type": ["boolean", "null"]]),
            ("samples", ["type": ["object", "null"]]), ("planRound", int), ("overdue", bool), ("customerConfirmation", ["type": ["object", "null"]]),
            ("verification", object([("quality", bool), ("customerService", bool)])), ("closeNote", optStr), ("aboutUserId", optStr),
            ("supervisorReview", ["type": ["object", "null"]]), ("returnVisit", ["type": ["object", "null"]]),
            ("source", JSONValue.enumOf(ComplaintSource.self)), ("answeringDepartment", ["type": "string", "enum": ["customer_service", "sales"]]),
            ("firstAnswer", ["type": ["object", "null"]]), ("registeredAt", str), ("closedAt", optStr),
            ("actions", ["type": "array", "items": ["type": "object"]]), ("meetings", ["type": "array", "items": ["type": "object"]]),
            ("history", ["type": "array", "items": ["type": "object"]]),
        ]))
        routes.pageSchema("ComplaintList", item: "Complaint")
        routes.schema("ComplaintReport", object([("year", int), ("total", int), ("closed", int), ("overdueActions", int), ("returnVisitRate", optStr),
                                                 ("unreviewed", int), ("byAgent", ["type": "array"]),
                                                 ("byMonth", ["type": "array"]), ("byResponsibility", ["type": "array"]), ("byDepartment", ["type": "array"]),
                                                 ("byCause", ["type": "array"])]))
        // Repairs
        let customer = object([("name", .text(max: 100)), ("phone", str)])
        routes.schema("RepairOrderInput", object([
            ("ticketId", str), ("customer", customer), ("model", .text(max: 100)), ("serialNumber", str), ("quantity", int), ("defect", .text(max: 2000)),
            ("shippedAt", date),
            ("units", ["type": "array", "items": object([("serialNumber", str), ("defect", .text(max: 2000))], required: ["defect"])]),
        ], required: ["model"]))
        routes.schema("DiagnosisInput", object([("mainComponentDamaged", bool), ("inWarranty", bool), ("fee", money), ("note", str)],
                                               required: ["mainComponentDamaged", "inWarranty"]))
        routes.schema("CustomerDecisionInput", object([("approved", bool), ("signedBy", .text(max: 100))], required: ["approved", "signedBy"]))
        routes.schema("QCInput", object([("passed", bool), ("note", str)], required: ["passed"]))
        routes.schema("ShipInput", object([("method", .text(max: 100)), ("trackingNumber", str)], required: ["method"]))
        routes.schema("RepairOrder", object([
            ("id", str), ("number", str), ("ticketId", optStr), ("customer", object([("id", optStr), ("name", str), ("phone", optStr)])), ("model", str),
            ("quantity", int), ("shippedAt", optStr), ("status", JSONValue.enumOf(RepairStatus.self)),
            ("units", ["type": "array", "items": object([("line", int), ("serialNumber", optStr), ("defect", str)])]),
            ("diagnosis", ["type": ["object", "null"]]), ("fee", ["type": ["object", "null"]]), ("feedbackNumber", optStr),
            ("customerDecision", ["type": ["object", "null"]]), ("chargeSlipNumber", optStr), ("qc", ["type": "array", "items": ["type": "object"]]),
            ("dispatch", ["type": ["object", "null"]]), ("receivedAt", str), ("closedAt", optStr), ("history", ["type": "array", "items": ["type": "object"]]),
            ("surveyInvitations", int),
        ]))
        routes.pageSchema("RepairOrderList", item: "RepairOrder")
        routes.schema("RepairReport", object([("month", str), ("received", int), ("repaired", int), ("shipped", int), ("returnedUnrepaired", int),
                                              ("units", int), ("feesFen", int), ("fees", str), ("byModel", ["type": "array"])]))
        // Returns
        routes.schema("ReturnInput", object([
            ("kind", JSONValue.enumOf(ReturnKind.self)), ("ticketId", str), ("customerName", str), ("model", .text(max: 100)), ("serialNumber", str),
            ("purchaseDate", date), ("shippedAt", date), ("reason", .text(max: 2000)), ("qualityIssue", bool),
        ], required: ["kind", "model", "shippedAt", "reason", "qualityIssue"]))
        routes.schema("ReturnInspectionInput", object([("report", .text(max: 4000)), ("responsibility", JSONValue.enumOf(DefectResponsibility.self))],
                                                      required: ["report", "responsibility"]))
        routes.schema("OverrideInput", object([("reason", .text(max: 2000))], required: ["reason"]))
        routes.schema("SlipInput", object([("salespersonId", str)]))
        routes.schema("SalespersonInput", object([("shipDate", date), ("note", .text(max: 2000))], required: ["shipDate", "note"]))
        routes.schema("ReplacementInput", object([("trackingNumber", str)]))
        routes.schema("Return", object([
            ("id", str), ("number", str), ("kind", JSONValue.enumOf(ReturnKind.self)), ("status", JSONValue.enumOf(ReturnStatus.self)), ("ticketId", optStr), ("model", str),
            ("serialNumber", optStr), ("shippedAt", str), ("requestedOn", str), ("reason", str), ("qualityIssue", bool), ("withinThreeMonths", bool),
            ("inspection", ["type": ["object", "null"]]), ("eligible", ["type": ["boolean", "null"]]), ("override", ["type": ["object", "null"]]),
            ("slip", ["type": ["object", "null"]]), ("replacementShippedAt", optStr), ("history", ["type": "array", "items": ["type": "object"]]),
        ]))
        routes.pageSchema("ReturnList", item: "Return")
        // Surveys
        routes.schema("SurveyInvitationInput", object([("ticketId", str), ("repairOrderId", str), ("validDays", int)]))
        routes.schema("SurveyInvitation", object([("id", str), ("url", str), ("token", str), ("expiresAt", str), ("occasion", str)]))
        routes.schema("SurveyCampaignInput", object([("name", .text(max: 200)), ("quarter", ["type": "string", "pattern": "^[0-9]{4}-Q[1-4]$"]),
                                                     ("customerIds", ["type": "array", "items": str]), ("validDays", int),
                                                     ("occasion", ["type": "string", "enum": .array(SurveyService.campaignOccasions.map { .string($0) })])],
                                                    required: ["name", "quarter", "customerIds"]))
        routes.schema("SurveyCampaign", object([("id", str), ("name", str), ("quarter", str), ("invitations", ["type": "array", "items": ["$ref": "#/components/schemas/SurveyInvitation"]])]))
        routes.schema("SurveySubmission", object([
            ("overall", ["type": "integer", "minimum": 1, "maximum": 5]),
            ("answers", ["type": "array", "items": object([("item", str), ("level", ["type": "integer", "minimum": 1, "maximum": 5]), ("comment", str)], required: ["item", "level"])]),
            ("comment", str),
        ], required: ["overall"]))
        routes.schema("SurveyReceipt", object([("id", str), ("complaintId", optStr), ("complaintTicketId", optStr)]))
        routes.schema("SurveyTemplate", object([("levels", ["type": "array"]), ("sections", ["type": "array"])]))
        routes.schema("SatisfactionReport", object([("responses", int), ("satisfied", int), ("rate", ["type": ["number", "null"]]), ("percent", optStr),
                                                    ("target", optStr), ("meetsTarget", ["type": ["boolean", "null"]]), ("groups", ["type": "array"]),
                                                    ("items", ["type": "array"])]))
        routes.schema("SurveyResponse", object([
            ("id", str), ("occasion", str), ("customerName", optStr), ("ticketId", optStr), ("repairOrderId", optStr), ("orgUnitId", str),
            ("overall", int), ("comment", optStr), ("complaintId", optStr), ("submittedAt", str),
            ("answers", ["type": "array", "items": object([("item", str), ("level", int), ("comment", optStr)])]),
        ]))
        routes.pageSchema("SurveyResponseList", item: "SurveyResponse")
        routes.schema("SatisfactionTargetInput", object([("percent", ["type": "string", "pattern": "^[0-9]{1,3}(\\.[0-9]{1,2})?$"])], required: ["percent"]))
        routes.schema("SatisfactionTarget", object([("percent", optStr)]))
    }
}
