#!/usr/bin/env python3
"""Checks that each chart of a Groundwork report drew something in a headless-Chromium screenshot.

Usage: png_regions.py SCREENSHOT.png LAYOUT.json [--crops DIR] [--expect N]

LAYOUT.json holds the charts' boxes in CSS pixels, as the layout probe of check-report.sh
wrote it: {"height": ..., "charts": [{"id", "title", "x", "y", "width", "height"}, ...]}.
For each box the script counts the pixels that are not near-white and the distinct colours;
a chart passes when at least 2% of its box is ink and it has at least 3 colours (axes, text
and at least one series). With CROP_DIR each chart's region is also written as a PNG there
(for a person to look at); with --expect the layout must list exactly N charts, each with
a title. Only the standard library: the PNG is decoded with zlib.
"""
import argparse
import json
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos = 8
    chunks = []
    width = height = bit_depth = colour_type = interlace = None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, bit_depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        elif kind == b"IEND":
            break
    if bit_depth != 8 or colour_type not in (2, 6) or interlace != 0:
        raise SystemExit(f"{path}: unsupported PNG (depth {bit_depth}, colour type {colour_type}, interlace {interlace})")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    i = 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        if kind == 1:
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 0xFF
        elif kind == 2:
            for x in range(stride):
                line[x] = (line[x] + previous[x]) & 0xFF
        elif kind == 3:
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + ((left + previous[x]) >> 1)) & 0xFF
        elif kind == 4:
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def write_png(path, width, height, channels, rows):
    colour_type = 2 if channels == 3 else 6
    raw = b"".join(b"\x00" + row for row in rows)

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("screenshot")
    parser.add_argument("layout")
    parser.add_argument("--crops")
    parser.add_argument("--expect", type=int)
    arguments = parser.parse_args()
    width, height, channels, rows = read_png(arguments.screenshot)
    with open(arguments.layout, encoding="utf-8") as f:
        layout = json.load(f)["charts"]
    crops = arguments.crops
    failures = 0
    if not layout:
        print("FAIL: the layout lists no charts")
        return 1
    if arguments.expect is not None and len(layout) != arguments.expect:
        print(f"FAIL: {len(layout)} charts, expected {arguments.expect}")
        failures += 1
    for box in layout:
        if not (box.get("title") or "").strip():
            print(f"FAIL {box['id']}: no title")
            failures += 1
    for index, box in enumerate(layout):
        x0, y0 = max(0, int(box["x"])), max(0, int(box["y"]))
        x1, y1 = min(width, int(box["x"] + box["width"])), min(height, int(box["y"] + box["height"]))
        if x1 - x0 < 10 or y1 - y0 < 10:
            print(f"FAIL {box['id']}: outside the screenshot ({box})")
            failures += 1
            continue
        ink = 0
        colours = set()
        for y in range(y0, y1):
            row = rows[y]
            for x in range(x0, x1):
                p = x * channels
                r, g, b = row[p], row[p + 1], row[p + 2]
                if r < 235 or g < 235 or b < 235:
                    ink += 1
                    colours.add((r >> 4, g >> 4, b >> 4))
        share = ink / ((x1 - x0) * (y1 - y0))
        ok = share >= 0.02 and len(colours) >= 3
        print(f"{'ok  ' if ok else 'FAIL'} {box['id']}: {share:.1%} ink, {len(colours)} colours — {box['title']}")
        failures += 0 if ok else 1
        if crops:
            crop = [rows[y][x0 * channels:x1 * channels] for y in range(y0, y1)]
            write_png(f"{crops}/{index + 1:02d}-{box['id']}.png", x1 - x0, y1 - y0, channels, crop)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
