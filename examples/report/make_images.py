#!/usr/bin/env python3
"""Make the images of the example report: four charts, the cover, the logo, two author photos.

Python 3 standard library only. Each image is first written as a small hand-made PDF (vector
paths, text in Noto Sans, for the cover also a pixel layer computed here) and then rasterised
with poppler's pdftoppm, which must be installed (Debian: poppler-utils).

    python3 examples/report/make_images.py          # writes the images next to this script

The data in the charts are invented for the example; they match the tables of report.md.
"""

import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# Helvetica and Helvetica-Bold advance widths (Adobe AFM), characters 32..126.
_HELV = [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
         556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
         1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
         667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
         333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
         556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584]
_HELV_BOLD = [278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
              556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
              975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
              667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
              333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
              611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584]


def _find_font(pattern):
    """The file of an installed font (fontconfig), or None."""
    try:
        r = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                           text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    path = r.stdout.strip()
    return path if path.lower().endswith(".ttf") and os.path.isfile(path) else None


def _ttf_widths(path):
    """Advance widths (per 1000 em) of characters 32..126 in a TrueType font, from its
    cmap (format 4, Windows Unicode) and hmtx tables."""
    with open(path, "rb") as fh:
        data = fh.read()
    u16 = lambda o: struct.unpack_from(">H", data, o)[0]
    tables = {}
    for i in range(u16(4)):
        tag, _, off, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag.decode("latin-1")] = off
    units = u16(tables["head"] + 18)
    n_metrics = u16(tables["hhea"] + 34)
    cmap = tables["cmap"]
    sub = None
    for i in range(u16(cmap + 2)):
        pid, eid, off = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        if pid == 3 and eid == 1 and u16(cmap + off) == 4:
            sub = cmap + off
    if sub is None:
        return None
    segs = u16(sub + 6) // 2
    ends = sub + 14
    starts = ends + 2 * segs + 2
    deltas = starts + 2 * segs
    ranges = deltas + 2 * segs

    def glyph(c):
        for s in range(segs):
            if u16(ends + 2 * s) >= c:
                if u16(starts + 2 * s) > c:
                    return 0
                ro = u16(ranges + 2 * s)
                if ro == 0:
                    return (c + u16(deltas + 2 * s)) & 0xFFFF
                g = u16(ranges + 2 * s + ro + 2 * (c - u16(starts + 2 * s)))
                return (g + u16(deltas + 2 * s)) & 0xFFFF if g else 0
        return 0

    def advance(g):
        return u16(tables["hmtx"] + 4 * min(g, n_metrics - 1))

    return [round(advance(glyph(c)) * 1000 / units) for c in range(32, 127)]


# The charts' font: Noto Sans (embedded, as quire sets its text in Noto) when fontconfig finds
# it, else Helvetica (not embedded; the renderer substitutes a font of its own).
FONTS = {}
for _bold, _pattern, _fallback, _afm in ((False, "Noto Sans:style=Regular", "Helvetica", _HELV),
                                         (True, "Noto Sans:style=Bold", "Helvetica-Bold",
                                          _HELV_BOLD)):
    _path = _find_font(_pattern)
    _widths = _ttf_widths(_path) if _path else None
    FONTS[_bold] = (_path, _widths) if _widths else (None, _afm)
    FONTS[(_bold, "name")] = ("NotoSans-Bold" if _bold else "NotoSans-Regular") if _widths \
        else _fallback


def text_width(s, size, bold=False):
    table = FONTS[bold][1]
    return sum(table[ord(c) - 32] if 32 <= ord(c) <= 126 else 556 for c in s) * size / 1000


def hex_rgb(h):
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


def num(v):
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


class Canvas:
    """A PDF page being drawn: y grows upwards from the bottom, as in PDF."""

    def __init__(self, width, height):
        self.w, self.h = width, height
        self.ops = []
        self.images = {}     # name -> (px width, px height, RGB bytes)
        self.shadings = {}   # name -> dict source
        self.alphas = {}     # name -> fill alpha

    def op(self, *parts):
        self.ops.append(" ".join(parts))

    def fill_color(self, c):
        self.op(*(num(v) for v in hex_rgb(c)), "rg")

    def stroke_color(self, c):
        self.op(*(num(v) for v in hex_rgb(c)), "RG")

    def alpha(self, a):
        name = f"GA{len(self.alphas)}"
        self.alphas[name] = a
        self.op(f"/{name}", "gs")

    def rect(self, x, y, w, h, fill):
        self.fill_color(fill)
        self.op(num(x), num(y), num(w), num(h), "re", "f")

    def line(self, x0, y0, x1, y1, color, width=1.0, dash=None):
        self.op("q")
        self.stroke_color(color)
        self.op(num(width), "w", "0 J")
        if dash:
            self.op("[" + " ".join(num(d) for d in dash) + "]", "0", "d")
        self.op(num(x0), num(y0), "m", num(x1), num(y1), "l", "S", "Q")

    def polyline(self, pts, color, width=1.0, dash=None):
        self.op("q")
        self.stroke_color(color)
        self.op(num(width), "w", "1 j", "1 J")
        if dash:
            self.op("[" + " ".join(num(d) for d in dash) + "]", "0", "d")
        self.op(num(pts[0][0]), num(pts[0][1]), "m")
        for x, y in pts[1:]:
            self.op(num(x), num(y), "l")
        self.op("S", "Q")

    def polygon(self, pts, fill):
        self.fill_color(fill)
        self.op(num(pts[0][0]), num(pts[0][1]), "m")
        for x, y in pts[1:]:
            self.op(num(x), num(y), "l")
        self.op("h", "f")

    def circle(self, cx, cy, r, fill=None, stroke=None, width=1.0):
        k = 0.5523 * r
        path = [num(cx + r), num(cy), "m",
                num(cx + r), num(cy + k), num(cx + k), num(cy + r), num(cx), num(cy + r), "c",
                num(cx - k), num(cy + r), num(cx - r), num(cy + k), num(cx - r), num(cy), "c",
                num(cx - r), num(cy - k), num(cx - k), num(cy - r), num(cx), num(cy - r), "c",
                num(cx + k), num(cy - r), num(cx + r), num(cy - k), num(cx + r), num(cy), "c"]
        self.op("q")
        if fill:
            self.fill_color(fill)
        if stroke:
            self.stroke_color(stroke)
            self.op(num(width), "w")
        self.op(*path, "B" if fill and stroke else ("f" if fill else "S"), "Q")

    def text(self, x, y, s, size=11, color="#222222", bold=False, anchor="start", angle=0):
        w = text_width(s, size, bold)
        shift = {"start": 0, "middle": w / 2, "end": w}[anchor]
        esc = s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        font = "/F2" if bold else "/F1"
        self.op("q")
        self.fill_color(color)
        if angle:
            a = math.radians(angle)
            c, si = math.cos(a), math.sin(a)
            tx, ty = x - shift * c, y - shift * si
            self.op("BT", font, num(size), "Tf", num(c), num(si), num(-si), num(c), num(tx),
                    num(ty), "Tm", f"({esc})", "Tj", "ET")
        else:
            self.op("BT", font, num(size), "Tf", num(x - shift), num(y), "Td", f"({esc})", "Tj",
                    "ET")
        self.op("Q")

    def image(self, name, px_w, px_h, rgb, x, y, w, h):
        self.images[name] = (px_w, px_h, rgb)
        self.op("q", num(w), "0 0", num(h), num(x), num(y), "cm", f"/{name}", "Do", "Q")

    def axial(self, name, x0, y0, x1, y1, c0, c1):
        """Registers an axial shading from c0 to c1; paint it with shade()."""
        self.shadings[name] = (
            f"<< /ShadingType 2 /ColorSpace /DeviceRGB /Extend [true true] "
            f"/Coords [{num(x0)} {num(y0)} {num(x1)} {num(y1)}] "
            f"/Function << /FunctionType 2 /Domain [0 1] /N 1 "
            f"/C0 [{' '.join(num(v) for v in hex_rgb(c0))}] "
            f"/C1 [{' '.join(num(v) for v in hex_rgb(c1))}] >> >>")

    def radial(self, name, cx, cy, r, c0, c1):
        self.shadings[name] = (
            f"<< /ShadingType 3 /ColorSpace /DeviceRGB /Extend [true true] "
            f"/Coords [{num(cx)} {num(cy)} 0 {num(cx)} {num(cy)} {num(r)}] "
            f"/Function << /FunctionType 2 /Domain [0 1] /N 1 "
            f"/C0 [{' '.join(num(v) for v in hex_rgb(c0))}] "
            f"/C1 [{' '.join(num(v) for v in hex_rgb(c1))}] >> >>")

    def shade(self, name):
        self.op(f"/{name}", "sh")

    def save(self, path):
        objs = []  # bodies of objects 1..n

        def add(body):
            objs.append(body)
            return len(objs)

        def font(bold):
            path, widths = FONTS[bold]
            name = FONTS[(bold, "name")]
            desc = ""
            if path:
                with open(path, "rb") as fh:
                    ttf = fh.read()
                packed = zlib.compress(ttf, 6)
                ff = add(f"<< /Length {len(packed)} /Length1 {len(ttf)} /Filter /FlateDecode >>"
                         f"\nstream\n".encode() + packed + b"\nendstream")
                fd = add(f"<< /Type /FontDescriptor /FontName /{name} /Flags 32 "
                         f"/FontBBox [-600 -300 1300 1100] /ItalicAngle 0 /Ascent 1069 "
                         f"/Descent -293 /CapHeight 714 /StemV {120 if bold else 80} "
                         f"/FontFile2 {ff} 0 R >>".encode())
                desc = f" /FontDescriptor {fd} 0 R"
            return add(f"<< /Type /Font /Subtype /{'TrueType' if path else 'Type1'} "
                       f"/BaseFont /{name} /Encoding /WinAnsiEncoding /FirstChar 32 "
                       f"/LastChar 126 /Widths [{' '.join(str(v) for v in widths)}]{desc} >>"
                       .encode())

        f1 = font(False)
        f2 = font(True)
        xobjs = {}
        for name, (pw, ph, rgb) in self.images.items():
            data = zlib.compress(rgb, 6)
            xobjs[name] = add(
                f"<< /Type /XObject /Subtype /Image /Width {pw} /Height {ph} "
                f"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode "
                f"/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream")
        res = f"/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"
        if xobjs:
            res += " /XObject << " + " ".join(f"/{n} {i} 0 R" for n, i in xobjs.items()) + " >>"
        if self.shadings:
            res += " /Shading << " + " ".join(
                f"/{n} {s}" for n, s in self.shadings.items()) + " >>"
        if self.alphas:
            res += " /ExtGState << " + " ".join(
                f"/{n} << /ca {num(a)} /CA {num(a)} >>" for n, a in self.alphas.items()) + " >>"
        content = zlib.compress("\n".join(self.ops).encode("latin-1"))
        c = add(f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() +
                content + b"\nendstream")
        pages_num = len(objs) + 2
        page = add(f"<< /Type /Page /Parent {pages_num} 0 R /MediaBox [0 0 {num(self.w)} "
                   f"{num(self.h)}] /Resources << {res} >> /Contents {c} 0 R >>".encode())
        add(f"<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>".encode())
        cat = add(f"<< /Type /Catalog /Pages {pages_num} 0 R >>".encode())
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objs, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
        for off in offsets:
            out += f"{off:010d} 00000 n \n".encode()
        out += (f"trailer\n<< /Size {len(objs) + 1} /Root {cat} 0 R >>\nstartxref\n{xref}\n"
                f"%%EOF\n").encode()
        with open(path, "wb") as fh:
            fh.write(out)


def rasterise(canvas, out_name, fmt="png", dpi=200, scale_to=None, quality=85):
    """Writes the canvas as a PDF in a temporary folder and rasterises it into HERE."""
    with tempfile.TemporaryDirectory() as tmp:
        pdf = os.path.join(tmp, "page.pdf")
        canvas.save(pdf)
        base = os.path.join(tmp, "out")
        cmd = ["pdftoppm", "-singlefile", "-aa", "yes", "-aaVector", "yes"]
        if scale_to:
            cmd += ["-scale-to-x", str(scale_to[0]), "-scale-to-y", str(scale_to[1])]
        else:
            cmd += ["-r", str(dpi)]
        if fmt == "png":
            cmd += ["-png"]
        else:
            cmd += ["-jpeg", "-jpegopt", f"quality={quality},optimize=y,progressive=n"]
        subprocess.run(cmd + [pdf, base], check=True)
        ext = "png" if fmt == "png" else "jpg"
        target = os.path.join(HERE, out_name)
        os.replace(f"{base}.{ext}", target)
    print(f"{out_name}: {os.path.getsize(target) // 1024} KB")


# Flat, print-friendly colours (after Okabe and Ito), distinguishable in grey by lightness.
NAVY = "#1f4e79"
BLUE = "#3b82b8"
SKY = "#8cc3e3"
GREEN = "#2f8f6b"
ORANGE = "#e39b2d"
VERMILION = "#c8553d"
GREY = "#7a7f87"
INK = "#222222"
GRID = "#d9dde2"
AXIS = "#555a61"


class Plot:
    """A chart's plot area with linear axes."""

    def __init__(self, cv, left, bottom, right, top, xmin, xmax, ymin, ymax):
        self.cv = cv
        self.l, self.b, self.r, self.t = left, bottom, right, top
        self.xmin, self.xmax, self.ymin, self.ymax = xmin, xmax, ymin, ymax

    def x(self, v):
        return self.l + (v - self.xmin) / (self.xmax - self.xmin) * (self.r - self.l)

    def y(self, v):
        return self.b + (v - self.ymin) / (self.ymax - self.ymin) * (self.t - self.b)

    def y_axis(self, step, label, fmt="{:g}"):
        v = self.ymin
        while v <= self.ymax + 1e-9:
            yy = self.y(v)
            self.cv.line(self.l, yy, self.r, yy, AXIS if v == self.ymin else GRID,
                         0.8 if v == self.ymin else 0.6)
            self.cv.text(self.l - 7, yy - 3.8, fmt.format(v), 10.5, AXIS, anchor="end")
            v += step
        self.cv.text(self.l - 44, (self.b + self.t) / 2, label, 10.5, AXIS, anchor="middle",
                     angle=90)


def legend(cv, x, y, items, kind="box", size=10.5, gap=18):
    """Items (label, colour[, dash]) in a row from (x, y); returns the row's end."""
    for item in items:
        label, color = item[0], item[1]
        dash = item[2] if len(item) > 2 else None
        if kind == "box":
            cv.rect(x, y - 1, 10, 10, color)
            x += 14
        else:
            cv.line(x, y + 4, x + 22, y + 4, color, 2.4, dash)
            x += 27
        cv.text(x, y, label, size, INK)
        x += text_width(label, size) + gap
    return x


# Chart data (invented). Electricity demand, TWh a year.
YEARS_HIST = list(range(2015, 2026))
DEMAND = {
    "Kazakhstan": ([91, 93, 96, 100, 103, 101, 108, 110, 112, 115, 117], 165),
    "Uzbekistan": ([57, 59, 61, 63, 65, 66, 70, 73, 76, 80, 83], 142),
    "Kyrgyzstan, Tajikistan": ([30, 31, 31, 32, 33, 33, 34, 35, 36, 37, 38], 56),
    "Turkmenistan": ([17, 18, 19, 20, 21, 21, 23, 24, 26, 27, 29], 43),
    "Azerbaijan": ([22, 22, 23, 23, 24, 22, 24, 25, 26, 26, 27], 37),
}
DEMAND_STYLE = {
    "Kazakhstan": (NAVY, None),
    "Uzbekistan": (ORANGE, None),
    "Kyrgyzstan, Tajikistan": (GREEN, None),
    "Turkmenistan": (VERMILION, None),
    "Azerbaijan": (SKY, None),
}


def chart_demand():
    cv = Canvas(540, 330)
    cv.rect(0, 0, 540, 330, "#ffffff")
    p = Plot(cv, 62, 50, 392, 300, 2015, 2040, 0, 180)
    # The projection period, shaded.
    cv.rect(p.x(2025), p.b, p.x(2040) - p.x(2025), p.t - p.b, "#f1f3f6")
    cv.text(p.x(2032.5), p.t - 16, "Projection (reference case)", 10, GREY, anchor="middle")
    p.y_axis(30, "TWh per year")
    for yr in range(2015, 2041, 5):
        cv.line(p.x(yr), p.b, p.x(yr), p.b - 4, AXIS, 0.8)
        cv.text(p.x(yr), p.b - 17, str(yr), 10.5, AXIS, anchor="middle")
    for name, (hist, end) in DEMAND.items():
        color, _ = DEMAND_STYLE[name]
        pts = [(p.x(yr), p.y(v)) for yr, v in zip(YEARS_HIST, hist)]
        cv.polyline(pts, color, 2.4)
        last = hist[-1]
        proj = [(p.x(2025 + i), p.y(last + (end - last) * (i / 15) ** 1.1)) for i in range(16)]
        cv.polyline(proj, color, 2.4, dash=[6, 3.5])
        cv.circle(p.x(2040), p.y(end), 2.8, fill=color)
    # Direct labels at the right end, spread apart where they would touch.
    ends = sorted(((p.y(end), name) for name, (_, end) in DEMAND.items()), reverse=True)
    placed = []
    for yy, name in ends:
        if placed and placed[-1] - yy < 13:
            yy = placed[-1] - 13
        placed.append(yy)
        color, _ = DEMAND_STYLE[name]
        label = f"{name} {DEMAND[name][1]}"
        cv.text(p.x(2040) + 8, yy - 3.8, label, 10, INK)
    legend(cv, 62, 12, [("Recorded, 2015-2025", INK), ("Projected, 2026-2040", INK, [6, 3.5])],
           kind="line", size=10)
    return cv


# Generation by source, 2025, TWh (coal, gas, hydro, wind and solar, oil and other).
MIX_SOURCES = [("Coal", "#4a4f57"), ("Gas", ORANGE), ("Hydro", BLUE),
               ("Wind and solar", GREEN), ("Oil and other", "#c9ccd1")]
MIX = [
    ("Kazakhstan", [70, 25, 11, 8, 3]),
    ("Uzbekistan", [5, 62, 7, 6, 2]),
    ("Turkmenistan", [0, 29, 0, 0.2, 0.5]),
    ("Azerbaijan", [0, 24, 2.5, 1.5, 0.8]),
    ("Tajikistan", [1.5, 0, 20, 0.1, 0.4]),
    ("Kyrgyzstan", [1.8, 0.4, 14, 0.1, 0.2]),
    ("Georgia", [0, 3.5, 11, 0.2, 0.1]),
]


def chart_mix():
    cv = Canvas(540, 330)
    cv.rect(0, 0, 540, 330, "#ffffff")
    p = Plot(cv, 62, 58, 525, 292, 0, len(MIX), 0, 120)
    p.y_axis(20, "TWh generated in 2025")
    bw = 0.56
    for i, (name, vals) in enumerate(MIX):
        x0 = p.x(i + 0.5 - bw / 2)
        x1 = p.x(i + 0.5 + bw / 2)
        acc = 0
        for (src, color), v in zip(MIX_SOURCES, vals):
            if v <= 0:
                continue
            cv.rect(x0, p.y(acc), x1 - x0, p.y(acc + v) - p.y(acc), color)
            acc += v
        # A hairline between segments keeps neighbouring colours apart in grey print.
        acc = 0
        for v in vals[:-1]:
            acc += v
            if v > 0 and acc < sum(vals) - 0.01:
                cv.line(x0, p.y(acc), x1, p.y(acc), "#ffffff", 0.8)
        total = sum(vals)
        cv.text((x0 + x1) / 2, p.y(total) + 5, f"{total:.0f}", 10, INK, bold=True,
                anchor="middle")
        cv.text((x0 + x1) / 2, p.b - 17, name, 10.5, AXIS, anchor="middle")
    legend(cv, 62, 12, MIX_SOURCES, kind="box", size=10.5, gap=16)
    return cv


# Interconnector transfer capacity, MW: in service in 2025, and planned by 2035.
LINKS = [
    ("KAZ-UZB", 1150, 2300), ("UZB-TJK", 900, 1800), ("UZB-TKM", 600, 1300),
    ("KGZ-KAZ", 700, 1100), ("KGZ-UZB", 500, 1000), ("AZE-GEO", 1000, 1700),
    ("TKM-AZE", 0, 1000), ("KAZ-AZE", 0, 1000),
]


def chart_links():
    cv = Canvas(540, 330)
    cv.rect(0, 0, 540, 330, "#ffffff")
    p = Plot(cv, 62, 62, 525, 300, 0, len(LINKS), 0, 2500)
    p.y_axis(500, "Transfer capacity, MW", "{:,.0f}")
    w = 0.34
    for i, (name, now, later) in enumerate(LINKS):
        c = i + 0.5
        if now:
            cv.rect(p.x(c - w), p.b, p.x(c) - p.x(c - w) - 1, p.y(now) - p.b, NAVY)
        else:
            cv.text(p.x(c - w / 2), p.b + 5, "0", 9.5, AXIS, anchor="middle")
        cv.rect(p.x(c) + 1, p.b, p.x(c + w) - p.x(c) - 1, p.y(later) - p.b, SKY)
        cv.text(p.x(c), p.b - 17, name, 10.5, AXIS, anchor="middle")
        if name in ("TKM-AZE", "KAZ-AZE"):
            cv.text(p.x(c), p.b - 30, "subsea", 9.5, GREY, anchor="middle")
    legend(cv, p.x(2.55), p.y(2330), [("In service, 2025", NAVY), ("Planned by 2035", SKY)],
           kind="box")
    cv.text(62, 12, "KAZ Kazakhstan, UZB Uzbekistan, TJK Tajikistan, TKM Turkmenistan,", 9,
            GREY)
    cv.text(62, 1.5, "KGZ Kyrgyzstan, AZE Azerbaijan, GEO Georgia", 9, GREY)
    return cv


# The upstream states' month by month: demand, and hydro output under two release rules, TWh.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
SEASON = [
    ("Electricity demand", [4.3, 4.0, 3.6, 2.9, 2.6, 2.5, 2.6, 2.6, 2.6, 3.0, 3.6, 4.2], NAVY,
     None),
    ("Hydro output, irrigation-first release", [2.2, 2.1, 2.3, 2.7, 3.6, 4.4, 4.8, 4.5, 3.5, 2.6,
                                                2.3, 2.2], ORANGE, [6, 3.5]),
    ("Hydro output, power-first release", [3.7, 3.5, 3.2, 2.8, 2.9, 3.1, 3.3, 3.2, 2.9, 2.9, 3.3,
                                           3.6], GREEN, [2, 3]),
]


def chart_seasons():
    cv = Canvas(540, 330)
    cv.rect(0, 0, 540, 330, "#ffffff")
    p = Plot(cv, 62, 58, 525, 296, -0.5, 11.5, 0, 5.5)
    # The irrigation season, May to September.
    cv.rect(p.x(3.5), p.b, p.x(8.5) - p.x(3.5), p.t - p.b, "#f1f3f6")
    cv.text(p.x(6), p.t - 15, "Irrigation season", 10, GREY, anchor="middle")
    p.y_axis(1, "TWh per month")
    for i, m in enumerate(MONTHS):
        cv.line(p.x(i), p.b, p.x(i), p.b - 4, AXIS, 0.8)
        cv.text(p.x(i), p.b - 17, m, 10.5, AXIS, anchor="middle")
    for label, vals, color, dash in SEASON:
        pts = [(p.x(i), p.y(v)) for i, v in enumerate(vals)]
        cv.polyline(pts, color, 2.6, dash)
        for x, y in pts:
            cv.circle(x, y, 2.4, fill=color)
    # The winter gap, marked.
    x = p.x(0)
    cv.line(x + 12, p.y(2.25), x + 12, p.y(4.25), INK, 0.8)
    cv.line(x + 8, p.y(4.3), x + 16, p.y(4.3), INK, 0.8)
    cv.line(x + 8, p.y(2.2), x + 16, p.y(2.2), INK, 0.8)
    cv.text(x + 18, p.y(2.62), "winter gap", 10, INK)
    legend(cv, 62, 26, [(SEASON[0][0], SEASON[0][2])], kind="line", size=10)
    legend(cv, 62, 10, [(s[0], s[2], s[3]) for s in SEASON[1:]], kind="line", size=10, gap=16)
    return cv


def cover():
    """A dusk sky over still water with a line of pylons crossing it: pixels, then paths."""
    W, H = 1000, 650          # points; rendered at 144 dpi: 2000 x 1300 px
    PW, PH = 1000, 650        # the pixel layer (smooth, upscaled by the renderer)
    rnd = random.Random(17)
    horizon = int(PH * 0.56)
    sun_x, sun_y = PW * 0.66, horizon - 38
    top_c = (0.09, 0.16, 0.30)
    mid_c = (0.33, 0.42, 0.60)
    low_c = (0.96, 0.72, 0.52)
    rows = []
    for py in range(PH):
        row = bytearray()
        if py < horizon:
            t = py / horizon
            if t < 0.6:
                k = t / 0.6
                base = tuple(top_c[i] + (mid_c[i] - top_c[i]) * k for i in range(3))
            else:
                k = ((t - 0.6) / 0.4) ** 1.4
                base = tuple(mid_c[i] + (low_c[i] - mid_c[i]) * k for i in range(3))
            # Thin streaks of cloud, lit from below near the horizon.
            cloud = 0.0
            for cy, cw, ca in ((0.30, 0.018, 0.10), (0.47, 0.012, 0.14), (0.78, 0.02, 0.10)):
                d = (t - cy) / cw
                cloud += ca * math.exp(-d * d)
            for px in range(PW):
                dx, dy = (px - sun_x) / PW, (py - sun_y) / PH
                d2 = dx * dx * 1.6 + dy * dy * 3.0
                glow = math.exp(-d2 * 9.0) * 0.55 + math.exp(-d2 * 160.0) * 0.6
                streak = cloud * (0.6 + 0.4 * math.sin(px * 0.011 + py * 0.05)) * \
                    max(0.0, 0.35 + 0.65 * math.sin(px * 0.0047 + py * 0.013 + 1.3))
                r = base[0] + glow * 1.0 + streak * 0.9
                g = base[1] + glow * 0.78 + streak * 0.6
                b = base[2] + glow * 0.45 + streak * 0.5
                n = rnd.uniform(-0.012, 0.012)
                row += bytes((max(0, min(255, int((r + n) * 255))),
                              max(0, min(255, int((g + n) * 255))),
                              max(0, min(255, int((b + n) * 255)))))
        else:
            depth = (py - horizon) / (PH - horizon)
            sky_t = max(0.0, 1 - depth * 1.1)   # the water mirrors the sky, upside down
            k = (sky_t ** 1.6)
            base = tuple(mid_c[i] * 0.55 + (low_c[i] * 0.75 - mid_c[i] * 0.55) * k
                         for i in range(3))
            base = tuple(base[i] * (1 - depth * 0.55) + top_c[i] * depth * 0.55
                         for i in range(3))
            ripple_f = 0.9 + depth * 6
            width = 14 + depth * 160
            for px in range(PW):
                ripple = math.sin(py * ripple_f * 0.35 + math.sin(px * 0.013 + py * 0.2) * 2.2)
                dx = (px - sun_x) / width
                path = math.exp(-dx * dx) * (0.5 + 0.5 * ripple) * (0.85 - depth * 0.4)
                shade = 0.035 * ripple
                n = rnd.uniform(-0.012, 0.012)
                r = base[0] + path * 0.95 + shade + n
                g = base[1] + path * 0.72 + shade + n
                b = base[2] + path * 0.45 + shade + n
                row += bytes((max(0, min(255, int(r * 255))), max(0, min(255, int(g * 255))),
                              max(0, min(255, int(b * 255)))))
        rows.append(bytes(row))
    cv = Canvas(W, H)
    cv.image("Sky", PW, PH, b"".join(rows), 0, 0, W, H)
    hy = H - horizon * H / PH   # the horizon in points, from the bottom
    # Far shore: low hills, hazy.
    cv.op("q")
    cv.alpha(0.55)
    pts = [(0, hy)]
    for i in range(0, 521, 20):
        pts.append((i, hy + 9 + 7 * math.sin(i * 0.021) + 4 * math.sin(i * 0.07)))
    pts += [(520, hy)]
    cv.polygon(pts, "#2b3552")
    cv.op("Q")
    cv.op("q")
    cv.alpha(0.35)
    pts = [(700, hy)] + [(x, hy + 4 + 5 * math.sin((x - 700) * 0.03)) for x in range(700, 1001, 15)]
    cv.polygon(pts + [(1000, hy)], "#2b3552")
    cv.op("Q")
    # A causeway of pylons, from the near left towards the horizon.
    vx, vy = 610, hy + 2          # vanishing point on the horizon
    bases = []
    for i in range(9):
        s = 0.62 ** i
        x = vx + (40 - vx) * s
        y = vy + (60 - vy) * s
        bases.append((x, y, s))
    dark = "#0f1626"
    for x, y, s in bases:
        h = 360 * s
        w = 46 * s
        cv.op("q")
        cv.stroke_color(dark)
        cv.op(num(max(0.5, 4.5 * s)), "w", "1 j")
        top_y = y + h
        # Legs, converging to the waist.
        waist = y + h * 0.62
        cv.op(num(x - w / 2), num(y), "m", num(x - w * 0.12), num(waist), "l",
              num(x), num(top_y), "l", num(x + w * 0.12), num(waist), "l",
              num(x + w / 2), num(y), "l", "S")
        # Lattice.
        for j in range(1, 6):
            t0, t1 = (j - 1) / 5, j / 5
            ya, yb = y + (waist - y) * t0, y + (waist - y) * t1
            wa = w / 2 - (w / 2 - w * 0.12) * t0
            wb = w / 2 - (w / 2 - w * 0.12) * t1
            cv.op(num(x - wa), num(ya), "m", num(x + wb), num(yb), "l", "S")
            cv.op(num(x + wa), num(ya), "m", num(x - wb), num(yb), "l", "S")
        # Cross-arms.
        for frac, arm in ((0.70, 0.95), (0.84, 0.70)):
            ay = y + h * frac
            cv.op(num(x - w * arm), num(ay), "m", num(x + w * arm), num(ay), "l", "S")
        cv.op("Q")
        # Its piling in the water.
        cv.rect(x - w * 0.6, y - 6 * s, w * 1.2, 6 * s, dark)
    # Conductors: sagging between neighbouring pylons.
    for frac, arm in ((0.70, 0.95), (0.70, -0.95), (0.84, 0.70), (0.84, -0.70)):
        for (x0, y0, s0), (x1, y1, s1) in zip(bases, bases[1:]):
            ax0, ay0 = x0 + 46 * s0 * arm, y0 + 360 * s0 * frac
            ax1, ay1 = x1 + 46 * s1 * arm, y1 + 360 * s1 * frac
            sag = 22 * s0
            cv.op("q")
            cv.stroke_color(dark)
            cv.op(num(max(0.3, 1.1 * s0)), "w")
            cv.op(num(ax0), num(ay0), "m",
                  num(ax0 + (ax1 - ax0) / 3), num(ay0 + (ay1 - ay0) / 3 - sag),
                  num(ax0 + 2 * (ax1 - ax0) / 3), num(ay0 + 2 * (ay1 - ay0) / 3 - sag),
                  num(ax1), num(ay1), "c", "S")
            cv.op("Q")
    # A few birds, high on the right.
    for bx, by, bs in ((820, 560, 9), (848, 548, 7), (790, 540, 6)):
        cv.op("q")
        cv.stroke_color("#1b2538")
        cv.op("1.4 w", "1 J",
              num(bx - bs), num(by + bs * 0.3), "m", num(bx - bs * 0.4), num(by + bs * 0.5),
              num(bx), num(by), "v", num(bx + bs * 0.4), num(by + bs * 0.5),
              num(bx + bs), num(by + bs * 0.3), "v", "S", "Q")
    return cv


def logo():
    """A ring of five nodes joined by lines (the grid), a wave (the sea), and the initials."""
    cv = Canvas(210, 60)
    cv.rect(0, 0, 210, 60, "#ffffff")
    cx, cy, r = 30, 30, 24
    cv.circle(cx, cy, r, fill=NAVY)
    nodes = [(cx + 13 * math.cos(math.radians(90 + 72 * i)),
              cy + 3 + 13 * math.sin(math.radians(90 + 72 * i))) for i in range(5)]
    cv.polyline(nodes + [nodes[0]], "#ffffff", 1.6)
    for x, y in nodes:
        cv.circle(x, y, 2.6, fill="#ffffff")
    wave = [(cx - 17 + i, cy - 13 + 2.2 * math.sin(i * 0.42)) for i in range(0, 35)]
    cv.polyline(wave, SKY, 2.2)
    cv.text(64, 27, "CCI", 30, NAVY, bold=True)
    cv.line(130, 12, 130, 48, GRID, 1)
    cv.text(137, 35, "Caspian", 10, INK, bold=True)
    cv.text(137, 23.5, "Commons", 10, INK, bold=True)
    cv.text(137, 12, "Institute", 10, INK, bold=True)
    return cv


def photo(bg0, bg1, figure, seed):
    """An abstract portrait placeholder: a head-and-shoulders silhouette on a soft gradient."""
    cv = Canvas(240, 300)
    cv.axial("Bg", 0, 300, 240, 0, bg0, bg1)
    cv.shade("Bg")
    rnd = random.Random(seed)
    cv.op("q")
    cv.alpha(0.18)
    for _ in range(6):
        cv.circle(rnd.uniform(0, 240), rnd.uniform(120, 300), rnd.uniform(20, 60), fill="#ffffff")
    cv.op("Q")
    # Shoulders.
    cv.fill_color(figure)
    cv.op("20 0 m", "24 70 60 96 120 100 c", "180 96 216 70 220 0 c", "h f")
    # Neck and head.
    cv.rect(104, 92, 32, 30, figure)
    cv.circle(120, 160, 44, fill=figure)
    return cv


def main():
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode:
        sys.exit("make_images.py: pdftoppm not found (Debian: apt-get install poppler-utils)")
    rasterise(chart_demand(), "fig-demand.png")
    rasterise(chart_mix(), "fig-mix.png")
    rasterise(chart_links(), "fig-links.png")
    rasterise(chart_seasons(), "fig-seasons.png")
    rasterise(logo(), "logo.png", dpi=300)
    rasterise(photo("#d8e2ec", "#9fb4c8", "#3c4a5c", 3), "photo-karaca.jpg", "jpeg",
              scale_to=(360, 450), quality=82)
    rasterise(photo("#efe3d3", "#c9b79f", "#5a4a3e", 5), "photo-sadykova.jpg", "jpeg",
              scale_to=(360, 450), quality=82)
    rasterise(cover(), "cover.jpg", "jpeg", scale_to=(2000, 1300), quality=85)


if __name__ == "__main__":
    main()
