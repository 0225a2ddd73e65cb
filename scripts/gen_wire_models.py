#!/usr/bin/env python3
"""Generate Sources/Gateway/Models/*WireModel.swift from botocore's service models.

The XML protocols name things on the wire differently from the API's member names
(`Reservations` travels as `reservationSet`, `InstanceIds` as `InstanceId.1`, `PublicIpAddress`
as `ipAddress`), and an SDK silently drops an element it does not recognise. So the endpoint
reads and writes those names from botocore's own model rather than from guesses: this script
keeps only the shapes reachable from the operations the estate implements, with only the
fields the wire needs, and writes them as one compact JSON string literal (a string literal
compiles instantly; a large dictionary literal makes the type checker crawl).

Usage: python3 scripts/gen_wire_models.py   (needs the `botocore` package)
"""
import json
import os

import botocore
import botocore.loaders

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# service -> (Swift name, operations the estate implements for it)
MODELS = {
    "ec2": ("EC2WireModel", [
        "RunInstances", "DescribeInstances", "StartInstances", "StopInstances", "RebootInstances",
        "TerminateInstances", "CreateTags", "DeleteTags", "DescribeInstanceTypes", "ModifyInstanceAttribute",
        "DescribeInstanceStatus",
        "DescribeSecurityGroups", "DescribeVolumes", "MonitorInstances", "UnmonitorInstances", "DescribeInstanceAttribute",
    ]),
    # Only the answers written as XML bodies; S3's other operations answer in headers.
    "s3": ("S3WireModel", ["ListBuckets", "ListObjectsV2", "CreateMultipartUpload", "CompleteMultipartUpload",
                           "ListParts", "ListMultipartUploads", "CopyObject", "UploadPartCopy"]),
    "redshift": ("RedshiftWireModel", [
        "CreateCluster", "DescribeClusters", "DeleteCluster", "PauseCluster", "ResumeCluster", "ModifyCluster",
        "RebootCluster", "CreateTags", "DeleteTags",
    ]),
    "cloudformation": ("CloudFormationWireModel", [
        "CreateStack", "UpdateStack", "DeleteStack", "DescribeStacks", "DescribeStackEvents",
        "DescribeStackResources", "ListStacks", "ValidateTemplate", "ListExports",
        "ListStackResources", "GetTemplate", "CreateChangeSet", "DescribeChangeSet", "ExecuteChangeSet",
        "ListChangeSets", "DeleteChangeSet", "DetectStackDrift", "DescribeStackResourceDrifts",
        "DescribeStackDriftDetectionStatus",
    ]),
    # REST services: routes (method, URI, status) and where members travel (path, query, header).
    # Operations listed here but not (yet) in the estate are left unrouted by the endpoint.
    "cloudfront": ("CloudFrontWireModel", [
        "CreateDistribution", "GetDistribution", "GetDistributionConfig", "ListDistributions",
        "DeleteDistribution", "UpdateDistribution", "CreateInvalidation", "GetInvalidation", "ListInvalidations",
    ]),
    "lambda": ("LambdaWireModel", [
        "CreateFunction", "GetFunction", "ListFunctions", "DeleteFunction", "PublishVersion",
        "ListVersionsByFunction", "UpdateFunctionCode", "UpdateFunctionConfiguration", "Invoke",
    ]),
    "opensearch": ("OpenSearchWireModel", [
        "CreateDomain", "DescribeDomain", "DeleteDomain", "ListDomainNames", "UpdateDomainConfig",
    ]),
}


# REST services the endpoint routes from the model (S3 keeps its own hand-written routing).
ROUTED = {"cloudfront", "lambda", "opensearch"}


def reduce(model, operations, routed=False):
    shapes = model["shapes"]
    keep = {}

    def walk(name):
        if name in keep:
            return
        s = shapes[name]
        t = s["type"]
        if t == "structure":
            members = []
            keep[name] = {"t": t, "m": members}
            for member, ref in s.get("members", {}).items():
                members.append([member, ref["shape"], ref.get("locationName"), ref.get("queryName"),
                                bool(ref.get("flattened") or shapes[ref["shape"]].get("flattened"))])
                walk(ref["shape"])
        elif t == "list":
            ref = s["member"]
            keep[name] = {"t": t, "e": ref["shape"], "n": ref.get("locationName"),
                          "f": bool(s.get("flattened"))}
            walk(ref["shape"])
        elif t == "map":
            keep[name] = {"t": t, "k": s["key"]["shape"], "v": s["value"]["shape"]}
            walk(s["key"]["shape"])
            walk(s["value"]["shape"])
        else:
            keep[name] = {"t": t}

    protocol = model["metadata"]["protocol"]
    rest = routed
    ops = {}
    http = {}
    locations = {}
    payloads = {}

    def note_locations(shape_name):
        s = shapes[shape_name]
        located = [[m, ref["location"], ref.get("locationName", m)]
                   for m, ref in s.get("members", {}).items() if "location" in ref]
        if located:
            locations[shape_name] = located
        if "payload" in s:
            payloads[shape_name] = s["payload"]

    for op in operations:
        o = model["operations"][op]
        # The Query protocol wraps an answer in <OpResult>; the name is the output's resultWrapper.
        ops[op] = [o.get("input", {}).get("shape"), o.get("output", {}).get("shape"),
                   o.get("output", {}).get("resultWrapper")]
        if rest:
            h = o["http"]
            http[op] = [h["method"], h["requestUri"], h.get("responseCode", 200)]
        for key in ("input", "output"):
            if key in o:
                if rest:
                    note_locations(o[key]["shape"])
                # JSON bodies pass through as they are; only XML needs the element names.
                if not (rest and protocol == "rest-json"):
                    walk(o[key]["shape"])
    # Error codes with the HTTP status AWS answers them with (ClusterNotFound: 404).
    errors = {}
    for name, s in shapes.items():
        e = s.get("error")
        if e and "code" in e:
            errors[e["code"]] = e.get("httpStatusCode", 400)
        elif rest and s.get("exception"):
            # REST services name an error by its shape (ResourceNotFoundException: 404 in Lambda).
            errors[name] = (e or {}).get("httpStatusCode", 400)
    out = {"version": model["metadata"]["apiVersion"], "operations": ops,
           "errors": {k: errors[k] for k in sorted(errors)},
           "shapes": {k: keep[k] for k in sorted(keep)}}
    if rest:
        out["http"] = http
        out["locations"] = {k: locations[k] for k in sorted(locations)}
        out["payloads"] = {k: payloads[k] for k in sorted(payloads)}
    return out


def main():
    loader = botocore.loaders.Loader()
    for service, (swift_name, operations) in MODELS.items():
        model = loader.load_service_model(service, "service-2")
        data = json.dumps(reduce(model, operations, service in ROUTED), separators=(",", ":"), sort_keys=False)
        out = os.path.join(ROOT, "Sources/Gateway/Models", swift_name + ".swift")
        with open(out, "w") as f:
            f.write("// Generated by scripts/gen_wire_models.py from botocore %s's %s model; do not edit.\n"
                    % (botocore.__version__, service))
            f.write("// The shapes of the operations the estate implements, with their names on the wire.\n\n")
            f.write("enum %s {\n    static let json = \"\"\"\n" % swift_name)
            # Lines of about 120 characters, split between shapes, so diffs stay readable.
            parts = data.split(',"')
            line = ""
            lines = []
            for i, p in enumerate(parts):
                piece = p if i == 0 else ',"' + p
                if len(line) + len(piece) > 116 and line:
                    lines.append(line)
                    line = ""
                line += piece
            lines.append(line)
            for i, l in enumerate(lines):
                f.write("    " + l + ("\\\n" if i < len(lines) - 1 else "\n"))
            f.write("    \"\"\"\n}\n")
        print("wrote", out, len(data), "bytes")


if __name__ == "__main__":
    main()
