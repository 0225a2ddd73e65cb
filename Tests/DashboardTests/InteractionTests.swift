@testable import Dashboard
@testable import Estate
import Terminal
import Testing

@Suite struct InteractionTests {
    typealias F = DashboardFixtures

    @Test func launchMenuLaunchesWhatIsTyped() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("l"))
        guard case .launch = d.state.overlay else { Issue.record("launch menu not open"); return }
        F.type(d, "c7g.lar")
        F.press(d, .tab)  // completes to the only match
        F.press(d, .enter)
        #expect(d.state.overlay.isNone)
        let launched = d.estate.ec2.instances.last!
        #expect(launched.instanceType == "c7g.large")
        #expect(launched.state == .pending)
        #expect(d.state.message?.text.hasPrefix("Launched 1 × c7g.large") == true)
        d.estate.advance(by: .minutes(1))
        #expect(d.estate.ec2.instance(launched.instanceID)?.state == .running)
    }

    @Test func aBadTypeIsAnInlineErrorAndTheMenuStaysOpen() {
        let d = F.dashboard()
        let before = d.estate.ec2.instances.count
        F.press(d, .character("2"), .character("l"))
        F.type(d, "c4.larg")
        F.press(d, .enter)
        guard case let .launch(menu) = d.state.overlay else { Issue.record("menu closed on a bad type"); return }
        #expect(menu.error?.contains("Did you mean 'c4.large'") == true)
        #expect(d.estate.ec2.instances.count == before)
        #expect(F.text(d).contains("Did you mean 'c4.large'"))
        F.press(d, .escape)
        #expect(d.state.overlay.isNone)
    }

    @Test func launchMenuFieldsAreUsed() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("l"))
        F.type(d, "t3.micro")
        F.press(d, .tab)               // to Count
        F.press(d, .backspace)
        F.type(d, "3")
        F.press(d, .tab)               // to Name
        F.type(d, "batch, nightly")
        F.press(d, .tab, .right)       // zone → us-east-1b
        F.press(d, .enter)
        let launched = d.estate.ec2.instances.suffix(3)
        #expect(launched.count == 3)
        #expect(launched.allSatisfy { $0.name == "batch, nightly" && $0.availabilityZone == "us-east-1b" && $0.instanceType == "t3.micro" })
    }

    @Test func stopStartAndTerminateWithConfirmation() {
        let d = F.dashboard()
        F.press(d, .character("2"))
        let id = F.ec2(d).selectedInstance!.instanceID
        F.press(d, .character("s"))
        #expect(d.estate.ec2.instance(id)?.state == .stopping)
        d.estate.advance(by: .minutes(1))
        F.press(d, .character("S"))
        #expect(d.estate.ec2.instance(id)?.state == .pending)
        F.press(d, .character("T"))
        guard case .confirm = d.state.overlay else { Issue.record("terminate did not ask"); return }
        F.press(d, .character("n"))
        #expect(d.estate.ec2.instance(id)?.state == .pending)
        F.press(d, .character("T"), .character("y"))
        #expect(d.estate.ec2.instance(id)?.state == .shuttingDown)
    }

    @Test func illegalMovesShowTheAWSError() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("S"))  // start a running instance: accepted, no change
        #expect(d.state.message?.isError == false)
        F.press(d, .character("T"), .character("y"))
        d.estate.advance(by: .minutes(1))
        F.press(d, .character("s"))
        #expect(d.state.message?.text.hasPrefix("IncorrectInstanceState") == true)
    }

    @Test func readOnlyRefusesChangesAndSaysSo() {
        let estate = try! EstateBuilder.build(yaml: DefaultConfig.estateYAML, file: "estate.yaml")
        let d = Dashboard(estate: estate, readOnly: true)
        F.press(d, .character("2"), .character("s"))
        #expect(d.state.message?.text.contains("--readonly") == true)
        #expect(estate.ec2.instances.allSatisfy { $0.state == .running })
        #expect(F.text(d).contains("[read-only]"))
    }

    @Test func filterNarrowsTheTableAndEscClearsIt() {
        let d = F.dashboard()
        F.press(d, .character("2"), .character("/"))
        F.type(d, "web")
        #expect(F.ec2(d).model.instances.count == 3)
        F.press(d, .enter)
        #expect(F.text(d).contains("EC2 instances (3 of 11, filter /web)"))
        F.press(d, .escape)
        #expect(F.ec2(d).model.instances.count == 11)
    }

    @Test func sortingByCPUPutsTheBusiestFirstWhenReversed() {
        let d = F.dashboard()
        F.press(d, .character("2"))
        while F.ec2(d).sortColumn != .cpu { F.press(d, .character("o")) }
        F.press(d, .character("O"))
        let cpus = F.ec2(d).model.instances.map { $0.metrics.cpuPercent.last ?? 0 }
        #expect(cpus == cpus.sorted(by: >))
    }

    @Test func paletteRunsCommandsKeepsHistoryAndCompletes() {
        let d = F.dashboard()
        F.press(d, .character(":"))
        F.type(d, "sim speed 60")
        F.press(d, .enter)
        #expect(d.estate.speed == 60)
        F.press(d, .character(":"))
        F.type(d, "ec2 stop-instances --instance-ids i-nope")
        F.press(d, .enter)
        #expect(F.text(d).contains("InvalidInstanceID.Malformed"))
        F.press(d, .character(":"), .up)
        guard case let .palette(p) = d.state.overlay else { Issue.record("palette closed"); return }
        #expect(p.input.text == "ec2 stop-instances --instance-ids i-nope")
        let completer = d.completer()
        #expect(completer.candidates(for: "ec2 run-in") == ["ec2 run-instances"])
        #expect(completer.candidates(for: "ec2 run-instances --instance-t") == ["ec2 run-instances --instance-type"])
        #expect(completer.candidates(for: "ec2 run-instances --instance-type c7g.me") == ["ec2 run-instances --instance-type c7g.medium", "ec2 run-instances --instance-type c7g.metal"])
        #expect(completer.candidates(for: "si") == ["sim"])
        #expect(completer.candidates(for: "sim pa") == ["sim pause"])
        #expect(completer.candidates(for: "sim producer st") == ["sim producer start", "sim producer stop"])
        #expect(completer.candidates(for: "sim producer start burst --stream cl") == ["sim producer start burst --stream clickstream"])
        #expect(completer.candidates(for: "sim consumer start app --stream orders --w") == ["sim consumer start app --stream orders --workers"])
        #expect(completer.candidates(for: "kinesis put-record --stream-name o") == ["kinesis put-record --stream-name orders"])
    }

    @Test func spaceAndPlusDriveTheClock() {
        let d = F.dashboard()
        F.press(d, .character(" "))
        #expect(d.estate.isPaused)
        F.press(d, .character(" "), .character("+"), .character("+"))
        #expect(!d.estate.isPaused)
        #expect(d.estate.speed == 5)
        #expect(F.text(d).contains("▶ 5×"))
    }

    @Test func keyFourShowsTheWarehouse() {
        let d = F.dashboard()
        F.press(d, .character("4"))
        #expect(d.state.view == .warehouse)
        #expect(d.availableViews.contains(.warehouse))
        #expect(F.screen(d)[1].contains("4 Warehouse"))
    }

    @Test func mouseClickSelectsARowAndATab() {
        let d = F.dashboard()
        d.handle(.click(Point(x: 14, y: 1)))  // " 1 Overview " then " 2 EC2 "
        #expect(d.state.view == .ec2)
        _ = F.screen(d)
        d.handle(.click(Point(x: 5, y: 4 + 3)))
        #expect(F.ec2(d).table.selected == 3)
        d.handle(.scroll(3, at: Point(x: 5, y: 10)))
        #expect(F.ec2(d).table.selected == 6)
    }

    @Test func qQuits() {
        let d = F.dashboard()
        F.press(d, .character("q"))
        #expect(d.shouldQuit)
    }
}

extension Overlay {
    var isNone: Bool { if case .none = self { return true }; return false }
}

@Suite struct EventColourTests {
    @Test func eventsAreColouredByKind() {
        #expect(EventLog.role(of: EC2Event(instanceID: "i-1", kind: .stateChanged(from: .running, to: .stopping))) == "state.stopping")
        #expect(EventLog.role(of: EC2Event(instanceID: "i-1", kind: .launched(instanceType: "c4.large", zone: "us-east-1a"))) == "event.ec2")
        #expect(EventLog.role(of: KinesisEvent(streamName: "s", kind: .writesThrottled(count: 3, shardIDs: []))) == "stream.hot")
        #expect(EventLog.role(of: KinesisEvent(streamName: "s", kind: .workerKilled(application: "a", worker: "w"))) == "warning")
        for role in ["state.stopping", "event.ec2", "stream.hot", "warning"] { #expect(Theme.roles.contains(role)) }
    }
}
