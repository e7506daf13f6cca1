#!/usr/bin/env python3
"""Justified CJK text quality from a PDF: the spread of the gaps between characters across lines.

usage: cjk_spacing.py OUT.pdf  -> lines, share of lines set full measure, median gap (em), sd and
cv of the per-line gap, loose-line share, largest gap, max_ratio (needs pdftotext and qpdf)
Chinese and Japanese have no word spaces (../shared/tools/spacing.py finds nothing): a justified
line's extra width goes between characters. A line's gap is the mean space between the advance
boxes of consecutive ideographs or kana (pairs with punctuation, Latin, digits or note marks are
skipped: their boxes and glue follow other rules) over the font size, the em. Solid setting is 0.
Lines as spacing.py picks them from pdftotext -bbox-layout: full measure (both edges of the page's
text area: 10th percentile of starts, 90th of ends, a 20 pt indent allowed), not the last line of
a block or a paragraph (the next line is indented), 3 or more gaps. Positions are the PDF's own:
pdftotext gives a CJK line as one word, so each page's content stream (decoded by qpdf --json) is
run through the text operators with the fonts' widths and ToUnicode maps.
cv = population sd / mean of the per-line gap (n/a when the mean is not above 0.001 em: read sd_em).
A line is loose when its gap is over median + 0.1 em: a ratio to the median means nothing when it
is (near) 0, as in solid setting, while 0.1 em more per gap puts a line's characters a whole column
off its neighbours' grid every ten characters, which a reader sees. max_ratio: the loosest line's
character pitch over the median line's, (1 + max) / (1 + median). Lower is better, but for
justified_share. Not handled: vertical writing, rotated pages, text in form XObjects."""
import base64, json, re, shutil, statistics, subprocess, sys, xml.etree.ElementTree as ET

TOK = re.compile(rb"\s*(?:%[^\r\n]*|\(((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*)\)|<([0-9A-Fa-f\s]*)>|<<|>>|\[|\]"
                 rb"|(/[^\s/\[\]()<>{}%]*)|([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'\"*][A-Za-z0-9'\"*]*))", re.S)
ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\r": b"", b"\n": b"", b"\r\n": b""}
# ideographs (with 々 〆 〇) and kana (not the katakana middle dot ・, a punctuation mark)
LETTER = re.compile("[\u3005-\u3007\u3041-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u9fff\uf900-\ufaff"
                    "\U00020000-\U0003ffff]")
UNESCAPE = lambda m: bytes([int(m[1], 8) & 255]) if m[1][:1].isdigit() else ESC.get(m[1], m[1])  # noqa: E731


def tokens(data):
    """A content stream's operands and operators: ("s", bytes), ("n", name), ("f", number), ("op", name)."""
    data = re.sub(rb"\bBI\b.*?\bID\s.*?\bEI\b", b"", data, flags=re.S)  # inline images
    for m in TOK.finditer(data):
        if m.group(1) is not None:  # (literal string), one level of nested parentheses
            yield "s", re.sub(rb"\\([0-7]{1,3}|\r\n|.)", UNESCAPE, m.group(1), flags=re.S)
        elif m.group(2) is not None:
            h = re.sub(rb"\s", b"", m.group(2))
            yield "s", bytes.fromhex((h + b"0" * (len(h) % 2)).decode())
        elif m.group(3):
            yield "n", m.group(3).decode("latin-1")
        elif m.group(4):
            yield "f", float(m.group(4))
        elif m.group(5):
            yield "op", m.group(5).decode("latin-1")


def mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


class Doc:
    def __init__(self, pdf):
        r = shutil.which("qpdf") and subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                                                     "--decode-level=generalized", pdf, "-"], capture_output=True)
        if not r or r.returncode not in (0, 3):  # 3: warnings only
            sys.exit(r.stderr.decode(errors="replace") if r else "cjk_spacing.py: no qpdf (Debian package qpdf)")
        self.js = json.loads(r.stdout)
        self.objs, self.fonts = self.js["qpdf"][1], {}

    def get(self, v):
        if isinstance(v, str) and v.endswith(" R"):
            o = self.objs.get("obj:" + v, {})
            return o["stream"]["dict"] if "stream" in o else o.get("value")
        return v

    def data(self, ref):
        return base64.b64decode(self.objs["obj:" + ref]["stream"].get("data", ""))

    def inherited(self, page, key):
        while page:
            if key in page:
                return self.get(page[key])
            page = self.get(page.get("/Parent"))

    def font(self, ref):
        """(2-byte codes?, widths by code, default width, text by code), cached."""
        if ref not in self.fonts:
            f, w, umap, dw = self.get(ref), {}, {}, 0
            two = f.get("/Subtype") == "/Type0"  # taken as 2-byte codes (Identity-H, as PDF writers use)
            if two:
                d = self.get(self.get(f["/DescendantFonts"])[0])
                dw, arr, i = d.get("/DW", 1000), self.get(d.get("/W", [])), 0
                while i < len(arr):  # c [w1 w2 ...] or c_first c_last w
                    v, lst = self.get(arr[i + 1]), isinstance(self.get(arr[i + 1]), list)
                    w.update(enumerate(v, arr[i]) if lst else ((c, arr[i + 2]) for c in range(arr[i], v + 1)))
                    i += 2 if lst else 3
            else:  # a simple font (Type3 fonts' glyph space taken as 1/1000 em)
                w = dict(enumerate(self.get(f.get("/Widths", [])), f.get("/FirstChar", 0)))
            cm = self.data(f["/ToUnicode"]) if "/ToUnicode" in f else b""
            u16 = lambda h: bytes.fromhex(h.decode()).decode("utf-16-be", "replace")
            for blk in re.findall(rb"beginbfchar(.*?)endbfchar", cm, re.S):
                umap.update((int(a, 16), u16(b)) for a, b in re.findall(rb"<(\w+)>\s*<(\w*)>", blk))
            for blk in re.findall(rb"beginbfrange(.*?)endbfrange", cm, re.S):
                for a, b, dst in re.findall(rb"<(\w+)>\s*<(\w+)>\s*(<\w*>|\[[^\]]*\])", blk):
                    a, b = int(a, 16), int(b, 16)
                    dsts = (re.findall(rb"<(\w*)>", dst) if dst[:1] == b"[" else
                            [b"%0*X" % (len(dst) - 2, int(dst[1:-1], 16) + k) for k in range(b - a + 1)])
                    umap.update(zip(range(a, b + 1), map(u16, dsts)))
            self.fonts[ref] = (two, w, dw, umap)
        return self.fonts[ref]

    def glyphs(self, page, contents):
        """(x0, x1, baseline y, em, text) of each glyph the page shows, in PDF user space."""
        fonts = self.get((self.inherited(page, "/Resources") or {}).get("/Font")) or {}
        out, ops, stack = [], [], []
        ctm, tm, tlm, font, size = [1, 0, 0, 1, 0, 0], None, None, None, 0
        ts = {"Tc": 0, "Tw": 0, "Tz": 100, "TL": 0, "Ts": 0}  # char, word spacing, scaling, leading, rise
        for kind, v in tokens(b"\n".join(self.data(c) for c in contents)):
            if kind != "op":
                ops.append((kind, v))
                continue
            a = [x for k, x in ops if k == "f"]
            if v == "q":
                stack.append(ctm)
            elif v == "Q" and stack:
                ctm = stack.pop()
            elif v == "cm" and len(a) == 6:
                ctm = mul(a, ctm)
            elif v == "BT":
                tm = tlm = [1, 0, 0, 1, 0, 0]
            elif v == "Tf" and ops and ops[0][0] == "n" and a:
                font, size = self.font(fonts[ops[0][1]]) if ops[0][1] in fonts else None, a[-1]
            elif v in ts and a:
                ts[v] = a[0]
            elif v in ("Td", "TD") and len(a) == 2:
                ts["TL"] = -a[1] if v == "TD" else ts["TL"]
                tm = tlm = mul([1, 0, 0, 1, a[0], a[1]], tlm)
            elif v == "Tm" and len(a) == 6:
                tm = tlm = a
            elif v in ("T*", "'", '"'):
                if v == '"' and len(a) >= 2:
                    ts["Tw"], ts["Tc"] = a[:2]
                tm = tlm = mul([1, 0, 0, 1, 0, -ts["TL"]], tlm)
            if v in ("Tj", "TJ", "'", '"') and font and tm:
                two, widths, dw, umap = font
                th, rise = ts["Tz"] / 100, ts["Ts"]
                for kind, s in ops:
                    if kind == "f" and v == "TJ":  # a TJ adjustment, in thousandths of an em, + to the left
                        tm = mul([1, 0, 0, 1, -s / 1000 * size * th, 0], tm)
                    codes = [hi * 256 + lo for hi, lo in zip(s[::2], s[1::2])] if two and kind == "s" else s
                    for code in codes if kind == "s" else ():
                        w, m = widths.get(code, dw) / 1000, mul(tm, ctm)
                        x0, y = m[2] * rise + m[4], m[3] * rise + m[5]  # the glyph's origin
                        out.append((x0, x0 + m[0] * w * size * th, y, size * (m[2] ** 2 + m[3] ** 2) ** 0.5,
                                    umap.get(code, "" if two else chr(code))))
                        tx = (w * size + ts["Tc"] + (ts["Tw"] if code == 32 and not two else 0)) * th
                        tm = mul([1, 0, 0, 1, tx, 0], tm)
            ops = []
        return out


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))]


def main():
    doc, pdf = Doc(sys.argv[1]), sys.argv[1]
    xml = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True).stdout
    root = ET.fromstring(re.sub(r' xmlns="[^"]*"', "", re.sub(r"<!DOCTYPE[^>]*>", "", xml)))
    sp, n = [], 0
    for page, pg in zip(root.iter("page"), doc.js["pages"]):
        po = doc.get(pg["object"])
        top = (doc.inherited(po, "/MediaBox") or [0, 0, 0, float(page.get("height"))])[3]
        gl = [(x0, x1, top - y, em, t) for x0, x1, y, em, t in doc.glyphs(po, pg["contents"])]
        rows = []
        for block in page.iter("block"):
            lines = [[float(ln.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")] for ln in block.findall("line")]
            usual = pct([ln[0] for ln in lines], 0.5)  # where the block's lines start
            # not a block's last line nor a paragraph's (the next line indented)
            for lx0, ly0, lx1, ly1 in [ln for ln, nxt in zip(lines, lines[1:]) if nxt[0] <= usual + 5]:
                on = sorted(g for g in gl if ly0 - 0.5 <= g[2] <= ly1 + 0.5 and lx0 - 0.5 <= g[0] <= g[1] <= lx1 + 0.5)
                gaps = [(b[0] - a[1]) / a[3] for a, b in zip(on, on[1:])
                        if a[3] > 0 and LETTER.fullmatch(a[4]) and LETTER.fullmatch(b[4])]
                if len(gaps) >= 3:
                    rows.append((statistics.mean(gaps), lx0, lx1))
        if rows:
            left, right = pct([r[1] for r in rows], 0.1), pct([r[2] for r in rows], 0.9)
            n += len(rows)
            sp += [s for s, x0, x1 in rows
                   if (x1 >= right - 1.5 and x0 <= left + 20) or (x0 <= left + 1.5 and x1 >= right - 20)]
    if not sp:
        return print("lines=0")
    med, mean, sd = statistics.median(sp), statistics.mean(sp), statistics.pstdev(sp)
    cv = "%.3f" % (sd / mean) if mean > 0.001 else "n/a"
    loose = sum(1 for s in sp if s > med + 0.1) / len(sp)
    print(f"lines={len(sp)} justified_share={len(sp) / n:.2f} median_gap_em={med:.3f} sd_em={sd:.3f} cv={cv} "
          f"loose_share={loose:.3f} max_gap_em={max(sp):.3f} max_ratio={(1 + max(sp)) / (1 + med):.2f}")


if __name__ == "__main__":
    main()
