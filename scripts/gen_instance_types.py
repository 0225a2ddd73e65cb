#!/usr/bin/env python3
"""Generate Sources/Estate/EC2/InstanceTypes/InstanceTypeCatalogData.swift.

The catalog is the union of moto's instance-type data (real specs) and botocore's EC2
`InstanceType` enum (every name the API accepts). Names only botocore knows get specs derived
from the naming grammar and are flagged as estimated, so the simulator can launch them but the
UI can say the numbers are a guess.

The output is one Swift string literal, a line per type, because a large array literal makes
the Swift type checker crawl while a string literal compiles instantly and parses in
microseconds at first use.

Usage: python3 scripts/gen_instance_types.py   (needs the `moto` and `botocore` packages)
"""
import glob
import gzip
import json
import os
import re
import sys

import botocore
import moto

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Sources/Estate/EC2/InstanceTypes/InstanceTypeCatalogData.swift")

NAME_RE = re.compile(
    r"^(?:(?P<series>[a-z]+?)(?P<gen>\d+)(?P<attrs>[a-z]*)(?:-(?P<variant>[a-z0-9]+))?"
    r"|u-(?P<utb>\d+)tb1|mac-m\d+(?:pro|max)?)\.(?P<size>[a-z0-9-]+)$"
)
# GiB of memory per vCPU by series, for families moto does not know.
GIB_PER_VCPU = {"c": 2, "m": 4, "r": 8, "x": 16, "p": 8, "g": 8, "f": 8, "cr": 8, "hs": 8}


def load_moto():
    path = os.path.join(os.path.dirname(moto.__file__), "ec2/resources/instance_types.json.gz")
    with gzip.open(path) as f:
        return json.load(f)


def load_botocore_names():
    pattern = os.path.join(os.path.dirname(botocore.__file__), "data/ec2/*/service-2.json*")
    path = sorted(glob.glob(pattern))[-1]
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path) as f:
        return json.load(f)["shapes"]["InstanceType"]["enum"]


def size_vcpus(size):
    """vCPUs implied by the size word: large=2, xlarge=4, Nxlarge=4N, metal-Nxl=4N."""
    if size == "large":
        return 2
    if size == "xlarge":
        return 4
    m = re.fullmatch(r"(\d+)xlarge|metal-(\d+)xl", size)
    if m:
        return 4 * int(m.group(1) or m.group(2))
    return None


def tib_variant(name):
    """N for u-Ntb1 and u7i-Ntb style families: the host's memory in TiB."""
    m = re.match(r"u-(\d+)tb1\.|u\d+[a-z]*-(\d+)tb\.", name)
    return int(m.group(1) or m.group(2)) if m else None


def network_guess(vcpus):
    if vcpus <= 16:
        return "Up to 12.5 Gigabit"
    if vcpus <= 48:
        return "25 Gigabit"
    if vcpus <= 96:
        return "50 Gigabit"
    return "100 Gigabit"


def estimate(name, known):
    """Specs for a name moto lacks, from its grammar and its family's siblings in `known`."""
    m = NAME_RE.match(name)
    if not m:
        sys.exit(f"name does not match the grammar: {name}")
    family, size = name.split(".")
    series = m.group("series") or ("u" if m.group("utb") else "mac")
    attrs = m.group("attrs") or ""
    gen = int(m.group("gen")) if m.group("gen") else None
    # Only moto's siblings are facts; estimated ones count for the size of a metal host alone.
    everyone = [v for k, v in known.items() if k.split(".")[0] == family and k != name]
    siblings = [v for v in everyone if not v["estimated"]]
    vcpus = size_vcpus(size)
    if vcpus is None and size == "metal":
        vcpus = max((v["vcpus"] for v in everyone), default=96)
    if vcpus is None:
        vcpus = 2
    tib = tib_variant(name)
    if tib is not None:
        memory = tib * 1024 * 1024
    elif siblings:
        top = max(siblings, key=lambda v: v["vcpus"])
        memory = top["memory"] * vcpus // top["vcpus"]
    else:
        gib = GIB_PER_VCPU.get(series, GIB_PER_VCPU.get(series[0], 4))
        memory = gib * 1024 * vcpus
    if siblings:
        archs = siblings[0]["archs"]
        top = max(siblings, key=lambda v: v["vcpus"])
        network = top["network"] if vcpus >= top["vcpus"] else network_guess(vcpus)
        current = siblings[0]["current"]
    else:
        if series == "mac":
            archs = "x86_64_mac" if gen == 1 else "arm64_mac"
        else:
            # A "gb" variant (p6e-gb200) is an NVIDIA Grace host: Arm, like the g attribute.
            grace = (m.group("variant") or "").startswith("gb")
            archs = "arm64" if "g" in attrs or grace else "x86_64"
        network = network_guess(vcpus)
        # u-Ntb1 high-memory hosts are sold as current generation despite their "1".
        current = series == "u" or (gen is not None and gen >= 5)
    bare = size == "metal" or size.startswith("metal-")
    # Graviton and other Arm hosts run one thread per core; x86 hosts two, as their siblings do.
    threads = siblings[0]["threads"] if siblings else (1 if archs.startswith("arm64") or vcpus == 1 else 2)
    cores = max(1, vcpus // threads)
    return dict(vcpus=vcpus, memory=memory, archs=archs, network=network, bare=bare,
                current=current, cores=cores, threads=threads, estimated=True)


def details(info):
    """The rest of moto's facts the catalog carries, as line fields (lists comma-separated)."""
    cpu = info["ProcessorInfo"]
    fields = [info.get("Hypervisor", ""), ",".join(info["SupportedUsageClasses"]), ",".join(info["SupportedRootDeviceTypes"]),
              ",".join(info["SupportedVirtualizationTypes"]), str(int(info["InstanceStorageSupported"])),
              str(int(info["BurstablePerformanceSupported"])), str(int(info["HibernationSupported"])),
              str(int(info["FreeTierEligible"])), cpu.get("Manufacturer", ""),
              str(cpu["SustainedClockSpeedInGhz"]) if "SustainedClockSpeedInGhz" in cpu else ""]
    for field in fields:
        if "|" in field or "\n" in field or '"""' in field:
            sys.exit(f"unexpected character in {field!r}")
    return fields


def main():
    data = load_moto()
    known = {}
    for name, info in data.items():
        known[name] = dict(
            vcpus=info["VCpuInfo"]["DefaultVCpus"],
            memory=info["MemoryInfo"]["SizeInMiB"],
            archs=",".join(info["ProcessorInfo"]["SupportedArchitectures"]),
            network=info["NetworkInfo"]["NetworkPerformance"],
            bare=info["BareMetal"],
            current=info["CurrentGeneration"],
            cores=info["VCpuInfo"]["DefaultCores"],
            threads=info["VCpuInfo"]["DefaultThreadsPerCore"],
            estimated=False,
            details=details(info),
        )
    botocore_only = sorted(set(load_botocore_names()) - set(known))
    # Estimate sizes before metal so a metal host can take its largest sibling's vCPUs.
    for name in sorted(botocore_only, key=lambda n: n.split(".")[1].startswith("metal")):
        known[name] = estimate(name, known)
    lines = []
    for name in sorted(known):
        s = known[name]
        for field in (name, s["archs"], s["network"]):
            if "|" in field or "\n" in field or '"""' in field:
                sys.exit(f"unexpected character in {field!r}")
        lines.append("|".join([name, str(s["vcpus"]), str(s["memory"]), s["archs"], s["network"],
                               str(int(s["bare"])), str(int(s["current"])), str(int(s["estimated"])),
                               str(s["cores"]), str(s["threads"])] + s.get("details", [])))
    header = (
        "// Generated by scripts/gen_instance_types.py from moto's instance_types.json.gz and\n"
        "// botocore's EC2 InstanceType enum. Do not edit; regenerate with:\n"
        "//     python3 scripts/gen_instance_types.py\n"
        f"// {len(data)} types from moto, {len(botocore_only)} botocore-only types estimated.\n\n"
        "/// One line per instance type:\n"
        "/// name|vCPUs|memory MiB|architectures|network performance|bare metal|current generation|estimated|\n"
        "/// default cores|default threads per core, then for moto's types only: hypervisor|usage classes|\n"
        "/// root device types|virtualization types|instance storage|burstable|hibernation|free tier|\n"
        "/// manufacturer|sustained clock GHz (an empty field: moto does not say)\n"
        "///\n"
        "/// A string rather than an array literal because the type checker is slow on huge literals.\n"
        'let instanceTypeCatalogData = """\n'
    )
    with open(OUT, "w") as f:
        f.write(header + "\n".join(lines) + '\n"""\n')
    print(f"wrote {len(lines)} types to {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
