import Estate
import Foundation

/// Finds the configuration: `--config DIR`, else `Config/` in the working folder, else the
/// defaults compiled into the binary.
struct ConfigLocation {
    let directory: String?

    init(explicit: String?) throws {
        if let explicit {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: explicit, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationFailure("--config \(explicit): no such directory")
            }
            directory = explicit
        } else if FileManager.default.fileExists(atPath: "Config/estate.yaml") {
            directory = "Config"
        } else {
            directory = nil
        }
    }

    /// The text of a config file and the name to report errors against.
    func read(_ fileName: String, default builtIn: String) throws -> (text: String, file: String) {
        guard let directory else { return (builtIn, "(built-in \(fileName))") }
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return (builtIn, "(built-in \(fileName))") }
        do {
            return (try String(contentsOfFile: path, encoding: .utf8), path)
        } catch {
            throw ValidationFailure("\(path): cannot read: \(error.localizedDescription)")
        }
    }

    /// `jobs/NAME.yaml` beside estate.yaml, else the built-in copy.
    var jobFiles: JobFileSource {
        guard let directory else { return .builtIn }
        return JobFileSource { name in
            let path = (directory as NSString).appendingPathComponent("jobs/\(name).yaml")
            if let text = try? String(contentsOfFile: path, encoding: .utf8) { return (text, path) }
            return JobFileSource.builtIn.read(name)
        }
    }

    func buildEstate(seed: UInt64?, segments: (any SegmentStore)? = nil, memoryBudgetBytes: Int? = nil) throws -> Estate {
        let (text, file) = try read("estate.yaml", default: DefaultConfig.estateYAML)
        do {
            // Files the config names (edge functions, jobs) come from the same folder, else the built-in copies.
            let directory = self.directory
            return try EstateBuilder.build(yaml: text, file: file, seed: seed, segments: segments, memoryBudgetBytes: memoryBudgetBytes,
                                           jobFiles: jobFiles) { path in
                if let directory, let text = try? String(contentsOfFile: (directory as NSString).appendingPathComponent(path), encoding: .utf8) {
                    return text
                }
                return EdgeDefaults.files[path]
            }
        } catch {
            throw ValidationFailure(error.description)
        }
    }
}

/// A user-facing failure: printed as `cloudtop: message`, exit status 1.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
