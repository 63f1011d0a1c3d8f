"""The Spark job of Benchmarks/spark/run.sh (run that script: it sets up Java, pyspark and
the release tarball). Pipes JSON Lines records through `tilmash index --on-error pass` on
the executors and checks that every record comes back intact."""
import argparse
import fcntl
import hashlib
import json
import os
import subprocess
import sys
import tarfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMOJI = "\U0001F642"


def paragraphs():
    """Paragraphs (blank-line separated) of the seeds and Benchmarks/corpus, each at most
    ~600 characters (longer ones are cut at a sentence end or a space)."""
    found = []
    for folder in ("Corpora/seeds", "Benchmarks/corpus"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(ROOT, folder, name), encoding="utf-8") as handle:
                text = handle.read()
            for block in text.split("\n\n"):
                block = block.strip()
                while block:
                    if len(block) <= 600:
                        found.append((name, block))
                        break
                    cut = block.rfind(". ", 200, 600)
                    cut = cut + 1 if cut > 0 else (block.rfind(" ", 200, 600) if block.rfind(" ", 200, 600) > 0 else 600)
                    found.append((name, block[:cut].strip()))
                    block = block[cut:].strip()
    return [p for p in found if p[1]]


def make_records(count):
    """The input lines and, per line, what must come back: ("good", id, md5 of text),
    ("raw", line) for a line that is no JSON, ("marked", id) for a record without "text"
    or with a lone surrogate."""
    sources = paragraphs()
    lines, expected = [], []
    for i in range(count):
        name, text = sources[i % len(sources)]
        bad = i % 1000 == 999
        kind = (i // 1000) % 3
        if bad and kind == 0:
            line = '{"id": %d, "text": "cut off' % i
            expected.append(("raw", line))
        elif bad and kind == 1:
            line = json.dumps({"id": i, "body": text}, ensure_ascii=False)
            expected.append(("marked", i))
        elif bad:
            line = '{"id": %d, "text": "lone \\ud800 surrogate"}' % i
            expected.append(("marked", i))
        else:
            record = {"id": i, "text": text, "meta": {"source": name, "n": i, "score": "SCORE"}, "tags": ["news", EMOJI]}
            # The number as written, 1.50: it must come back so (a JSON re-encoder gives 1.5).
            line = json.dumps(record, ensure_ascii=False).replace('"SCORE"', "1.50")
            expected.append(("good", i, hashlib.md5(text.encode("utf-8")).hexdigest()))
        lines.append(line)
    return lines, expected


def index_partition(records, tarball_name, command):
    """Runs on an executor: unpacks the shipped tarball once per executor folder (under a
    lock), then pipes the partition's lines through tilmash as RDD.pipe does."""
    from pyspark import SparkFiles
    tarball = SparkFiles.get(tarball_name)
    folder = os.path.join(os.path.dirname(tarball), "tilmash-unpacked")
    with open(tarball + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.isdir(folder):
            with tarfile.open(tarball) as archive:
                archive.extractall(folder + ".tmp")
            os.rename(folder + ".tmp", folder)
    binary = os.path.join(folder, tarball_name[: -len(".tar.gz")], "tilmash")
    process = subprocess.Popen([binary] + command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors = []

    def feed():
        for line in records:
            process.stdin.write(line.encode("utf-8") + b"\n")
        process.stdin.close()

    def drain():
        errors.append(process.stderr.read().decode("utf-8", "replace"))

    writer, reader = threading.Thread(target=feed), threading.Thread(target=drain)
    writer.start()
    reader.start()
    for out in process.stdout:
        yield out.decode("utf-8").rstrip("\n")
    writer.join()
    reader.join()
    status = process.wait()
    if status != 0:
        raise RuntimeError("tilmash exited %d: %s" % (status, "".join(errors)[-2000:]))


def check_record(line):
    """Runs on an executor: what came back, reduced to what the driver compares."""
    record = json.loads(line)
    if "error" in record:
        if set(record) == {"error", "line"}:
            return ("raw", record["line"])
        return ("marked", record.get("id"))
    text = record["text"]
    problems = []
    ids = []
    for entity in record["entities"]:
        if text[entity["start"]:entity["end"]] != entity["text"]:
            problems.append("span %d-%d is %r, entity says %r" % (entity["start"], entity["end"], text[entity["start"]:entity["end"]], entity["text"]))
        if entity["source"] == "gazetteer" and entity["id"] not in ids:
            ids.append(entity["id"])
    if ids != record["entity_ids"]:
        problems.append("entity_ids %r, entities say %r" % (record["entity_ids"], ids))
    if record["meta"]["n"] != record["id"] or record["tags"] != ["news", EMOJI] or record["meta"]["score"] != 1.5:
        problems.append("copied fields changed: %r %r" % (record["meta"], record["tags"]))
    if not record["search"] or not record["ascii"] or record.get("lang") in (None, ""):
        problems.append("search, ascii or lang missing")
    if "1.50" not in line:
        problems.append("the number 1.50 was rewritten")
    return ("good", record["id"], hashlib.md5(text.encode("utf-8")).hexdigest(), len(record["entities"]), problems)


def run(master, lines, expected, args, tarball):
    from pyspark import SparkConf, SparkContext
    from pyspark.storagelevel import StorageLevel
    conf = (SparkConf().setMaster(master).setAppName("tilmash-index")
            .set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false").set("spark.driver.memory", "4g"))
    context = SparkContext(conf=conf)
    context.setLogLevel("ERROR")
    try:
        context.addFile(tarball)
        name = os.path.basename(tarball)
        command = ["index", "--input", "jsonl", "--on-error", "pass"]
        rdd = context.parallelize(lines, args.partitions)
        rdd.count()  # the input is in the executors before the clock starts
        started = time.time()
        indexed = rdd.mapPartitions(lambda part: index_partition(part, name, command)).persist(StorageLevel.MEMORY_AND_DISK)
        returned = indexed.count()
        seconds = time.time() - started
        checked = indexed.map(check_record).collect()
    finally:
        context.stop()
    return returned, seconds, checked


def compare(expected, checked):
    """Every problem: lost, added, reordered or damaged records."""
    problems = []
    if len(checked) != len(expected):
        problems.append("%d records in, %d out" % (len(expected), len(checked)))
    entities = 0
    for number, (want, got) in enumerate(zip(expected, checked)):
        if got[0] == "good":
            entities += got[3]
            problems += ["record %s: %s" % (got[1], p) for p in got[4]]
            got = got[:3]
        if tuple(want) != tuple(got):
            problems.append("line %d: expected %r, got %r" % (number + 1, want, got))
    ids = [g[1] for g in checked if g[0] != "raw"]
    if len(ids) != len(set(ids)):
        problems.append("some ids came back twice")
    return problems, entities


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tarball", required=True)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=16)
    args = parser.parse_args()
    os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 4g pyspark-shell")
    lines, expected = make_records(args.records)
    megabytes = sum(len(line.encode("utf-8")) + 1 for line in lines) / 1e6
    bad = sum(1 for e in expected if e[0] != "good")
    print("spark: %d records (%.1f MB, %d bad lines), %d partitions, load average %s"
          % (len(lines), megabytes, bad, args.partitions, " ".join("%.2f" % x for x in os.getloadavg())))
    failed = False
    for cores in (1, 2):
        returned, seconds, checked = run("local[%d]" % cores, lines, expected, args, args.tarball)
        problems, entities = compare(expected, checked)
        print("spark: local[%d]: %d records back in %.1f s = %.0f records/s, %.2f MB/s; %d entity spans checked; %s"
              % (cores, returned, seconds, returned / seconds, megabytes / seconds, entities,
                 "no loss, no damage" if not problems else "%d PROBLEMS" % len(problems)))
        for problem in problems[:20]:
            print("  " + problem)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
