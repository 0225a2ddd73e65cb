import Foundation

/// The AWS CLI's high-level `s3` commands, which take positional paths rather than options:
///
/// ```
/// s3 mb s3://bucket
/// s3 ls [s3://bucket[/prefix]]
/// s3 cp LOCAL s3://bucket/key | s3 cp s3://bucket/key LOCAL | s3 cp s3://a/k s3://b/k
/// s3 rm s3://bucket/key [--recursive]
/// ```
/// `cp` reads and writes local files: the one place the command layer touches the disk, on the
/// user's explicit request; the simulation core itself never does.
public enum S3Verb: Equatable, Sendable {
    case makeBucket(String)
    case list(String?)
    case copy(from: String, to: String)
    case remove(String, recursive: Bool)

    public static let service = "s3"

    public var isReadOnly: Bool {
        if case .list = self { return true }
        return false
    }
    public static let actions = ["mb", "ls", "cp", "rm"]

    static func parse(_ words: [Tokenizer.Token], at serviceWord: Tokenizer.Token) throws(CommandError) -> S3Verb {
        guard let action = words.first, actions.contains(action.text) else {
            let w = words.first
            throw CommandError("'s3' needs one of: \(actions.joined(separator: ", "))\(w.map { Suggest.didYouMean($0.text, in: actions) } ?? "")",
                               token: w?.text ?? serviceWord.text, column: w?.column ?? serviceWord.column)
        }
        var recursive = false
        var paths: [Tokenizer.Token] = []
        for w in words.dropFirst() {
            if w.text == "--recursive", action.text == "rm" { recursive = true; continue }
            if w.text.hasPrefix("--") { throw CommandError("Unknown option '\(w.text)' for s3 \(action.text)", token: w.text, column: w.column) }
            paths.append(w)
        }
        func s3Path(_ t: Tokenizer.Token) throws(CommandError) -> String {
            guard S3Location(t.text) != nil else { throw CommandError("Expected an s3://bucket path, not '\(t.text)'", token: t.text, column: t.column) }
            return t.text
        }
        func exactly(_ n: Int) throws(CommandError) {
            guard paths.count == n else {
                throw CommandError("'s3 \(action.text)' takes \(n) path\(n == 1 ? "" : "s"), got \(paths.count)", token: action.text, column: action.column)
            }
        }
        switch action.text {
        case "mb": try exactly(1); return .makeBucket(try s3Path(paths[0]))
        case "ls":
            guard paths.count <= 1 else { try exactly(1); return .list(nil) }
            return .list(try paths.first.map { t throws(CommandError) in try s3Path(t) })
        case "cp":
            try exactly(2)
            guard S3Location(paths[0].text) != nil || S3Location(paths[1].text) != nil else {
                throw CommandError("'s3 cp' needs an s3:// path on at least one side", token: paths[0].text, column: paths[0].column)
            }
            return .copy(from: paths[0].text, to: paths[1].text)
        default: try exactly(1); return .remove(try s3Path(paths[0]), recursive: recursive)
        }
    }
}

extension Estate {
    public func run(_ verb: S3Verb) -> Result<JSONValue, AWSError> {
        do throws(AWSError) {
            switch verb {
            case let .makeBucket(path):
                let bucket = S3Location(path)!.bucket
                try s3.createBucket(bucket)
                return .success(["Action": "make_bucket", "Bucket": .string(bucket)])
            case let .list(path):
                guard let path, let loc = S3Location(path) else {
                    return .success(["Buckets": .array(s3.buckets.map { ["Name": .string($0.name), "CreationDate": .string(SimCalendar.iso8601($0.createdAt))] })])
                }
                return .success(try s3.perform("ListObjectsV2", Parameters(["Bucket": .string(loc.bucket), "Prefix": .string(loc.prefix), "Delimiter": "/"])))
            case let .copy(from, to):
                // Between keys: S3's own CopyObject, as the AWS CLI does, so the copy keeps the source's
                // content type and metadata.
                if let src = S3Location(from), let dst = S3Location(to) {
                    var key = dst.prefix
                    if key.isEmpty || key.hasSuffix("/") { key += (src.prefix as NSString).lastPathComponent }
                    let source = "\(src.bucket)/\(src.prefix)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? ""
                    _ = try s3.perform("CopyObject", Parameters(["Bucket": .string(dst.bucket), "Key": .string(key), "CopySource": .string(source)]))
                    return .success(["Action": "copy", "From": .string(from), "To": .string("s3://\(dst.bucket)/\(key)")])
                }
                let body: [UInt8]
                if let src = S3Location(from) {
                    body = try s3.object(bucket: src.bucket, key: src.prefix).bytes()
                } else {
                    guard let data = FileManager.default.contents(atPath: from) else {
                        throw AWSError("FileNotFound", "The user-provided path \(from) does not exist.")
                    }
                    body = Array(data)
                }
                if let dst = S3Location(to) {
                    var key = dst.prefix
                    if key.isEmpty || key.hasSuffix("/") { key += (from as NSString).lastPathComponent }
                    try s3.putObject(bucket: dst.bucket, key: key, body: body, contentType: "binary/octet-stream")
                    return .success(["Action": S3Location(from) == nil ? "upload" : "copy", "From": .string(from), "To": .string("s3://\(dst.bucket)/\(key)")])
                }
                // In place, so a link or a device at the path is written through rather than replaced.
                do { try Data(body).write(to: URL(fileURLWithPath: to)) } catch {
                    throw AWSError("FileWriteError", "Could not write \(to).")
                }
                return .success(["Action": "download", "From": .string(from), "To": .string(to)])
            case let .remove(path, recursive):
                let loc = S3Location(path)!
                let bucket = try s3.requireBucket(loc.bucket)
                let keys = recursive ? bucket.sortedKeys.filter { $0.hasPrefix(loc.prefix) } : [loc.prefix]
                for k in keys { _ = try s3.perform("DeleteObject", Parameters(["Bucket": .string(loc.bucket), "Key": .string(k)])) }
                return .success(["Action": "delete", "Keys": .array(keys.map { .string("s3://\(loc.bucket)/\($0)") })])
            }
        } catch {
            return .failure(error)
        }
    }
}
