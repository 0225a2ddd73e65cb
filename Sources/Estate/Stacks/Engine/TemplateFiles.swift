import Foundation

/// Reading templates from disk, as the AWS CLI does for `--template-file` and `file://` bodies.
///
/// Kept apart from the engine, which never does I/O of its own: the service is handed this
/// function and tests may hand it another.
public enum TemplateFiles {
    public static func read(_ path: String) -> Result<String, AWSError> {
        let plain = path.hasPrefix("file://") ? String(path.dropFirst(7)) : path
        guard let data = FileManager.default.contents(atPath: plain), let text = String(data: data, encoding: .utf8) else {
            return .failure(AWSError("ParamValidation", "Unable to load paramfile \(path): [Errno 2] No such file or directory: '\(plain)'"))
        }
        return .success(text)
    }

    /// The `.yaml`, `.yml`, `.json` and `.template` files of a folder, by name.
    public static func templates(in directory: String) -> Result<[(name: String, body: String)], AWSError> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return .failure(AWSError("ParamValidation", "Cannot read the folder \(directory)"))
        }
        var out: [(String, String)] = []
        for name in names.sorted() where [".yaml", ".yml", ".json", ".template"].contains(where: name.hasSuffix) {
            switch read(directory + "/" + name) {
            case let .success(body): out.append((name, body))
            case let .failure(error): return .failure(error)
            }
        }
        return .success(out)
    }
}
