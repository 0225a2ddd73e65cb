import Foundation
import Testing

/// Managed Flink (JSON 1.1), Lambda and OpenSearch (REST-JSON) and CloudFront (REST-XML),
/// driven through the real binary by boto3 and the aws CLI against an otherwise empty estate.
@Suite(.enabled(if: BuiltBinary.isBuilt, BuiltBinary.missingNote), .enabled(if: Tools.available, Tools.missingNote))
struct ServeRestServicesTests {
    /// A config folder with an empty estate, removed by the caller.
    static func emptyConfig() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-rest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name: net-rest\nwarmup: 0s\n".write(to: folder.appendingPathComponent("estate.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    func withServer<T>(_ body: (ServedEstate) throws -> T) throws -> T {
        let config = try Self.emptyConfig()
        defer { try? FileManager.default.removeItem(at: config) }
        let served = try ServedEstate(config: config.path)
        defer { _ = try? served.stop() }
        return try body(served)
    }

    /// The Python helper every script below uses: an error's code and HTTP status.
    static let errorHelper = """
    import botocore.exceptions
    def error(f):
        try:
            f()
            return None
        except botocore.exceptions.ClientError as e:
            return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]

    """

    @Test func boto3RunsAFlinkApplicationThroughItsStatuses() throws {
        let answer = try withServer { served in
            try #require(try served.python(Self.errorHelper + """
            import boto3, time
            kinesis = boto3.client("kinesis", endpoint_url=ENDPOINT)
            kinesis.create_stream(StreamName="clicks", ShardCount=1)
            while kinesis.describe_stream_summary(StreamName="clicks")["StreamDescriptionSummary"]["StreamStatus"] != "ACTIVE":
                time.sleep(0.05)
            ka = boto3.client("kinesisanalyticsv2", endpoint_url=ENDPOINT)
            yaml = "name: per-minute\\nsource:\\n  stream: clicks\\noutputs:\\n  - name: totals\\n    window: { tumbling: 1m }\\n    aggregate: { events: count }\\n    sinks: [ { table: totals } ]\\n"
            created = ka.create_application(
                ApplicationName="per-minute", RuntimeEnvironment="FLINK-1_20",
                ServiceExecutionRole="arn:aws:iam::123456789012:role/flink",
                ApplicationConfiguration={
                    "ApplicationCodeConfiguration": {"CodeContent": {"TextContent": yaml}, "CodeContentType": "PLAINTEXT"},
                    "FlinkApplicationConfiguration": {"ParallelismConfiguration": {"ConfigurationType": "CUSTOM", "Parallelism": 2}}})["ApplicationDetail"]
            started = ka.start_application(ApplicationName="per-minute")
            def status():
                return ka.describe_application(ApplicationName="per-minute")["ApplicationDetail"]["ApplicationStatus"]
            seen = [status()]
            for _ in range(400):
                if seen[-1] == "RUNNING":
                    break
                time.sleep(0.02)
                s = status()
                if s != seen[-1]:
                    seen.append(s)
            ka.stop_application(ApplicationName="per-minute")
            while status() != "READY":
                time.sleep(0.02)
            listed = ka.list_applications()["ApplicationSummaries"]
            ka.delete_application(ApplicationName="per-minute", CreateTimestamp=created["CreateTimestamp"])
            print(json.dumps({
                "arn": created["ApplicationARN"], "status": created["ApplicationStatus"],
                "parallelism": created["ApplicationConfigurationDescription"]["FlinkApplicationConfigurationDescription"]["ParallelismConfigurationDescription"]["Parallelism"],
                "createdIsDate": hasattr(created["CreateTimestamp"], "year"),
                "operationId": bool(started.get("OperationId")), "seen": seen,
                "listed": [[a["ApplicationName"], a["ApplicationStatus"], a["ApplicationVersionId"]] for a in listed],
                "missing": error(lambda: ka.describe_application(ApplicationName="per-minute")),
                "badRuntime": error(lambda: ka.create_application(ApplicationName="x", RuntimeEnvironment="FLINK-0_1",
                                                                  ServiceExecutionRole="arn:aws:iam::123456789012:role/flink")),
            }))
            """) as? [String: Any])
        }
        // ARN format: arn:aws:kinesisanalytics:REGION:ACCOUNT:application/NAME.
        #expect(answer["arn"] as? String == "arn:aws:kinesisanalytics:us-east-1:123456789012:application/per-minute")
        #expect(answer["status"] as? String == "READY")
        #expect(answer["parallelism"] as? Int == 2)
        #expect(answer["createdIsDate"] as? Bool == true)
        #expect(answer["operationId"] as? Bool == true)
        #expect(answer["seen"] as? [String] == ["STARTING", "RUNNING"])
        #expect(answer["listed"] as? [[AnyHashable]] == [["per-minute", "READY", 1]])
        #expect(answer["missing"] as? [AnyHashable] == ["ResourceNotFoundException", 400])
        #expect(answer["badRuntime"] as? [AnyHashable] == ["InvalidArgumentException", 400])
    }

    @Test func boto3CreatesPublishesUpdatesAndDeletesALambdaFunction() throws {
        let answer = try withServer { served in
            try #require(try served.python(Self.errorHelper + """
            import boto3, base64, hashlib
            lam = boto3.client("lambda", endpoint_url=ENDPOINT)
            source = b"exports.handler = async (event) => ({ statusCode: 200 });\\n"
            created = lam.create_function(FunctionName="greeter", Runtime="nodejs20.x", Role="arn:aws:iam::123456789012:role/edge",
                                          Handler="index.handler", Code={"ZipFile": source}, Description="says hi", Timeout=5)
            v1 = lam.publish_version(FunctionName="greeter", Description="first")
            newer = b"exports.handler = async (event) => ({ statusCode: 204 });\\n"
            code = lam.update_function_code(FunctionName="greeter", ZipFile=newer)
            conf = lam.update_function_configuration(FunctionName="greeter", Timeout=7, Description="says hi again")
            got = lam.get_function(FunctionName="greeter", Qualifier="1")
            versions = lam.list_versions_by_function(FunctionName="greeter")["Versions"]
            names = [f["FunctionName"] for f in lam.list_functions()["Functions"]]
            deleted = lam.delete_function(FunctionName="greeter")
            print(json.dumps({
                "arn": created["FunctionArn"], "createStatus": created["ResponseMetadata"]["HTTPStatusCode"],
                "sha": created["CodeSha256"], "expectedSha": base64.b64encode(hashlib.sha256(source).digest()).decode(),
                "size": created["CodeSize"], "timeout": created["Timeout"], "runtime": created["Runtime"],
                "v1": [v1["Version"], v1["FunctionArn"], v1["ResponseMetadata"]["HTTPStatusCode"]],
                "codeSha": code["CodeSha256"], "expectedNewSha": base64.b64encode(hashlib.sha256(newer).digest()).decode(),
                "conf": [conf["Timeout"], conf["Description"]],
                "gotVersion": [got["Configuration"]["Version"], got["Configuration"]["CodeSha256"]],
                "versions": [v["Version"] for v in versions], "names": names,
                "deleteStatus": deleted["ResponseMetadata"]["HTTPStatusCode"],
                "missing": error(lambda: lam.get_function(FunctionName="greeter")),
                "conflict": error(lambda: [lam.create_function(FunctionName="twice", Runtime="python3.11", Role="arn:aws:iam::123456789012:role/edge",
                                                               Handler="index.handler", Code={"ZipFile": b"def handler(e, c):\\n    return e\\n"}) for _ in range(2)]),
                "badRuntime": error(lambda: lam.create_function(FunctionName="old", Runtime="nodejs8.10", Role="arn:aws:iam::123456789012:role/edge",
                                                                Handler="index.handler", Code={"ZipFile": source})),
            }))
            """) as? [String: Any])
        }
        #expect(answer["arn"] as? String == "arn:aws:lambda:us-east-1:123456789012:function:greeter")
        #expect(answer["createStatus"] as? Int == 201)
        // CodeSha256 is the base64 SHA-256 of the deployment package: here, the source itself.
        #expect(answer["sha"] as? String == answer["expectedSha"] as? String)
        #expect(answer["size"] as? Int == 58)
        #expect(answer["timeout"] as? Int == 5 && answer["runtime"] as? String == "nodejs20.x")
        #expect(answer["v1"] as? [AnyHashable] == ["1", "arn:aws:lambda:us-east-1:123456789012:function:greeter:1", 201])
        #expect(answer["codeSha"] as? String == answer["expectedNewSha"] as? String)
        #expect(answer["conf"] as? [AnyHashable] == [7, "says hi again"])
        // Version 1 keeps the code it was published with.
        let firstSha = try #require(answer["expectedSha"] as? String)
        #expect(answer["gotVersion"] as? [String] == ["1", firstSha])
        #expect(answer["versions"] as? [String] == ["$LATEST", "1"])
        #expect(answer["names"] as? [String] == ["greeter"])
        #expect(answer["deleteStatus"] as? Int == 204)
        #expect(answer["missing"] as? [AnyHashable] == ["ResourceNotFoundException", 404])
        #expect(answer["conflict"] as? [AnyHashable] == ["ResourceConflictException", 409])
        #expect(answer["badRuntime"] as? [AnyHashable] == ["InvalidParameterValueException", 400])
    }

    @Test func boto3AndTheCLIInvokeAFunction() throws {
        let (answer, cli, out) = try withServer { served in
            let answer = try #require(try served.python(Self.errorHelper + """
            import boto3, base64
            lam = boto3.client("lambda", endpoint_url=ENDPOINT)
            role = "arn:aws:iam::123456789012:role/edge"
            lam.create_function(FunctionName="doubler", Runtime="python3.11", Role=role, Handler="index.handler",
                                Code={"ZipFile": b"def handler(event, context):\\n    return {'twice': event['n'] * 2}\\n"})
            lam.create_function(FunctionName="broken", Runtime="python3.11", Role=role, Handler="index.handler",
                                Code={"ZipFile": b"def handler(event, context):\\n    raise ValueError('no n here')\\n"})
            ok = lam.invoke(FunctionName="doubler", Payload=json.dumps({"n": 21}).encode(), LogType="Tail")
            failed = lam.invoke(FunctionName="broken", Payload=b"{}")
            failure = json.loads(failed["Payload"].read())
            dry = lam.invoke(FunctionName="doubler", InvocationType="DryRun")
            queued = lam.invoke(FunctionName="doubler", InvocationType="Event", Payload=b'{"n": 1}')
            print(json.dumps({
                "ok": [ok["StatusCode"], json.loads(ok["Payload"].read())["twice"], ok["ExecutedVersion"], ok.get("FunctionError", "none")],
                "log": base64.b64decode(ok["LogResult"]).decode().splitlines()[0].split(" ")[0],
                "failed": [failed["StatusCode"], failed.get("FunctionError"), failure["errorType"], failure["errorMessage"]],
                "dry": dry["StatusCode"], "queued": [queued["StatusCode"], queued["Payload"].read().decode()],
                "notJSON": error(lambda: lam.invoke(FunctionName="doubler", Payload=b"{n")),
                "missing": error(lambda: lam.invoke(FunctionName="nobody", Payload=b"{}")),
                "noVersion": error(lambda: lam.invoke(FunctionName="doubler", Qualifier="9", Payload=b"{}")),
            }))
            """) as? [String: Any])
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cloudtop-invoke-\(getpid()).json")
            defer { try? FileManager.default.removeItem(at: folder) }
            // The aws CLI v1 (pip's awscli) sends --payload as it is.
            let cli = try served.aws(["lambda", "invoke", "--function-name", "doubler", "--payload", #"{"n": 5}"#, folder.path])
            return (answer, cli, (try? String(contentsOf: folder, encoding: .utf8)) ?? "")
        }
        #expect(answer["ok"] as? [AnyHashable] == [200, 42, "$LATEST", "none"])
        #expect(answer["log"] as? String == "START")
        // A handler that raises is still a 200: Lambda reports it in FunctionError and the payload.
        let failed = try #require(answer["failed"] as? [Any])
        #expect(failed.first as? Int == 200 && failed.dropFirst().first as? String == "Unhandled")
        // Python's exception class and message, apart, as Lambda's Python runtime reports them.
        #expect(failed.dropFirst(2).first as? String == "ValueError" && failed.last as? String == "no n here", "\(failed)")
        #expect(answer["dry"] as? Int == 204)
        #expect(answer["queued"] as? [AnyHashable] == [202, ""])
        #expect(answer["notJSON"] as? [AnyHashable] == ["InvalidRequestContentException", 400])
        #expect(answer["missing"] as? [AnyHashable] == ["ResourceNotFoundException", 404])
        #expect(answer["noVersion"] as? [AnyHashable] == ["ResourceNotFoundException", 404])
        #expect(cli.status == 0, "\(cli.output)")
        #expect((cli.json as? [String: Any])?["StatusCode"] as? Int == 200)
        #expect(out.replacingOccurrences(of: " ", with: "") == #"{"twice":10}"#)
    }

    @Test func boto3DeploysZipPackagesAsTheAWSExamplesDo() throws {
        let answer = try withServer { served in
            try #require(try served.python(Self.errorHelper + """
            import boto3, io, zipfile
            def package(files, method):
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", method) as z:
                    for name, text in files.items():
                        z.writestr(name, text)
                return buffer.getvalue()
            first = "def handler(event, context):\\n    return {'statusCode': 200}\\n"
            second = "def handler(event, context):\\n    return {'statusCode': 201, 'body': 'ok'}\\n"
            lam = boto3.client("lambda", endpoint_url=ENDPOINT)
            created = lam.create_function(FunctionName="zipped", Runtime="python3.11", Role="arn:aws:iam::123456789012:role/edge",
                                          Handler="app.handler",
                                          Code={"ZipFile": package({"app.py": first, "requirements.txt": "boto3\\n"}, zipfile.ZIP_DEFLATED)})
            updated = lam.update_function_code(FunctionName="zipped", ZipFile=package({"app.py": second}, zipfile.ZIP_STORED))
            print(json.dumps({
                "created": created["CodeSize"], "updated": updated["CodeSize"], "sizes": [len(first), len(second)],
                "noHandler": error(lambda: lam.create_function(FunctionName="other", Runtime="python3.11", Role="arn:aws:iam::123456789012:role/edge",
                                                               Handler="main.handler", Code={"ZipFile": package({"app.py": first}, zipfile.ZIP_DEFLATED)})),
            }))
            """) as? [String: Any])
        }
        let sizes = try #require(answer["sizes"] as? [Int])
        // CodeSize is the handler's source the estate keeps, unpacked from each package.
        #expect(answer["created"] as? Int == sizes[0] && answer["updated"] as? Int == sizes[1])
        #expect(answer["noHandler"] as? [AnyHashable] == ["InvalidParameterValueException", 400])
    }

    @Test func boto3AndTheCLIManageOpenSearchDomains() throws {
        let (answer, cli) = try withServer { served in
            let answer = try #require(try served.python(Self.errorHelper + """
            import boto3, time
            es = boto3.client("opensearch", endpoint_url=ENDPOINT)
            created = es.create_domain(DomainName="logs", EngineVersion="OpenSearch_2.11",
                                       ClusterConfig={"InstanceType": "r6g.large.search", "InstanceCount": 2})["DomainStatus"]
            names = es.list_domain_names(EngineType="OpenSearch")["DomainNames"]
            none = es.list_domain_names(EngineType="Elasticsearch")["DomainNames"]
            for _ in range(600):
                status = es.describe_domain(DomainName="logs")["DomainStatus"]
                if not status["Processing"]:
                    break
                time.sleep(0.05)
            deleted = es.delete_domain(DomainName="logs")["DomainStatus"]
            print(json.dumps({
                "arn": created["ARN"], "id": created["DomainId"], "processing": created["Processing"],
                "hasEndpoint": "Endpoint" in created, "cluster": [created["ClusterConfig"]["InstanceType"], created["ClusterConfig"]["InstanceCount"]],
                "names": names, "none": none,
                "ready": [status["Processing"], status.get("Endpoint", "")],
                "deleted": deleted["Deleted"],
                "missing": error(lambda: es.describe_domain(DomainName="logs")),
                "badName": error(lambda: es.create_domain(DomainName="Bad_Name")),
                "twice": error(lambda: [es.create_domain(DomainName="dup") for _ in range(2)]),
            }))
            """) as? [String: Any])
            let cli = try served.aws(["opensearch", "list-domain-names"])
            return (answer, cli)
        }
        #expect(answer["arn"] as? String == "arn:aws:es:us-east-1:123456789012:domain/logs")
        #expect(answer["id"] as? String == "123456789012/logs")
        // A new domain is processing and has no endpoint yet, as in AWS.
        #expect(answer["processing"] as? Bool == true && answer["hasEndpoint"] as? Bool == false)
        #expect(answer["cluster"] as? [AnyHashable] == ["r6g.large.search", 2])
        #expect(answer["names"] as? [[String: String]] == [["DomainName": "logs", "EngineType": "OpenSearch"]])
        #expect(answer["none"] as? [[String: String]] == [])
        let ready = try #require(answer["ready"] as? [Any])
        #expect(ready.first as? Bool == false)
        #expect((ready.last as? String)?.hasPrefix("search-logs-") == true && (ready.last as? String)?.hasSuffix(".us-east-1.es.amazonaws.com") == true)
        #expect(answer["deleted"] as? Bool == true)
        // OpenSearch answers a missing domain with 409 (botocore's model, AWS's API reference).
        #expect(answer["missing"] as? [AnyHashable] == ["ResourceNotFoundException", 409])
        #expect(answer["badName"] as? [AnyHashable] == ["ValidationException", 400])
        #expect(answer["twice"] as? [AnyHashable] == ["ResourceAlreadyExistsException", 409])
        #expect(cli.status == 0, "\(cli.output)")
        #expect((cli.json as? [String: Any])?["DomainNames"] as? [[String: String]] == [["DomainName": "dup", "EngineType": "OpenSearch"]])
    }

    @Test func boto3CreatesReadsAndDeletesACloudFrontDistribution() throws {
        let (answer, cli) = try withServer { served in
            let answer = try #require(try served.python(Self.errorHelper + """
            import boto3, re
            lam = boto3.client("lambda", endpoint_url=ENDPOINT)
            lam.create_function(FunctionName="tagger", Runtime="nodejs20.x", Role="arn:aws:iam::123456789012:role/edge",
                                Handler="index.handler", Code={"ZipFile": b"exports.handler = async (e) => e.Records[0].cf.request;\\n"})
            version = lam.publish_version(FunctionName="tagger")["FunctionArn"]
            cf = boto3.client("cloudfront", endpoint_url=ENDPOINT)
            config = {
                "CallerReference": "site-1", "Comment": "site", "Enabled": True,
                "Origins": {"Quantity": 1, "Items": [{"Id": "web", "DomainName": "web.s3.amazonaws.com",
                                                      "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
                "DefaultCacheBehavior": {"TargetOriginId": "web", "ViewerProtocolPolicy": "redirect-to-https", "MinTTL": 0,
                                         "LambdaFunctionAssociations": {"Quantity": 1, "Items": [
                                             {"LambdaFunctionARN": version, "EventType": "viewer-request", "IncludeBody": False}]}},
            }
            created = cf.create_distribution(DistributionConfig=config)
            d = created["Distribution"]
            inv = cf.create_invalidation(DistributionId=d["Id"], InvalidationBatch={
                "Paths": {"Quantity": 1, "Items": ["/index.html"]}, "CallerReference": "inv-1"})["Invalidation"]
            cf.get_waiter("invalidation_completed").wait(DistributionId=d["Id"], Id=inv["Id"], WaiterConfig={"Delay": 1, "MaxAttempts": 60})
            done = cf.get_invalidation(DistributionId=d["Id"], Id=inv["Id"])["Invalidation"]
            invalidations = cf.list_invalidations(DistributionId=d["Id"])["InvalidationList"]
            no_invalidation = error(lambda: cf.get_invalidation(DistributionId=d["Id"], Id="INOSUCH"))
            got = cf.get_distribution(Id=d["Id"])
            cfg = cf.get_distribution_config(Id=d["Id"])
            listed = cf.list_distributions()["DistributionList"]
            stale = error(lambda: cf.delete_distribution(Id=d["Id"], IfMatch="E0000000000000"))
            # AWS deletes only a disabled distribution, once the disabling has deployed.
            not_disabled = error(lambda: cf.delete_distribution(Id=d["Id"], IfMatch=got["ETag"]))
            config["Enabled"] = False
            disabled = cf.update_distribution(Id=d["Id"], IfMatch=got["ETag"], DistributionConfig=config)
            still_deploying = error(lambda: cf.delete_distribution(Id=d["Id"], IfMatch=disabled["ETag"]))
            import time
            for _ in range(300):
                now = cf.get_distribution(Id=d["Id"])
                if now["Distribution"]["Status"] == "Deployed":
                    break
                time.sleep(0.2)
            deleted = cf.delete_distribution(Id=d["Id"], IfMatch=now["ETag"])
            print(json.dumps({
                "id": d["Id"], "idOK": bool(re.fullmatch(r"E[0-9A-Z]{13}", d["Id"])),
                "arn": d["ARN"], "domain": d["DomainName"], "status": d["Status"],
                "location": created["Location"], "createStatus": created["ResponseMetadata"]["HTTPStatusCode"],
                "etags": [created["ETag"] == got["ETag"], got["ETag"] == cfg["ETag"], bool(got["ETag"])],
                "lambda": d["DistributionConfig"]["DefaultCacheBehavior"]["LambdaFunctionAssociations"]["Items"][0]["LambdaFunctionARN"],
                "version": version,
                "origins": [o["Id"] for o in got["Distribution"]["DistributionConfig"]["Origins"]["Items"]],
                "target": cfg["DistributionConfig"]["DefaultCacheBehavior"]["TargetOriginId"],
                "quantity": listed["Quantity"], "listed": [i["Id"] for i in listed["Items"]],
                "stale": stale, "notDisabled": not_disabled, "stillDeploying": still_deploying,
                "disabled": disabled["Distribution"]["DistributionConfig"]["Enabled"],
                "deleteStatus": deleted["ResponseMetadata"]["HTTPStatusCode"],
                "missing": error(lambda: cf.get_distribution(Id=d["Id"])),
                "missingConfig": error(lambda: cf.get_distribution_config(Id="ENOSUCHDIST000")),
                "invalidation": [inv["Status"], done["Status"], [i["Id"] == inv["Id"] for i in invalidations["Items"]]],
                "noInvalidation": no_invalidation,
            }))
            """) as? [String: Any])
            let cli = try served.aws(["cloudfront", "list-distributions"])
            return (answer, cli)
        }
        let id = try #require(answer["id"] as? String)
        #expect(answer["idOK"] as? Bool == true, "\(id)")
        #expect(answer["arn"] as? String == "arn:aws:cloudfront::123456789012:distribution/\(id)")
        #expect((answer["domain"] as? String)?.hasSuffix(".cloudfront.net") == true)
        // A new distribution is InProgress until it has reached the edge locations, as AWS answers.
        #expect(answer["status"] as? String == "InProgress")
        #expect(answer["location"] as? String == "https://cloudfront.amazonaws.com/2020-05-31/distribution/\(id)")
        #expect(answer["createStatus"] as? Int == 201)
        #expect(answer["etags"] as? [Bool] == [true, true, true])
        #expect(answer["lambda"] as? String == answer["version"] as? String)
        #expect(answer["origins"] as? [String] == ["web"])
        #expect(answer["target"] as? String == "web")
        #expect(answer["quantity"] as? Int == 1 && answer["listed"] as? [String] == [id])
        #expect(answer["stale"] as? [AnyHashable] == ["PreconditionFailed", 412])
        #expect(answer["notDisabled"] as? [AnyHashable] == ["DistributionNotDisabled", 409])
        #expect(answer["stillDeploying"] as? [AnyHashable] == ["DistributionNotDisabled", 409])
        #expect(answer["disabled"] as? Bool == false)
        #expect(answer["deleteStatus"] as? Int == 204)
        #expect(answer["missing"] as? [AnyHashable] == ["NoSuchDistribution", 404])
        #expect(answer["missingConfig"] as? [AnyHashable] == ["NoSuchDistribution", 404])
        // A new invalidation is InProgress, then Completed: what the aws CLI's and boto3's waiter polls for.
        let invalidation = try #require(answer["invalidation"] as? [Any])
        #expect(invalidation.first as? String == "InProgress" && invalidation.dropFirst().first as? String == "Completed")
        #expect(invalidation.last as? [Bool] == [true])
        #expect(answer["noInvalidation"] as? [AnyHashable] == ["NoSuchInvalidation", 404])
        // The CLI sees the list empty once the distribution is gone (its paginator prints only
        // the items, as it does against AWS).
        #expect(cli.status == 0, "\(cli.output)")
        let list = (cli.json as? [String: Any])?["DistributionList"] as? [String: Any]
        #expect((list?["Items"] as? [Any])?.isEmpty == true, "\(cli.output)")
    }
}
