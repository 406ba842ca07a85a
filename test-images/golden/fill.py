#!/usr/bin/env python3
"""Writes the golden data pattern into LVs of image files, where real LVM2's own report says their bytes live.

    fill.py REPORT LV=PATTERN...

REPORT holds three blocks of `--noheadings --separator '|' --units b --nosuffix` output of real LVM2, separated by
lines "--": `vgs -o vg_extent_size`, `pvs -o pv_name,pe_start`, `lvs -a -o lv_name,seg_start_pe,seg_size_pe,
devices,stripes,stripe_size` (device names already the image files). LV=PATTERN writes the pattern named PATTERN
over the whole of LV (an [hidden] LV is named without brackets). The pattern (GoldenImagesTest.pattern): block i
(4096 bytes) of pattern P is "P %08d\n" % i repeated and cut to 4096 bytes.
"""
import sys

BLOCK = 4096


def block(name, i):
    line = ("%s %08d\n" % (name, i)).encode()
    return (line * (BLOCK // len(line) + 1))[:BLOCK]


def main():
    report = open(sys.argv[1]).read().split("--\n")
    rows = [[[f.strip() for f in l.split("|")] for l in b.splitlines() if l.strip()] for b in report]
    ext = int(rows[0][0][0])
    pe_start = {r[0]: int(r[1]) for r in rows[1]}
    segs = {}
    for name, start, size, devices, stripes, stripe_size in rows[2]:
        areas = []
        for d in devices.split(","):
            p = d.rindex("(")
            areas.append((d[:p], int(d[p + 1:-1])))
        assert len(areas) == int(stripes), devices
        segs.setdefault(name.strip("[]"), []).append((int(start), int(size), areas, int(stripe_size)))
    files = {}
    for arg in sys.argv[2:]:
        lv, pattern = arg.split("=")
        for start, size, areas, ss in segs[lv]:
            n = len(areas)
            chunk = ss if n > 1 else size * ext
            for off in range(0, size * ext, BLOCK):  # offset inside the segment
                c, within = divmod(off, chunk)
                row, stripe = divmod(c, n)
                img, pe = areas[stripe]
                at = pe_start[img] + pe * ext + row * chunk + within
                f = files.get(img) or files.setdefault(img, open(img, "r+b"))
                f.seek(at)
                f.write(block(pattern, (start * ext + off) // BLOCK))
    for f in files.values():
        f.close()


if __name__ == "__main__":
    main()
