/// The script `cloudtop bench wire` runs: argv is this binary, the boto3 request count and wrk's
/// seconds. It starts `cloudtop serve` and `moto_server` on free ports, measures each figure
/// against both, stops them, and prints one JSON object as its last line: per figure either
/// {"value", "baseline"} or {"skipped": reason}. Its other lines are the detail.
enum WireScript {
    static let text = #"""
import json, os, re, shutil, socket, subprocess, sys, tempfile, time

binary, count, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
figures = {}
children = []

def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port

def start(args, ready):
    """Starts a server quietly and waits until `ready()` holds (at most 30 s)."""
    p = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    children.append(p)
    deadline = time.time() + 30
    while time.time() < deadline:
        if p.poll() is not None:
            raise RuntimeError(f"{args[0]} exited with {p.returncode}")
        if ready(p):
            return p
        time.sleep(0.1)
    raise RuntimeError(f"{args[0]} did not start")

def listening(port):
    def check(_):
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", port)) == 0
    return check

def stop_all():
    for p in children:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(5)
            except subprocess.TimeoutExpired:
                p.kill()

try:
    import boto3
    from botocore.config import Config
except ImportError:
    boto3 = None

http_port, pg_port, moto_port = free_port(), free_port(), free_port()
servers = {}
try:
    start([binary, "serve", "--port", str(http_port), "--pg-port", str(pg_port), "--speed", "100"], listening(http_port))
    servers["cloudtop"] = f"http://127.0.0.1:{http_port}"
    print(f"cloudtop serve on {servers['cloudtop']}, PostgreSQL on {pg_port}, speed 100")
except Exception as e:
    figures = {k: {"skipped": f"cloudtop serve did not start: {e}"} for k in ("boto3", "wrk", "pgbench")}
    print(json.dumps(figures))
    sys.exit(0)
moto = shutil.which("moto_server")
if moto:
    try:
        start([moto, "-p", str(moto_port)], listening(moto_port))
        servers["moto"] = f"http://127.0.0.1:{moto_port}"
        print(f"moto_server on {servers['moto']}")
    except Exception as e:
        moto = None
        print(f"moto_server: {e}")

def client(url):
    return boto3.client("kinesis", endpoint_url=url, region_name="us-east-1", aws_access_key_id="bench",
                        aws_secret_access_key="bench", config=Config(retries={"max_attempts": 1}))

def make_stream(url):
    c = client(url)
    c.create_stream(StreamName="bench", ShardCount=4)
    for _ in range(300):
        if c.describe_stream(StreamName="bench")["StreamDescription"]["StreamStatus"] == "ACTIVE":
            return c
        time.sleep(0.1)
    raise RuntimeError("stream not ACTIVE")

def boto3_rate(c):
    data = b"x" * 100
    for i in range(20):
        c.put_record(StreamName="bench", Data=data, PartitionKey=f"warm-{i}")
    start = time.perf_counter()
    for i in range(count):
        c.put_record(StreamName="bench", Data=data, PartitionKey=f"user-{i % 1000}")
    return count / (time.perf_counter() - start)

def pair(measure, key, what):
    try:
        value = measure("cloudtop")
        print(f"{what} against cloudtop: {value:.0f}/s")
    except Exception as e:
        figures[key] = {"skipped": f"failed against cloudtop: {e}"}
        return
    figures[key] = {"value": value}
    if not moto:
        figures[key]["baseline_skipped"] = "moto_server is not installed"
        return
    try:
        baseline = measure("moto")
        figures[key]["baseline"] = baseline
        print(f"{what} against moto_server: {baseline:.0f}/s")
    except Exception as e:
        figures[key]["baseline_skipped"] = f"moto failed: {e}"

clients = {}
if boto3 is None:
    figures["boto3"] = {"skipped": "boto3 is not installed"}
else:
    def by_boto3(name):
        if name not in clients:
            clients[name] = make_stream(servers[name])
        return boto3_rate(clients[name])
    pair(by_boto3, "boto3", f"{count} sequential boto3 PutRecord calls")

wrk = shutil.which("wrk")
if not wrk:
    figures["wrk"] = {"skipped": "wrk is not installed"}
elif boto3 is None:
    figures["wrk"] = {"skipped": "boto3 is needed to create the stream"}
else:
    lua = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    lua.write('wrk.method = "POST"\n'
              'wrk.headers["Content-Type"] = "application/x-amz-json-1.1"\n'
              'wrk.headers["X-Amz-Target"] = "Kinesis_20131202.PutRecord"\n'
              'wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0"\n'
              'wrk.body = \'{"StreamName":"bench","Data":"eHh4eHh4eHh4eA==","PartitionKey":"user-1"}\'\n')
    lua.close()
    def by_wrk(name):
        if name not in clients:
            clients[name] = make_stream(servers[name])
        out = subprocess.run([wrk, "-t1", "-c8", f"-d{max(1, int(seconds))}s", "-s", lua.name, servers[name]],
                             capture_output=True, text=True, timeout=seconds + 60).stdout
        match = re.search(r"Requests/sec:\s*([0-9.]+)", out)
        if not match:
            raise RuntimeError("no Requests/sec in wrk's output")
        non2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
        if non2xx:
            raise RuntimeError(f"{non2xx.group(1)} error responses")
        return float(match.group(1))
    pair(by_wrk, "wrk", "wrk PutRecord")
    os.unlink(lua.name)

pgbench, ready = shutil.which("pgbench"), shutil.which("pg_isready")
if not pgbench:
    figures["pgbench"] = {"skipped": "pgbench is not installed"}
else:
    sql = tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False)
    sql.write("SELECT 1;\n")
    sql.close()
    def tps(args):
        out = subprocess.run([pgbench, "-n", "-f", sql.name, "-t", str(max(10, count // 4))] + args,
                             capture_output=True, text=True, timeout=300, env=dict(os.environ, PGPASSWORD="bench"))
        match = re.search(r"tps = ([0-9.]+)", out.stdout)
        if not match:
            raise RuntimeError((out.stderr or out.stdout).strip().splitlines()[-1] if (out.stderr or out.stdout).strip() else "no tps")
        return float(match.group(1))
    try:
        figures["pgbench"] = {"value": tps(["-h", "127.0.0.1", "-p", str(pg_port), "-U", "awsuser", "dev"])}
        print(f"pgbench SELECT 1 against the warehouse leader: {figures['pgbench']['value']:.0f} tps")
        if ready and subprocess.run([ready, "-q"]).returncode == 0:
            figures["pgbench"]["baseline"] = tps([])
            print(f"pgbench SELECT 1 against PostgreSQL: {figures['pgbench']['baseline']:.0f} tps")
        else:
            figures["pgbench"]["baseline_skipped"] = "no PostgreSQL server running (pg_isready)"
    except Exception as e:
        figures["pgbench"] = {"skipped": f"pgbench failed: {e}"}
    os.unlink(sql.name)

stop_all()
print(json.dumps(figures))
"""#
}
