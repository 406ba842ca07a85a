#!/usr/bin/env python3
"""Reads a `ulvm vgcfgbackup -f FILE` text (LVM2 metadata) for bench/pvmove.sh.

  pvmove_meta.py extent BACKUP LV         -> "DEVICE OFFSET LENGTH" (bytes) of the LV's only segment on a PV
  pvmove_meta.py pestart BACKUP DEVICE    -> byte offset of the first PE on that PV image
  pvmove_meta.py moved BACKUP LV LVBIN SYSDIR -> "MOVED TOTAL EXTENT_BYTES ON_DEST_BEYOND" for the pvmove LV moving LV:
      the last checkpoint (extents_moved, or further on the progress record SYSDIR/pvmove/LVID.progress where it is
      trusted, as move.MoveRecord trusts it), the extents to move, and the bytes already on the destination past the
      checkpoint (4 KiB pages equal to LV's data in LVBIN): what a resume copies again.
"""
import os
import re
import sys
import zlib

TOKEN = re.compile(r'\s*(?:#[^\n]*|("(?:[^"\\]|\\.)*")|(-?\d+)|([A-Za-z_][\w.+-]*)|(.))', re.S)


def tokens(text):
    for m in TOKEN.finditer(text):
        s, n, w, p = m.groups()
        if s is not None:
            yield ("s", s[1:-1])
        elif n is not None:
            yield ("n", int(n))
        elif w is not None:
            yield ("w", w)
        elif p is not None and not p.isspace():
            yield ("p", p)


def parse(toks, top=True):
    """A section: {name: value or section}; lists become Python lists."""
    out = {}
    for kind, v in toks:
        if kind == "p" and v == "}":
            return out
        if kind != "w":
            continue
        k2, v2 = next(toks)
        if v2 == "{":
            out[v] = parse(toks, False)
        elif v2 == "=":
            k3, v3 = next(toks)
            if v3 == "[":
                lst = []
                for k4, v4 in toks:
                    if v4 == "]":
                        break
                    if k4 in ("s", "n"):
                        lst.append(v4)
                out[v] = lst
            else:
                out[v] = v3
    return out


def load(path):
    return parse(iter(list(tokens(open(path).read()))))


def the_vg(meta):
    return next(v for v in meta.values() if isinstance(v, dict) and "physical_volumes" in v)


def pv_start(vg, pv_key):
    pv = vg["physical_volumes"][pv_key]
    return pv["device"], pv["pe_start"] * 512


def segments(lv):
    return [v for k, v in sorted(lv.items(), key=lambda kv: kv[0]) if k.startswith("segment") and isinstance(v, dict)]


def cmd_extent(vg, lv_name):
    ext = vg["extent_size"] * 512
    segs = segments(vg["logical_volumes"][lv_name])
    if len(segs) != 1 or segs[0]["stripe_count"] != 1:
        sys.exit(f"pvmove_meta: {lv_name} is not one linear segment")
    pv_key, pe = segs[0]["stripes"]
    dev, start = pv_start(vg, pv_key)
    print(dev, start + pe * ext, segs[0]["extent_count"] * ext)


def cmd_pestart(vg, device):
    for key, pv in vg["physical_volumes"].items():
        if pv["device"] == device:
            print(pv["pe_start"] * 512)
            return
    sys.exit(f"pvmove_meta: no PV {device}")


def record(sysdir, vg, mover_name, mover):
    """The trusted entry of the pvmove LV's progress record (move.MoveRecord), as a dict, or None."""
    uuid = lambda x: x["id"].replace("-", "")  # the record names uuids without LVM2's dashes
    path = os.path.join(sysdir, "pvmove", uuid(mover) + ".progress")
    if not os.path.exists(path):
        return None
    best = None
    with open(path, "rb") as f:
        raw = f.read(8192)
    for slot in (raw[:4096], raw[4096:8192]):
        line = slot.split(b"\n", 1)[0].decode("ascii", "replace")
        if " crc=" not in line or not slot[len(line):len(line) + 1] == b"\n":
            continue
        body, crc = line.rsplit(" crc=", 1)
        if f"{zlib.crc32(body.encode()):08x}" != crc or not body.startswith("ulvm-pvmove-progress "):
            continue
        e = dict(kv.split("=", 1) for kv in body.split(" ")[1:])
        if best is None or int(e["gen"]) > int(best["gen"]):
            best = e
    if best is None or best["vg"] != uuid(vg) or best["lv"] != uuid(mover) or int(best["seqno"]) > vg["seqno"]:
        return None
    segs = segments(mover)
    running = next((i for i, s in enumerate(segs) if s["type"] == "mirror" and s.get("extents_moved", 0) < s["extent_count"]), -1)
    if running != int(best["seg"]):
        return None
    s = segs[running]
    if s["start_extent"] != int(best["start"]) or s["extent_count"] != int(best["count"]):
        return None
    if not s.get("extents_moved", 0) < int(best["moved"]) < s["extent_count"]:
        return None
    return best


def cmd_moved(vg, lv_name, lvbin, sysdir=None):
    ext = vg["extent_size"] * 512
    lvs = vg["logical_volumes"]
    # the LV's segments now point into the pvmove LV: pvmove extent -> LV extent
    to_lv = {}
    mover = None
    for seg in segments(lvs[lv_name]):
        area, le = seg["stripes"][0], seg["stripes"][1]
        if area in lvs and "PVMOVE" in lvs[area].get("status", []):
            mover = area
            for i in range(seg["extent_count"]):
                to_lv[le + i] = seg["start_extent"] + i
    if mover is None:
        print(0, 0, ext, 0)
        return
    rec = record(sysdir, vg, mover, lvs[mover]) if sysdir else None
    moved = total = beyond = 0
    page = 4096
    with open(lvbin, "rb") as data:
        for i, seg in enumerate(segments(lvs[mover])):
            if seg["type"] != "mirror":
                continue
            done, count = seg.get("extents_moved", 0), seg["extent_count"]
            if rec and int(rec["seg"]) == i:
                done = int(rec["moved"])
            moved += done
            total += count
            dst_key, dst_pe = seg["mirrors"][2], seg["mirrors"][3]
            dev, start = pv_start(vg, dst_key)
            with open(dev, "rb") as dst:
                for e in range(done, count):
                    dst.seek(start + (dst_pe + e) * ext)
                    got = dst.read(ext)
                    if got.count(0) == len(got):
                        continue  # a hole: nothing copied here
                    data.seek(to_lv[seg["start_extent"] + e] * ext)
                    want = data.read(ext)
                    beyond += page * sum(got[i:i + page] == want[i:i + page] for i in range(0, ext, page))
    print(moved, total, ext, beyond)


def main():
    cmd, backup = sys.argv[1], sys.argv[2]
    vg = the_vg(load(backup))
    {"extent": lambda: cmd_extent(vg, sys.argv[3]),
     "pestart": lambda: cmd_pestart(vg, sys.argv[3]),
     "moved": lambda: cmd_moved(vg, sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None)}[cmd]()


if __name__ == "__main__":
    main()
