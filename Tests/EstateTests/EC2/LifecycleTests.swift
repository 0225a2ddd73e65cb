@testable import Estate
import Testing

/// REFERENCE §1.3: every legal and illegal move, with the codes in the replies.
@Suite struct LifecycleTests {
    @Test func stateCodesAreAWSsAndOnlyTheLowByteCounts() {
        #expect(InstanceStateName.allCases.map(\.code) == [0, 16, 32, 48, 64, 80])
        #expect(InstanceStateName(code: 16) == .running)
        #expect(InstanceStateName(code: 0x0110) == .running)
        #expect(InstanceStateName(code: 0x0350) == .stopped)
        #expect(InstanceStateName(code: 17) == nil)
    }

    @Test func launchGoesPendingThenRunningWithinTensOfSeconds() {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate)[0]
        #expect(Fixtures.state(estate, id) == .pending)
        estate.advance(by: .seconds(14))
        #expect(Fixtures.state(estate, id) == .pending)
        estate.advance(by: .seconds(32))
        #expect(Fixtures.state(estate, id) == .running)
    }

    @Test func repliesCarryPreviousAndCurrentState() {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate)[0]
        estate.advance(by: .minutes(1))
        let stop = Fixtures.run(estate, "ec2 stop-instances --instance-ids \(id)")[0]
        let item = stop["StoppingInstances"]!.arrayValue![0]
        #expect(item["InstanceId"] == .string(id))
        #expect(item["PreviousState"] == ["Code": 16, "Name": "running"])
        #expect(item["CurrentState"] == ["Code": 64, "Name": "stopping"])
        estate.advance(by: .minutes(1))
        #expect(Fixtures.state(estate, id) == .stopped)

        let start = Fixtures.run(estate, "ec2 start-instances --instance-ids \(id)")[0]
        let started = start["StartingInstances"]!.arrayValue![0]
        #expect(started["PreviousState"] == ["Code": 80, "Name": "stopped"])
        #expect(started["CurrentState"] == ["Code": 0, "Name": "pending"])
        estate.advance(by: .minutes(1))
        #expect(Fixtures.state(estate, id) == .running)

        let term = Fixtures.run(estate, "ec2 terminate-instances --instance-ids \(id)")[0]
        let terminating = term["TerminatingInstances"]!.arrayValue![0]
        #expect(terminating["PreviousState"] == ["Code": 16, "Name": "running"])
        #expect(terminating["CurrentState"] == ["Code": 32, "Name": "shutting-down"])
        estate.advance(by: .minutes(1))
        #expect(Fixtures.state(estate, id) == .terminated)
    }

    /// Drives an instance into `state` through real operations.
    static func instance(in state: InstanceStateName) -> (Estate, String) {
        let estate = Fixtures.emptyEstate()
        let id = Fixtures.launch(estate)[0]
        let ec2 = estate.ec2
        switch state {
        case .pending: break
        case .running: estate.advance(by: .minutes(1))
        case .stopping: estate.advance(by: .minutes(1)); try! ec2.changeStates([id], .stop)
        case .stopped: estate.advance(by: .minutes(1)); try! ec2.changeStates([id], .stop); estate.advance(by: .minutes(1))
        case .shuttingDown: estate.advance(by: .minutes(1)); try! ec2.changeStates([id], .terminate)
        case .terminated: estate.advance(by: .minutes(1)); try! ec2.changeStates([id], .terminate); estate.advance(by: .minutes(1))
        }
        #expect(ec2.instance(id)?.state == state)
        return (estate, id)
    }

    /// (from, change, resulting state right after, or nil for IncorrectInstanceState)
    static let table: [(InstanceStateName, EC2Service.StateChange, InstanceStateName?)] = [
        (.pending, .start, .pending), (.pending, .stop, nil), (.pending, .reboot, nil), (.pending, .terminate, .shuttingDown),
        (.running, .start, .running), (.running, .stop, .stopping), (.running, .reboot, .running), (.running, .terminate, .shuttingDown),
        (.stopping, .start, nil), (.stopping, .stop, .stopping), (.stopping, .reboot, nil), (.stopping, .terminate, .shuttingDown),
        (.stopped, .start, .pending), (.stopped, .stop, .stopped), (.stopped, .reboot, nil), (.stopped, .terminate, .shuttingDown),
        (.shuttingDown, .start, nil), (.shuttingDown, .stop, nil), (.shuttingDown, .reboot, nil), (.shuttingDown, .terminate, .shuttingDown),
        (.terminated, .start, nil), (.terminated, .stop, nil), (.terminated, .reboot, .terminated), (.terminated, .terminate, .terminated),
    ]

    @Test(arguments: table)
    func transition(from: InstanceStateName, change: EC2Service.StateChange, expected: InstanceStateName?) {
        let (estate, id) = Self.instance(in: from)
        do {
            let results = try estate.ec2.changeStates([id], change)
            #expect(expected != nil, "expected IncorrectInstanceState")
            #expect(results.first?.previous == from)
            #expect(results.first?.current == expected)
        } catch {
            #expect(expected == nil, "unexpected \(error)")
            #expect(error.code == "IncorrectInstanceState")
            #expect(Fixtures.state(estate, id) == from, "a refused change must change nothing")
        }
    }

    @Test func startingATerminatedInstanceIsRefusedUnlikeMoto() {
        let (estate, id) = Self.instance(in: .terminated)
        let reply = Fixtures.run(estate, "ec2 start-instances --instance-ids \(id)")[0]
        #expect(reply.errorCode == "IncorrectInstanceState")
    }

    @Test func aBatchWithOneIllegalMoveChangesNothing() {
        let estate = Fixtures.emptyEstate()
        let ids = Fixtures.launch(estate, count: 2)
        estate.advance(by: .minutes(1))
        try! estate.ec2.changeStates([ids[1]], .terminate)
        let reply = Fixtures.run(estate, "ec2 stop-instances --instance-ids \(ids[0]) \(ids[1])")[0]
        #expect(reply.errorCode == "IncorrectInstanceState")
        #expect(Fixtures.state(estate, ids[0]) == .running)
    }

    @Test func terminatedInstancesStayListedForAnHourThenGo() {
        let (estate, id) = Self.instance(in: .terminated)
        estate.advance(by: .minutes(58))
        #expect(estate.ec2.instance(id) != nil)
        estate.advance(by: .minutes(3))
        #expect(estate.ec2.instance(id) == nil)
        let reply = Fixtures.run(estate, "ec2 describe-instances --instance-ids \(id)")[0]
        #expect(reply.errorCode == "InvalidInstanceID.NotFound")
    }

    @Test func stopRecordsAUserInitiatedReason() {
        let (estate, id) = Self.instance(in: .stopped)
        let instance = estate.ec2.instance(id)!
        #expect(instance.stateReason?.code == "Client.UserInitiatedShutdown")
        #expect(instance.stateTransitionReason.hasPrefix("User initiated (2026-01-01 00:01:00 GMT)"))
    }

    @Test func everyTransitionIsAnEventOnTheBus() {
        let estate = Fixtures.emptyEstate()
        var changes: [String] = []
        estate.bus.subscribe { event in
            if let e = event.event as? EC2Event, case let .stateChanged(from, to) = e.kind {
                changes.append("\(from.rawValue)>\(to.rawValue)")
            }
        }
        let id = Fixtures.launch(estate)[0]
        estate.advance(by: .minutes(1))
        try! estate.ec2.changeStates([id], .stop)
        estate.advance(by: .minutes(1))
        try! estate.ec2.changeStates([id], .terminate)
        estate.advance(by: .minutes(1))
        #expect(changes == ["pending>running", "running>stopping", "stopping>stopped", "stopped>shutting-down", "shutting-down>terminated"])
    }
}

extension EC2Service.StateChange: CustomTestStringConvertible {
    public var testDescription: String { "\(self)" }
}
