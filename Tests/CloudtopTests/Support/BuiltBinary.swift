import Foundation
import Testing

/// Where the end-to-end tests find the package and the `cloudtop` executable they drive.
enum BuiltBinary {
    /// The package's root folder (the one with Package.swift and Config/).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The default estate's folder, passed as `--config` so no test depends on its working folder.
    static var configDirectory: String { packageRoot.appendingPathComponent("Config").path }

    /// The executable `swift build` made, or nil (tests that need it are then disabled, and say why).
    static var url: URL? { TmuxSession.builtBinary() }

    static var isBuilt: Bool { url != nil }

    static let missingNote: Comment = "the cloudtop binary is not built; run `swift build --build-tests && swift test`"
}
