import Foundation
import Testing

/// moto's instance-type specs and botocore's `InstanceType` enum, read live from the installed
/// Python packages so the catalog is checked against its sources rather than against itself.
///
/// nil when python3, moto or botocore is missing; the tests that need it are then skipped with
/// a note instead of failing on a machine without the Python tooling.
struct AWSReferenceData: Sendable {
    /// moto's types: name → `vCPUs|MiB|archs|network|bare|current`, the catalog's own field order.
    let moto: [String: String]
    let botocoreNames: [String]

    static let skipNote: Comment = "needs python3 with the moto and botocore packages installed"

    static let shared: AWSReferenceData? = load()

    private static let script = """
        import glob, gzip, json, os, botocore, moto
        path = os.path.join(os.path.dirname(moto.__file__), "ec2/resources/instance_types.json.gz")
        for name, t in sorted(json.load(gzip.open(path)).items()):
            print("M|" + "|".join([name, str(t["VCpuInfo"]["DefaultVCpus"]), str(t["MemoryInfo"]["SizeInMiB"]),
                  ",".join(t["ProcessorInfo"]["SupportedArchitectures"]), t["NetworkInfo"]["NetworkPerformance"],
                  str(int(t["BareMetal"])), str(int(t["CurrentGeneration"]))]))
        model = sorted(glob.glob(os.path.join(os.path.dirname(botocore.__file__), "data/ec2/*/service-2.json*")))[-1]
        opener = gzip.open if model.endswith(".gz") else open
        for name in json.load(opener(model))["shapes"]["InstanceType"]["enum"]:
            print("B|" + name)
        """

    private static func load() -> AWSReferenceData? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
        var moto: [String: String] = [:]
        var names: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("M|") {
                let rest = line.dropFirst(2)
                guard let bar = rest.firstIndex(of: "|") else { continue }
                moto[String(rest[..<bar])] = String(rest[rest.index(after: bar)...])
            } else if line.hasPrefix("B|") {
                names.append(String(line.dropFirst(2)))
            }
        }
        return moto.isEmpty || names.isEmpty ? nil : AWSReferenceData(moto: moto, botocoreNames: names)
    }
}
