#!/usr/bin/env python3
"""Writes an Apple .icns from PNG files (PNG-compressed entries, macOS 10.7+): make_icns.py OUT.icns PNG..."""
import struct
import sys

# Edge length in pixels -> ICNS entry types holding a PNG of that size (1x and the 2x variant of half size).
TYPES = {16: [b"icp4"], 32: [b"icp5", b"ic11"], 64: [b"icp6", b"ic12"], 128: [b"ic07"],
         256: [b"ic08", b"ic13"], 512: [b"ic09", b"ic14"], 1024: [b"ic10"]}


def png_size(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("not a PNG")
    return struct.unpack(">II", data[16:24])


def main():
    out, pngs = sys.argv[1], sys.argv[2:]
    body = b""
    for path in pngs:
        data = open(path, "rb").read()
        w, h = png_size(data)
        if w != h or w not in TYPES:
            raise SystemExit(f"{path}: {w}x{h} is not an ICNS size")
        for t in TYPES[w]:
            body += t + struct.pack(">I", len(data) + 8) + data
    with open(out, "wb") as f:
        f.write(b"icns" + struct.pack(">I", len(body) + 8) + body)


if __name__ == "__main__":
    main()
