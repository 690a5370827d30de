#!/usr/bin/env python3
"""Regenerates the committed seed corpora under Fuzz/Corpus/<target>/ from the repository's own examples:
protocol transcripts (one message per file), the ImageIO PNG fixtures plus a few crafted tiny PNGs, and the
parameter files (shared/data/params when present, and the ParameterFiles fixtures). Run from anywhere:
    python3 Fuzz/seed-corpus.py
File names are the SHA-1 of the contents, as libFuzzer names corpus entries, so re-running is idempotent."""
import hashlib, json, os, struct, sys, zlib

FUZZ = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(FUZZ)
SHARED = os.environ.get("RADFLEET_SHARED_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data")


def put(target, data):
    folder = os.path.join(FUZZ, "Corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def line(obj):
    return (json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


# MARK: messages: every frame a transcript sends or expects, then one complete message of each type.
def messages():
    folder = os.path.join(ROOT, "protocol", "examples")
    for name in sorted(os.listdir(folder)):
        for text in open(os.path.join(folder, name), encoding="utf-8"):
            step = json.loads(text)
            for key in ("send", "expect"):
                if key in step:
                    put("FuzzMessageDecoder", line(step[key]))
            if "sendRaw" in step:
                put("FuzzMessageDecoder", (step["sendRaw"] + "\n").encode())
    job = {"id": "extract:benign-001", "kind": "extract", "seed": 18446744073709551615,
           "input": {"case": "benign-001", "image": "busi/benign (1).png", "spacing": 0.1, "label": 1,
                     "params": {"setting": {"binWidth": 25}}, "flags": [True, False, None], "w": -1.5e-7}}
    for m in [
        {"v": 1, "type": "ready", "worker": "w1", "host": "node-a", "pid": 4242, "threads": 8},
        {"v": 1, "type": "heartbeat"},
        {"v": 1, "type": "status-request"},
        {"v": 1, "type": "job", "attempt": 2, "leaseSeconds": 12.5, "job": job},
        {"v": 1, "type": "result", "jobId": "noop:0", "attempt": 1, "output": {"x": [1, 2.5, "\u00e9\\n\"", {"y": None}]}},
        {"v": 1, "type": "result", "jobId": "extract:b", "attempt": 3, "failure": {"reason": "b.png: truncated PNG file", "final": True}},
        {"v": 1, "type": "error", "code": "too-large", "message": "line of 5000000 bytes exceeds the limit"},
        {"v": 1, "type": "shutdown", "reason": "study finished"},
        {"v": 1, "type": "status", "study": "busi", "time": 1763894400.25, "throughput": 41.5, "etaSeconds": 3.2,
         "jobs": {"extract": {"done": 200, "pending": 6}, "noop": {}},
         "workers": [{"id": "w1", "host": "a", "currentJob": "extract:x", "jobsDone": 7, "lastHeartbeat": 1763894399.9},
                     {"id": "w2", "host": "b", "jobsDone": 0, "lastHeartbeat": 0}],
         "failures": [{"jobId": "extract:y", "kind": "extract", "reason": "unreadable", "attempts": 3}],
         "duplicatesIgnored": 1, "rejectedMessages": 2, "finished": False},
    ]:
        put("FuzzMessageDecoder", line(m))
    put("FuzzMessageDecoder", b'{"v":1,"type":"result","jobId":"\\ud83d\\ude00","attempt":1,"output":[0,-0,1E+2,-9223372036854775808]}\n')


# MARK: PNGs: the fixtures, then small crafted files with the chunks libpng parses.
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, depth, colour, rows, interlace=0, extra=b"", before_idat=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    raw = b"".join(b"\x00" + r for r in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + before_idat + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def pngs():
    folder = os.path.join(ROOT, "Tests", "ImageIOTests", "Fixtures")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".png"):
            put("FuzzPNGLoader", open(os.path.join(folder, name), "rb").read())
    put("FuzzPNGLoader", png(1, 1, 8, 0, [b"\x80"]))
    put("FuzzPNGLoader", png(1, 1, 16, 6, [b"\x12\x34\x56\x78\x9a\xbc\xde\xf0"]))
    put("FuzzPNGLoader", png(3, 2, 1, 0, [b"\xa0", b"\x40"], interlace=1))
    plte = chunk(b"PLTE", bytes([0, 0, 0, 255, 0, 0, 0, 255, 0])) + chunk(b"tRNS", b"\x00\x80")
    put("FuzzPNGLoader", png(2, 2, 2, 3, [b"\x60", b"\x90"], extra=plte))
    phys = chunk(b"pHYs", struct.pack(">IIB", 0xFFFFFFFF, 1, 1))
    put("FuzzPNGLoader", png(2, 1, 8, 4, [b"\x01\x02\x03\x04"], extra=phys))
    ancillary = (chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"sBIT", b"\x05\x06\x05")
                 + chunk(b"tEXt", b"Comment\x00radfleet") + chunk(b"zTXt", b"Title\x00\x00" + zlib.compress(b"x" * 200))
                 + chunk(b"iTXt", b"Author\x00\x01\x00en\x00\x00" + zlib.compress(b"y" * 50))
                 + chunk(b"iCCP", b"icc\x00\x00" + zlib.compress(b"\x00" * 132)) + chunk(b"bKGD", b"\x00\x01\x00\x02\x00\x03")
                 + chunk(b"cHRM", b"\x00" * 32) + chunk(b"sRGB", b"\x00"))
    put("FuzzPNGLoader", png(2, 2, 8, 2, [b"\x01\x02\x03\x04\x05\x06", b"\x07\x08\x09\x0a\x0b\x0c"], extra=ancillary))
    # Image data split over several IDAT chunks, as large files have it.
    raw = zlib.compress(b"\x00\x10\x20\x00\x30\x40")
    split = chunk(b"IDAT", raw[:3]) + chunk(b"IDAT", raw[3:])
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    put("FuzzPNGLoader", b"\x89PNG\r\n\x1a\n" + ihdr + split + chunk(b"IEND", b""))


# MARK: parameter files.
def parameter_files():
    folders = [os.path.join(SHARED, "params")]
    base = os.path.join(ROOT, "Tests", "ParameterFilesTests", "Fixtures")
    folders += [os.path.join(base, d) for d in ("good", "bad", "deprecated")]
    for folder in folders:
        if not os.path.isdir(folder):
            print(f"skipping {folder} (not found)", file=sys.stderr)
            continue
        for name in sorted(os.listdir(folder)):
            put("FuzzParameterFile", open(os.path.join(folder, name), "rb").read())
    for text in [
        "setting:\n  binWidth: 1:30\n  label: 0x1\n  distances: [0o7, 0b11, +2, 1_0]\n",
        "base: &s {binWidth: 5, label: 2}\nsetting: *s\n",
        "setting: {label: 1, resegmentRange: [-1.5e+3, .inf]}\nimageType: {LoG: {sigma: [1.0, 2.5]}, Wavelet: {}}\n",
        "---\nfeatureClass:\n  glcm: [Autocorrelation, JointAverage]\n  firstorder:\n...\n",
        "setting:\n  ? binWidth\n  : !!float 25\n  wavelet: !!str coif1\n  voxelArrayShift: -1000\n",
        '{"setting": {"binCount": 32, "radfleetClipPercentiles": [0.5, 99.5]}, "voxelSetting": {"kernelRadius": 2}}',
        "setting:\n  label: 1:0:0:0:0:0:0:0:0:0:0:0:0\n",  # overflowed inside Yams (ParameterFileErrorTests)
        # Nested aliases used as a mapping key: Yams hashed 10^8 nodes (ParameterFileErrorTests).
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9)) + "? *a8\n: 1\n",
    ]:
        put("FuzzParameterFile", text.encode())


messages()
pngs()
parameter_files()
for target in ("FuzzMessageDecoder", "FuzzPNGLoader", "FuzzParameterFile"):
    print(target, len(os.listdir(os.path.join(FUZZ, "Corpus", target))))
