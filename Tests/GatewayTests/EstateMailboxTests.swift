import Estate
import Foundation
import Testing
@testable import Gateway

/// Work from other threads runs on the estate's own thread, in the order it was posted.
@Suite struct EstateMailboxTests {
    @Test func jobsRunOnTheDrainingThreadInPostingOrder() async throws {
        let estate = Estate(seed: 1)
        let mailbox = EstateMailbox()
        let log = Log()
        for i in 0..<50 { mailbox.post { _ in log.append(i) } }
        #expect(log.values.isEmpty, "nothing runs until the owner drains")
        #expect(mailbox.drain(estate) == 50)
        #expect(log.values == Array(0..<50))
        #expect(log.threads.count == 1 && log.threads.first == Log.threadName(), "every job ran on the draining thread")
    }

    @Test func performAnswersOnceTheOwnerHasRunTheJob() async throws {
        let mailbox = EstateMailbox()
        let owner = Thread {
            // The estate is made on, and confined to, the thread that owns it.
            let estate = Estate(seed: 1)
            let loop = HeadlessLoop(estate: estate, mailbox: mailbox)
            loop.idleStepMilliseconds = 5
            loop.run()
        }
        owner.start()
        let request = OperationRequest(service: "kinesis", operation: "CreateStream",
                                       parameters: ["StreamName": "m", "ShardCount": 1])
        let created = await mailbox.perform { estate in estate.execute(request) }
        #expect((try? created.get()) != nil)
        let names = await mailbox.perform { estate in estate.kinesis.streams.map(\.name) }
        #expect(names.contains("m"))
        mailbox.requestStop()
    }
}

/// What the jobs did, and on which thread.
final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int] = []
    private(set) var threads: Set<String> = []

    static func threadName() -> String { "\(Unmanaged.passUnretained(Thread.current).toOpaque())" }

    func append(_ i: Int) {
        lock.lock()
        values.append(i)
        threads.insert(Self.threadName())
        lock.unlock()
    }
}
