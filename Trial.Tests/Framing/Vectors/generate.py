#!/usr/bin/python3
"""Generates the framing test vectors from Twisted itself.

Run with the system Python that has Twisted (22.4 was used):

    /usr/bin/python3 Trial.Tests/Framing/Vectors/generate.py

It writes lines.json, prefixed.json, netstrings.json and sends.json next to this file. Each receiving vector
is fed to a Twisted receiver in several chunkings (whole, byte by byte, and seeded random chunkings made with
a port of Trial's SeededRandom, so the C# tests cut the input at exactly the same places) and records every
callback in order. A harness transport records loseConnection as a "close" event and, like a real transport,
stops delivering chunks once the connection is closing. A handler that pauses the receiver is resumed by the
harness after each chunk (a "resume" event), until it stays unpaused.

The scripted receivers below react to command lines/strings; the C# tests implement the same scripts.
Byte strings are JSON text whose code points are the byte values (Latin-1), or, for long runs of one byte,
{"runs": [[byte, count], ...]}. Fuzzed vectors come from fixed seeds, so regenerating gives identical files.
"""

import json
import os
import struct

import twisted
from twisted.internet.testing import StringTransport
from twisted.protocols import basic

HERE = os.path.dirname(os.path.abspath(__file__))
M64 = (1 << 64) - 1


def text(data):
    """Bytes as a JSON string: each byte is the code point of the same value (Latin-1)."""
    return data.decode("latin-1")


def compact(data):
    """Like text, but long data made of long runs of one byte becomes {"runs": [[byte, count], ...]}."""
    runs = []
    for b in data:
        if runs and runs[-1][0] == b:
            runs[-1][1] += 1
        else:
            runs.append([b, 1])
    if len(data) > 64 and len(runs) * 8 < len(data):
        return {"runs": [[chr(b), n] for b, n in runs]}
    return text(data)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


class SeededRandom:
    """A port of Trial.Randomness.SeededRandom: xoshiro256** seeded through SplitMix64, Lemire's bounded draw."""

    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & M64
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
            self.s.append(z ^ (z >> 31))

    def next_u64(self):
        s0, s1, s2, s3 = self.s
        result = (rotl((s1 * 5) & M64, 7) * 9) & M64
        t = (s1 << 17) & M64
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def next(self, low, high):
        span = high - low
        threshold = ((1 << 64) - span) % span
        while True:
            product = self.next_u64() * span
            if (product & M64) >= threshold:
                return low + (product >> 64)


CHUNKINGS = [
    {"name": "whole"},
    {"name": "bytes"},
    {"name": "random-1-3", "seed": 1, "max": 3},
    {"name": "random-2-7", "seed": 2, "max": 7},
    {"name": "random-3-40", "seed": 3, "max": 40},
]


def chunk(data, chunking):
    if chunking["name"] == "whole":
        return [data]
    if chunking["name"] == "bytes":
        return [data[i : i + 1] for i in range(len(data))]
    rng = SeededRandom(chunking["seed"])
    chunks, position = [], 0
    while position < len(data):
        size = rng.next(1, min(len(data) - position, chunking["max"]) + 1)
        chunks.append(data[position : position + size])
        position += size
    return chunks


class HarnessTransport(StringTransport):
    def __init__(self, events):
        StringTransport.__init__(self)
        self.events = events

    def loseConnection(self):
        self.events.append(["close"])
        StringTransport.loseConnection(self)

    def _checkState(self):
        """Allow pausing after loseConnection, as Trial's test transport does (a handler may pause after a quit)."""


def run(make, data, chunking, pending=None):
    events = []
    transport = HarnessTransport(events)
    protocol = make(events)
    protocol.makeConnection(transport)
    chunks = chunk(data, chunking)
    for piece in chunks:
        if transport.disconnecting:
            break
        protocol.dataReceived(piece)
        while getattr(protocol, "paused", False) and not protocol.stopped and not transport.disconnecting:
            events.append(["resume"])
            protocol.resumeProducing()
    if pending is not None:
        events.append(["pending", compact(pending(protocol))])
    result = {"events": events}
    if "seed" in chunking:
        result["chunks"] = len(chunks)
        if len(data) <= 512:
            result["sizes"] = [len(c) for c in chunks]
    return result


def runs(make, data, pending=None):
    return {c["name"]: run(make, data, c, pending) for c in CHUNKINGS}


# --- LineReceiver --------------------------------------------------------------------------------------------


class ScriptedLines(basic.LineReceiver):
    """Records every callback. Scripts:

    plain     -- only records.
    commands  -- "raw N": raw mode for N bytes, then setLineMode(rest); "rawrest": raw mode for good;
                 "quit": loseConnection; "clear": records clearLineBuffer(); "pause": pauseProducing;
                 "stop": stopProducing; "delim X": the delimiter becomes X.
    flip      -- Twisted's FlippingLineTester: raw mode after each line; raw data minus its first byte goes
                 back to setLineMode.
    tester    -- Twisted's LineTester: an empty line starts raw mode for the length a "len N" line gave; "pause"
                 and "rawpause" pause; "stop" stops producing.

    Exceeded: close (Twisted's default), record (no close), tester (LineTester: setLineMode(line[MAX+1:])).
    """

    def __init__(self, events, script, exceeded):
        self.events, self.script, self.exceeded = events, script, exceeded
        self.stopped = False
        self.remaining = None
        self.length = 0

    def lineReceived(self, line):
        self.events.append(["line", compact(line)])
        if self.script == "flip":
            self.setRawMode()
        elif self.script == "commands":
            if line.startswith(b"raw "):
                self.remaining = int(line[4:])
                self.setRawMode()
            elif line == b"rawrest":
                self.remaining = None
                self.setRawMode()
            elif line == b"quit":
                self.transport.loseConnection()
            elif line == b"clear":
                self.events.append(["cleared", compact(self.clearLineBuffer())])
            elif line == b"pause":
                self.pauseProducing()
            elif line == b"stop":
                self.stopped = True
                self.stopProducing()
            elif line.startswith(b"delim "):
                self.delimiter = line[6:]
        elif self.script == "tester":
            if line == b"":
                self.setRawMode()
            elif line == b"pause":
                self.pauseProducing()
            elif line == b"rawpause":
                self.pauseProducing()
                self.setRawMode()
            elif line == b"stop":
                self.stopped = True
                self.stopProducing()
            elif line[:4] == b"len ":
                self.length = int(line[4:])

    def rawDataReceived(self, data):
        self.events.append(["raw", compact(data)])
        if self.script == "flip":
            self.setLineMode(data[1:])
        elif self.script == "tester":
            used, rest = data[: self.length], data[self.length :]
            self.length -= len(used)
            if self.length == 0:
                self.setLineMode(rest)
        elif self.remaining is not None:
            used, rest = data[: self.remaining], data[self.remaining :]
            self.remaining -= len(used)
            if self.remaining == 0:
                self.remaining = None
                self.setLineMode(rest)

    def lineLengthExceeded(self, line):
        self.events.append(["exceeded", compact(line)])
        if self.exceeded == "close":
            self.transport.loseConnection()
        elif self.exceeded == "tester" and len(line) > self.MAX_LENGTH + 1:
            self.setLineMode(line[self.MAX_LENGTH + 1 :])


def line_vector(name, data, delimiter=b"\r\n", max_length=16384, script="plain", exceeded="close"):
    def make(events):
        protocol = ScriptedLines(events, script, exceeded)
        protocol.delimiter = delimiter
        protocol.MAX_LENGTH = max_length
        return protocol

    return {
        "name": name,
        "delimiter": text(delimiter),
        "maxLength": max_length,
        "script": script,
        "exceeded": exceeded,
        "input": compact(data),
        "runs": runs(make, data, pending=lambda p: p.clearLineBuffer()),
    }


TWISTED_LINE_TESTER_BUFFER = b"""\
len 10

0123456789len 5

1234
len 20
foo 123

0123456789
012345678len 0
foo 5

1234567890123456789012345678901234567890123456789012345678901234567890
len 1

a"""

LINES = [
    line_vector("simple lines", b"hello\r\nworld\r\n"),
    line_vector("empty lines", b"\r\n\r\n\r\nx\r\n\r\n"),
    line_vector("partial line at the end stays buffered", b"abc\r\ndef"),
    line_vector("lone carriage returns and newlines are line content", b"a\rb\r\n\r\r\n\n\r\n\r"),
    line_vector("every byte value", bytes(range(256)) + b"\r\n" + bytes(range(255, -1, -1)) + b"\r\n"),
    line_vector("newline delimiter", b"one\ntwo\n\nthree\r\nfour", delimiter=b"\n"),
    line_vector("multi-byte delimiter", b"a<END>b<EN<END><END>c<END", delimiter=b"<END>"),
    line_vector("self-overlapping delimiter", b"xABABABy|ABAAB|ABAB|AABABB|ABA", delimiter=b"ABAB"),
    line_vector("repeated-byte delimiter", b"a---b----c--d---", delimiter=b"---"),
    line_vector("line exactly at the maximum", b"12345678\r\n1\r\n", max_length=8),
    line_vector("line one over the maximum", b"123456789\r\n1\r\n", max_length=8),
    line_vector("unfinished line at the maximum plus a partial delimiter", b"12345678\r", max_length=8),
    line_vector("unfinished line at the maximum plus the delimiter length", b"1234567890", max_length=8),
    line_vector("short line then an unfinished long line", b"x\r\n" + b"y" * 20, max_length=6, exceeded="record"),
    line_vector("long lines with delimiters", (b"x" * 14 + b"\r\n") * 2, max_length=6, exceeded="record"),
    line_vector("long line after short lines closes", b"a\r\nb\r\n" + b"c" * 12 + b"\r\nd\r\n", max_length=6),
    line_vector("maximum zero accepts only empty lines", b"\r\n\r\nx\r\n", max_length=0, exceeded="record"),
    line_vector("default maximum accepts 16384 bytes", b"x" * 16384 + b"\r\n" + b"y" * 16385 + b"\r\n", exceeded="record"),
    line_vector("raw mode for a counted body", b"a\r\nraw 5\r\n12345b\r\nc\r\n", script="commands"),
    line_vector("raw mode body with several lines after it", b"raw 3\r\nxyzl1\r\nl2\r\nl3", script="commands"),
    line_vector("raw mode for good", b"a\r\nrawrest\r\nb\r\nc", script="commands"),
    line_vector("raw mode body of zero bytes", b"raw 0\r\na\r\n", script="commands"),
    line_vector("quit stops the rest of the chunk", b"a\r\nquit\r\nb\r\nc\r\n", script="commands"),
    line_vector("clear takes the rest of the buffer", b"a\r\nclear\r\nb\r\nc", script="commands"),
    line_vector("pause holds back buffered lines", b"a\r\npause\r\nb\r\npause\r\nc\r\nd", script="commands"),
    line_vector("stop holds back everything", b"a\r\nstop\r\nb\r\nc\r\n", script="commands"),
    line_vector("delimiter changed by a handler", b"a\r\ndelim ;\r\nb;c\r\n;d;", script="commands"),
    line_vector("flipping modes on every byte", b"x\nx" * 20, delimiter=b"\n", script="flip"),
    line_vector("Twisted LineTester buffer", TWISTED_LINE_TESTER_BUFFER, delimiter=b"\n", max_length=64, script="tester", exceeded="tester"),
    line_vector("Twisted pause buffer", b"twiddle1\ntwiddle2\npause\ntwiddle3\n", delimiter=b"\n", max_length=64, script="tester", exceeded="tester"),
    line_vector("Twisted raw pause buffer", b"twiddle1\ntwiddle2\nlen 5\nrawpause\n12345twiddle3\n", delimiter=b"\n", max_length=64, script="tester", exceeded="tester"),
    line_vector("Twisted stop buffer", b"twiddle1\ntwiddle2\nstop\nmore\nstuff\n", delimiter=b"\n", max_length=64, script="tester", exceeded="tester"),
    line_vector("Twisted LineOnlyReceiver buffer", b"foo\n    bleakness\n    desolation\n    plastic forks\n    ", delimiter=b"\n", max_length=64),
]

# --- IntNStringReceiver ------------------------------------------------------------------------------------------

RECEIVERS = {
    "int32": basic.Int32StringReceiver,
    "int16": basic.Int16StringReceiver,
    "int8": basic.Int8StringReceiver,
}


def scripted_prefixed(base):
    class Scripted(base):
        """Records strings; "quit" loses the connection, "pause" pauses, "stop" stops producing."""

        def __init__(self, events):
            self.events = events
            self.stopped = False

        def stringReceived(self, string):
            self.events.append(["string", compact(string)])
            if string == b"quit":
                self.transport.loseConnection()
            elif string == b"pause":
                self.pauseProducing()
            elif string == b"stop":
                self.stopped = True
                self.stopProducing()

        def lengthLimitExceeded(self, length):
            self.events.append(["limit", length])
            base.lengthLimitExceeded(self, length)

    return Scripted


def frame(receiver, *strings):
    fmt = RECEIVERS[receiver].structFormat
    return b"".join(struct.pack(fmt, len(s)) + s for s in strings)


def prefixed_vector(name, receiver, data, max_length=99999):
    cls = scripted_prefixed(RECEIVERS[receiver])

    def make(events):
        protocol = cls(events)
        protocol.MAX_LENGTH = max_length
        return protocol

    return {"name": name, "receiver": receiver, "maxLength": max_length, "input": compact(data), "runs": runs(make, data)}


PREFIXED = []
for r, prefix in (("int32", 4), ("int16", 2), ("int8", 1)):
    PREFIXED += [
        prefixed_vector(f"{r} Twisted strings", r, frame(r, b"a", b"b" * 16)),
        prefixed_vector(f"{r} empty strings", r, frame(r, b"", b"x", b"", b"")),
        prefixed_vector(f"{r} prefix only", r, frame(r, b"abc")[:prefix]),
        prefixed_vector(f"{r} partial prefix", r, frame(r, b"abc")[: prefix - 1]),
        prefixed_vector(f"{r} partial body", r, frame(r, b"abcdef")[:-1]),
        prefixed_vector(f"{r} Twisted partial hello there", r, b"hello there"),
        prefixed_vector(f"{r} length at the maximum", r, frame(r, b"0123456789", b"z"), max_length=10),
        prefixed_vector(f"{r} length over the maximum", r, frame(r, b"ok", b"0123456789A", b"never"), max_length=10),
        prefixed_vector(f"{r} quit does not stop the chunk", r, frame(r, b"a", b"quit", b"b", b"c")),
        prefixed_vector(f"{r} pause holds back strings", r, frame(r, b"a", b"pause", b"b", b"c") + frame(r, b"partial")[:-2]),
        prefixed_vector(f"{r} stop holds back everything", r, frame(r, b"a", b"stop", b"b")),
        prefixed_vector(f"{r} every byte value", r, frame(r, bytes(range(200)), bytes(range(255, 55, -1)))),
    ]
PREFIXED += [
    prefixed_vector("int32 Twisted illegal string", "int32", b"\x10\x00\x00\x00aaaaaa", max_length=50),
    prefixed_vector("int16 Twisted illegal string", "int16", b"\x10\x00aaaaaa", max_length=50),
    prefixed_vector("int8 Twisted illegal string", "int8", b"\x00\x00aaaaaa" + b"\x33" + b"a" * 51, max_length=50),
    prefixed_vector("int32 largest prefix", "int32", b"\xff\xff\xff\xffabc"),
    prefixed_vector("int32 default maximum plus one", "int32", struct.pack("!I", 100000) + b"x"),
    prefixed_vector("int8 longest string", "int8", frame("int8", b"m" * 255, b"n")),
    prefixed_vector("int16 long string", "int16", frame("int16", b"q" * 1000, b"r")),
]

# --- NetstringReceiver -------------------------------------------------------------------------------------------

KINDS = {
    basic.NetstringReceiver._MISSING_LENGTH: "missing-length",
    basic.NetstringReceiver._MISSING_COMMA: "missing-comma",
}


class ScriptedNetstrings(basic.NetstringReceiver):
    """Records strings and parse errors; "quit" loses the connection."""

    def __init__(self, events):
        self.events = events
        self.stopped = False

    def stringReceived(self, string):
        self.events.append(["string", compact(string)])
        if string == b"quit":
            self.transport.loseConnection()

    def _consumeData(self):
        try:
            return basic.NetstringReceiver._consumeData(self)
        except basic.NetstringParseError as error:
            message = str(error)
            self.events.append(["parseError", KINDS.get(message, "too-long" if "longer than the maximum" in message else message)])
            raise


def netstring_vector(name, data, max_length=99999):
    def make(events):
        protocol = ScriptedNetstrings(events)
        protocol.MAX_LENGTH = max_length
        return protocol

    return {"name": name, "maxLength": max_length, "input": compact(data), "runs": runs(make, data)}


TWISTED_NETSTRINGS = [b"hello", b"world", b"how", b"are", b"you123", b":today", b"a" * 515]

NETSTRINGS = [
    netstring_vector("Twisted strings", b"".join(basic._formatNetstring(s) for s in TWISTED_NETSTRINGS), max_length=699),
    netstring_vector("empty netstring", b"0:,"),
    netstring_vector("one and two characters", b"1:a,2:ab,"),
    netstring_vector("nested netstring", b"4:1:a,,"),
    netstring_vector("length split from its colon", b"10:0123456789,"),
    netstring_vector("trailing length without payload", b"1:a,1"),
    netstring_vector("every byte value", basic._formatNetstring(bytes(range(256)))),
    netstring_vector("more data than specified", b"2:aaa,"),
    netstring_vector("data in an empty netstring", b"0:a,"),
    netstring_vector("missing number", b":aaa,"),
    netstring_vector("missing colon", b"3aaa,"),
    netstring_vector("missing number and colon", b"aaa,"),
    netstring_vector("only data", b"aaa"),
    netstring_vector("leading zero", b"01:a,"),
    netstring_vector("double zero", b"00:"),
    netstring_vector("sign before the length", b"+1:a,"),
    netstring_vector("space before the length", b" 1:a,"),
    netstring_vector("huge length without colon", b"9999999999999999999999"),
    netstring_vector("huge length then a letter", b"9999999999999999999999x"),
    netstring_vector("huge length with colon", b"9999999999999999999999:a,"),
    netstring_vector("length over the maximum", b"51:" + b"a" * 50 + b"b,", max_length=50),
    netstring_vector("length at the maximum", b"12:" + b"c" * 12 + b",", max_length=12),
    netstring_vector("length one over the maximum", b"13:" + b"c" * 13 + b",", max_length=12),
    netstring_vector("default maximum plus one", b"100000:x"),
    netstring_vector("length then newline waits", b"12\n"),
    netstring_vector("zero then newline waits", b"0\n"),
    netstring_vector("length then newline then data", b"12\nx"),
    netstring_vector("valid netstrings then a missing comma", b"1:a,1:b;1:c,"),
    netstring_vector("valid netstring then garbage", b"1:a,zz"),
    netstring_vector("quit does not stop the chunk", b"4:quit,1:a,1:b,"),
]

# --- Fuzzed vectors: random mixtures of delimiters, partial delimiters, commands and bytes, from fixed seeds ---


def pick(rng, items):
    return items[rng.next(0, len(items))]


def fuzz_lines(seed):
    rng = SeededRandom(1000 + seed)
    delimiter = pick(rng, [b"\r\n", b"\n", b"ABA", b"xx", b"<END>"])
    script = pick(rng, ["plain", "commands", "commands"])
    exceeded = pick(rng, ["close", "record", "tester"])
    max_length = pick(rng, [0, 3, 6, 12, 16384])
    pieces = [delimiter, delimiter, delimiter[:-1], delimiter[1:], b"a", b"b", b"A", b"x", b"\r", b"\n", b"hello"]
    if script == "commands":
        pieces += [b"raw 3" + delimiter, b"raw 0" + delimiter, b"pause" + delimiter, b"clear" + delimiter, b"quit" + delimiter]
    data = b"".join(pick(rng, pieces) for _ in range(rng.next(5, 40)))
    return line_vector(f"fuzz {seed}", data, delimiter=delimiter, max_length=max_length, script=script, exceeded=exceeded)


def fuzz_prefixed(seed):
    rng = SeededRandom(2000 + seed)
    receiver = pick(rng, ["int32", "int16", "int8"])
    max_length = pick(rng, [0, 4, 10, 99999])
    parts = []
    for _ in range(rng.next(1, 12)):
        kind = rng.next(0, 10)
        if kind == 0:
            parts.append(bytes(rng.next(0, 256) for _ in range(rng.next(1, 4))))
        else:
            payload = pick(rng, [b"", b"a", b"quit", b"pause", b"0123456789", b"z" * rng.next(0, 30)])
            parts.append(frame(receiver, payload))
    return prefixed_vector(f"fuzz {seed}", receiver, b"".join(parts), max_length=max_length)


def fuzz_netstrings(seed):
    rng = SeededRandom(3000 + seed)
    max_length = pick(rng, [1, 5, 12, 99999])
    pieces = [b"1:a,", b"0:,", b"5:hello,", b"4:quit,", b"12:", b"1", b"0", b":", b",", b"\n", b"x", b"10:0123456789,"]
    data = b"".join(pick(rng, pieces) for _ in range(rng.next(1, 15)))
    return netstring_vector(f"fuzz {seed}", data, max_length=max_length)


LINES += [fuzz_lines(i) for i in range(40)]
PREFIXED += [fuzz_prefixed(i) for i in range(30)]
NETSTRINGS += [fuzz_netstrings(i) for i in range(40)]

# --- Writes -----------------------------------------------------------------------------------------------------


def written(make, send, payload):
    transport = StringTransport()
    protocol = make()
    protocol.makeConnection(transport)
    try:
        send(protocol, payload)
    except basic.StringTooLongError:
        return {"error": "too-long"}
    return {"written": text(transport.value())}


def send_line(delimiter, line):
    def make():
        protocol = basic.LineReceiver()
        protocol.delimiter = delimiter
        return protocol

    return {"kind": "line", "delimiter": text(delimiter), "data": text(line), **written(make, lambda p, d: p.sendLine(d), line)}


def send_string(receiver, string):
    cls = basic.NetstringReceiver if receiver == "netstring" else RECEIVERS[receiver]
    return {"kind": receiver, "data": compact(string), **written(cls, lambda p, d: p.sendString(d), string)}


SENDS = [
    send_line(b"\r\n", b"hello"),
    send_line(b"\r\n", b""),
    send_line(b"\n", b"a\r"),
    send_line(b"<END>", b"x<END>y"),
    send_line(b"\r\n", bytes(range(256))),
    send_line(b"\r\n", b"z" * 300),
]
for r in ("int32", "int16", "int8", "netstring"):
    SENDS += [send_string(r, b""), send_string(r, b"foo"), send_string(r, bytes(range(255))), send_string(r, b"w" * 256)]
SENDS += [send_string("int16", b"v" * 65536), send_string("netstring", b"a" * 515), send_string("netstring", b"1:a,")]


def dump(name, vectors):
    document = {
        "generator": f"Trial.Tests/Framing/Vectors/generate.py with Twisted {twisted.__version__}",
        "chunkings": CHUNKINGS,
        "vectors": vectors,
    }
    # One vector a line: small files that still diff well.
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(f' "generator": {json.dumps(document["generator"])},\n')
        f.write(f' "chunkings": {json.dumps(document["chunkings"])},\n')
        f.write(' "vectors": [\n')
        f.write(",\n".join("  " + json.dumps(v, ensure_ascii=True, separators=(",", ":")) for v in vectors))
        f.write("\n ]\n}\n")


if __name__ == "__main__":
    dump("lines.json", LINES)
    dump("prefixed.json", PREFIXED)
    dump("netstrings.json", NETSTRINGS)
    dump("sends.json", SENDS)
