import CZlib
import Estate
import Foundation

/// The files of a zip archive, read from its central directory: stored or deflated entries,
/// which is what `zip`, Python's `zipfile` and the SDKs' examples write. Lambda's deployment
/// packages arrive this way; the estate keeps a function's handler as source text, so the
/// endpoint unpacks the package and hands the operation the handler's file.
struct ZipArchive {
    let entries: [(name: String, bytes: [UInt8])]

    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) }

    init(_ data: [UInt8]) throws(AWSError) {
        func u16(_ at: Int) throws(AWSError) -> Int {
            guard at >= 0, at + 2 <= data.count else { throw Self.corrupt }
            return Int(data[at]) | Int(data[at + 1]) << 8
        }
        func u32(_ at: Int) throws(AWSError) -> Int {
            guard at >= 0, at + 4 <= data.count else { throw Self.corrupt }
            return try u16(at) | (try u16(at + 2)) << 16
        }
        // The end-of-central-directory record is the last thing in the file, before a comment.
        var end = data.count - 22
        while end >= 0, try u32(end) != 0x0605_4b50 { end -= 1 }
        guard end >= 0 else { throw Self.corrupt }
        let count = try u16(end + 10)
        var at = try u32(end + 16)
        var entries: [(String, [UInt8])] = []
        for _ in 0..<count {
            guard try u32(at) == 0x0201_4b50 else { throw Self.corrupt }
            let method = try u16(at + 10), compressed = try u32(at + 20), size = try u32(at + 24)
            let nameLength = try u16(at + 28), extra = try u16(at + 30), comment = try u16(at + 32)
            let local = try u32(at + 42)
            guard at + 46 + nameLength <= data.count else { throw Self.corrupt }
            let name = String(decoding: data[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            at += 46 + nameLength + extra + comment
            if name.hasSuffix("/") { continue }
            guard try u32(local) == 0x0403_4b50 else { throw Self.corrupt }
            let start = local + 30 + (try u16(local + 26)) + (try u16(local + 28))
            guard start + compressed <= data.count else { throw Self.corrupt }
            let raw = Array(data[start..<(start + compressed)])
            switch method {
            case 0: entries.append((name, raw))
            case 8: entries.append((name, try Self.inflate(raw, size: size)))
            default: throw AWSError("InvalidParameterValueException", "Could not unzip uploaded file: \(name) uses compression method \(method); use stored or deflated entries.")
            }
        }
        self.entries = entries
    }

    static let corrupt = AWSError("InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.")

    /// Raw deflate (no zlib header), as zip stores it.
    static func inflate(_ input: [UInt8], size: Int) throws(AWSError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: size)
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw corrupt }
        defer { inflateEnd(&stream) }
        var input = input
        let status = output.withUnsafeMutableBufferPointer { dst in
            input.withUnsafeMutableBufferPointer { src in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw corrupt }
        return output
    }

    /// The handler's file: the module named by `index.handler` (`index.js`, `index.mjs`,
    /// `index.py`, …); with no handler named, the archive's only file, or an `index` file.
    func handlerFile(module: String?) -> (name: String, bytes: [UInt8])? {
        func stem(_ name: String) -> String { name.split(separator: ".").dropLast().joined(separator: ".") }
        let sources = entries.filter { entry in [".js", ".mjs", ".cjs", ".py"].contains { entry.name.hasSuffix($0) } }
        // A handler names its module; only UpdateFunctionCode, which names none, guesses.
        if let module { return sources.first { stem($0.name) == module } }
        if entries.count == 1 { return entries[0] }
        return sources.first { stem($0.name) == "index" } ?? (sources.count == 1 ? sources[0] : nil)
    }
}

extension ZipArchive {
    /// A request's Lambda code with any zip archive replaced by its handler's file, both as
    /// base64 (`Code.ZipFile` of CreateFunction, `ZipFile` of UpdateFunctionCode).
    static func unpackLambdaCode(_ body: JSONValue, operation: String) throws(AWSError) -> JSONValue {
        guard case let .object(pairs) = body else { return body }
        let module = body["Handler"]?.stringValue.map { $0.split(separator: ".").dropLast().joined(separator: ".") }
        func unpacked(_ value: JSONValue) throws(AWSError) -> JSONValue {
            guard let text = value.stringValue, let data = Data(base64Encoded: text), isZip(Array(data)) else { return value }
            let archive = try ZipArchive(Array(data))
            guard let file = archive.handlerFile(module: module) else {
                throw AWSError("InvalidParameterValueException",
                               "The zip holds \(archive.entries.map(\.name).joined(separator: ", ")); none is the handler's file\(module.map { " (\($0).js or \($0).py)" } ?? "").")
            }
            return .string(Data(file.bytes).base64EncodedString())
        }
        var out: [(String, JSONValue)] = []
        for (key, value) in pairs {
            switch (operation, key, value) {
            case ("UpdateFunctionCode", "ZipFile", _):
                out.append((key, try unpacked(value)))
            case let ("CreateFunction", "Code", .object(code)):
                var inner: [(String, JSONValue)] = []
                for (k, v) in code { inner.append((k, k == "ZipFile" ? try unpacked(v) : v)) }
                out.append((key, .object(inner)))
            default:
                out.append((key, value))
            }
        }
        return .object(out)
    }
}
