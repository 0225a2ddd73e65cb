/// One step of a stack operation on one resource: create, update, replace, delete or restore.
///
/// A job starts once every job it waits for is done, then is polled in virtual time until it
/// finishes. Jobs with nothing between them run side by side, which is how independent resources
/// form in parallel.
struct StackJob {
    enum Step: Equatable {
        case running
        case done
        case failed(String)
    }

    enum State: Equatable {
        case waiting
        case running
        case done
        case failed
    }

    let key: String
    let logicalID: String
    var waitsFor: [String]
    var state: State = .waiting
    /// Whether this job creates or updates (and so is cancelled when another fails) rather than deletes.
    let isForward: Bool
    let start: () -> Step
    let poll: () -> Step
    /// Records the cancellation when another resource failed while this one was in flight.
    let cancel: () -> Void
}
