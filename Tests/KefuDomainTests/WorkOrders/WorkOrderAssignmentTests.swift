import KefuDomain
import Testing

/// WO-05: the area's responsible person, otherwise the duty technician on duty; household orders are not assigned.
@Suite("Work order assignment (WO-05)")
struct WorkOrderAssignmentTests {
    @Test func theAreaResponsibleComesFirstThenTheDutyTechnician() {
        let table: [(WorkOrderKind, String?, [String], WorkOrderAssignee)] = [
            (.publicFacility, "u-area", ["u-b", "u-a"], .areaResponsible("u-area")),
            (.publicFacility, nil, ["u-b", "u-a"], .dutyTechnician("u-a")),
            (.publicFacility, nil, [], .nobody),
            (.household, "u-area", ["u-a"], .nobody),
        ]
        for (kind, area, duty, expected) in table {
            #expect(WorkOrderAssignment.pick(kind: kind, areaResponsible: area, techniciansOnDuty: duty) == expected)
        }
        #expect(WorkOrderAssignee.areaResponsible("x").source == "area" && WorkOrderAssignee.dutyTechnician("y").userId == "y")
        #expect(WorkOrderAssignee.nobody.userId == nil && WorkOrderAssignee.nobody.source == nil)
    }

    @Test func areaNamesMatchWhateverTheSpacing() {
        #expect(WorkOrderAssignment.areaKey(" 1号楼  电梯 ") == "1号楼 电梯")
        #expect(WorkOrderAssignment.areaKey("B座\u{3000}Lobby") == "b座 lobby")
        #expect(WorkOrderAssignment.areaKey("   ") == "")
    }
}
