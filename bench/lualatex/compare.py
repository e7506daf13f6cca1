#!/usr/bin/env python3
"""quire against LuaLaTeX + microtype on the typography fixtures (issue 14).

For each tests/fixtures/typography/LANG.txt: builds quire's PDF (report style), writes a LuaLaTeX
document of the same article on the same page (A4; margins 72/70/85/85 bp; Noto Serif 10.5/15 bp,
notes as footnotes at 8.5/11 bp, the author's bio at 9.5/13 bp) with babel in the article's
language and microtype (protrusion and expansion), compiles it, runs spacing.py on both PDFs
(bench/cjk_spacing.py, the gaps between characters, for Chinese, which has no word spaces) and
prints a Markdown table. bench/lualatex/README.md says what is and is not matched.

usage: compare.py [--quire PATH] [--only de,fr] [--keep DIR] [--spacing PATH] [--cjk-spacing PATH]
                  [--lualatex CMD] [--babel-hyphenmins] [--fixtures DIR]
Exit status: 0 all compared; 1 a build failed; 2 lualatex, a TeX package or a font is missing."""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "typography")
SHARED_TOOLS = os.path.normpath(os.path.join(ROOT, "..", "shared", "tools"))
INSTALL = "apt-get install $(grep -v '^#' bench/lualatex/packages.txt)"
QUIRE_WAIT = 900  # seconds to wait for a quire binary that is missing or being rebuilt
ORDER = ["en", "de", "fr", "ru", "tr", "ar", "zh"]

# The report style (styles/report.yaml), in PDF points (bp): quire's "pt" is the PDF's point,
# 1/72 in, TeX's bp; TeX's pt is 1/72.27 in.
RISE = 3.78  # quire: note marks raised 0.36 em of 10.5 bp
GEOMETRY = dict(top=72, bottom=70, left=85, right=85, head_baseline=34, folio_baseline=38)

# (file kpsewhich must find, Debian package that ships it)
COMMON_TEX = [("fontspec.sty", "texlive-latex-recommended"), ("microtype.sty", "texlive-latex-recommended"),
              ("geometry.sty", "texlive-latex-base"), ("fix-cm.sty", "texlive-latex-base"),
              ("babel.sty", "texlive-latex-base"), ("luaotfload.sty", "texlive-luatex")]

# mins: the hyphenation minimums quire uses (docs/languages.md: 2 and 3 in English, 2 and 2 in
# German, Russian and Turkish, otherwise the pattern file's own: hyph_fr.dic says 2 and 2); babel's
# own are the same but for French and Turkish (2 and 3). --babel-hyphenmins keeps babel's.
LANGS = {
    "en": dict(mins=(2, 3), name="English", babel="english", tex=[("english.ldf", "texlive-latex-base")],
               fonts=["Noto Serif"]),
    "de": dict(mins=(2, 2), name="German", babel="ngerman", tex=[("ngerman.ldf", "texlive-lang-german"),
                                                    ("hyph-de-1996.tex", "texlive-lang-german")],
               fonts=["Noto Serif"]),
    "fr": dict(mins=(2, 2), name="French", babel="french", tex=[("french.ldf", "texlive-lang-french"),
                                                   ("hyph-fr.tex", "texlive-lang-french")],
               fonts=["Noto Serif"]),
    "ru": dict(mins=(2, 2), name="Russian", babel="russian", tex=[("russianb.ldf", "texlive-lang-cyrillic"),
                                                     ("hyph-ru.tex", "texlive-lang-cyrillic")],
               fonts=["Noto Serif"]),
    "tr": dict(mins=(2, 2), name="Turkish", babel="turkish", tex=[("turkish.ldf", "texlive-lang-european"),
                                                     ("hyph-tr.tex", "texlive-lang-european")],
               fonts=["Noto Serif"]),
    "ar": dict(name="Arabic", babel=None, tex=[("babel-ar.ini", "texlive-latex-base")],
               fonts=["Noto Naskh Arabic", "Noto Serif"]),
    # cjk: measured by bench/cjk_spacing.py (gaps between characters), not spacing.py (word spaces)
    "zh": dict(name="Chinese", babel=None, cjk=True, tex=[("ctex.sty", "texlive-lang-chinese"),
                                                ("luatexja.sty", "texlive-lang-japanese"),
                                                ("everyhook.sty", "texlive-latex-extra")],
               fonts=["Noto Serif CJK SC", "Noto Serif"]),
}


# ---------------------------------------------------------------------------------------------
# the article


def load_parser():
    """article.py of ../shared/tools when it is there, else a reader of the same form."""
    if os.path.isfile(os.path.join(SHARED_TOOLS, "article.py")):
        sys.path.insert(0, SHARED_TOOLS)
        sys.dont_write_bytecode = True  # shared/ is read-only, and no __pycache__ there
        try:
            import article  # noqa: E402
            return article.parse
        except ImportError:
            pass
        finally:
            sys.path.pop(0)
    return parse_article


def parse_article(path):
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    body, notes, author, state = [], {}, [], "body"
    for p in paras[1:]:
        m = re.match(r"^\[(\d+)\]\s*(.*)$", p, re.S)
        if m and state in ("body", "notes"):
            notes[int(m.group(1))] = m.group(2).strip()
            state = "notes"
            continue
        if state == "notes":
            state = "author"
        (author if state == "author" else body).append(p)
    return {"title": paras[0].split("\n")[0].strip(), "body": body, "notes": notes, "author": author}


def author_block(art):
    """(name, [bio paragraphs]): the name line, then the bio, as quire reads the author block."""
    lines = [ln.strip() for p in art["author"] for ln in p.split("\n") if ln.strip()]
    return (lines[0], lines[1:]) if lines else ("", [])


# ---------------------------------------------------------------------------------------------
# LaTeX


SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
            "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
URL = re.compile(r"https?://[A-Za-z0-9./_\-~%?=&#:+@]+[A-Za-z0-9/_\-~=#+]")


def url(u):
    """A URL as text that is never hyphenated and may break after a slash or before a dot at
    quire's url_penalty (url.sty sets URLs in math, where luaotfload's font fallback, needed by
    Arabic, does not reach)."""
    out = []
    for i, c in enumerate(u):
        if c == "." and 0 < i < len(u) - 1:
            out.append("\\penalty100 ")
        out.append(SPECIALS.get(c, c))
        if c == "/" and u[i - 1:i] != "/" and u[i + 1:i + 2] not in ("/", ""):
            out.append("\\penalty100 ")
    return "\\quireurl{" + "".join(out) + "}"


def esc(s):
    out, pos = [], 0
    for m in URL.finditer(s):
        out.append("".join(SPECIALS.get(c, c) for c in s[pos:m.start()]))
        out.append(url(m.group(0)))
        pos = m.end()
    out.append("".join(SPECIALS.get(c, c) for c in s[pos:]))
    return "".join(out)


def with_footnotes(par, notes, used):
    """The paragraph with each [n] replaced by \\footnote[n]{note n} (a space before it dropped:
    the mark sticks to its word, as in quire)."""
    out, pos = [], 0
    for m in re.finditer(r"\s*\[(\d+)\]", par):
        out.append(esc(par[pos:m.start()]))
        n = int(m.group(1))
        if n in notes:
            used.add(n)
            out.append(r"\footnote[%d]{%s}" % (n, esc(notes[n])))
        else:
            out.append(esc(m.group(0)))
        pos = m.end()
    out.append(esc(par[pos:]))
    return "".join(out)


def language_setup(lang):
    if lang == "ar":
        # bidi=basic wants the HarfBuzz renderer; Noto Naskh Arabic has no Latin letters, no en
        # dash: luaotfload's fallback takes them from Noto Serif, as quire's fallback chain does.
        # No italic: upright, as in quire. rtl-visual.lua: see that file.
        return r"""\usepackage[bidi=basic]{babel}
\babelprovide[import,main]{arabic}
\directlua{luaotfload.add_fallback("quirearab", {"Noto Serif:mode=harf;"})}
\babelfont{rm}[Renderer=HarfBuzz,RawFeature={fallback=quirearab},ItalicFont=Noto Naskh Arabic,
  BoldItalicFont=Noto Naskh Arabic Bold]{Noto Naskh Arabic}
\directlua{dofile("rtl-visual.lua")}
"""
    if lang == "zh":
        # ctex on LuaTeX is luatexja with ctex's Chinese metrics; scheme=plain keeps LaTeX's
        # layout (no 2-character indent, no Chinese headings). No italic: upright, as in quire.
        return r"""\usepackage[scheme=plain,fontset=none]{ctex}
\setmainfont{Noto Serif}
\setCJKmainfont{Noto Serif CJK SC}[ItalicFont=Noto Serif CJK SC,BoldItalicFont=Noto Serif CJK SC Bold]
% quire puts no space between Chinese and Latin letters or digits: the glue between them is the
% glue between Chinese characters (ctex's xkanjiskip is a quarter em)
\ltjsetparameter{xkanjiskip={0pt plus .4pt minus .5pt}}
"""
    s = "\\usepackage[%s]{babel}\n\\setmainfont{Noto Serif}\n" % LANGS[lang]["babel"]
    if lang == "fr":
        # the fixture types its own U+202F/U+00A0 before ; : ! ? and inside « »: add none
        # and babel-french's footnotes ("1." in its own indented layout, a space before the mark)
        # would not be quire's: off
        s += ("\\frenchsetup{AutoSpacePunctuation=false,FrenchFootnotes=false,"
              "AutoSpaceFootnotes=false}\n")
    return s


def latex_document(art, lang, babel_mins=False):
    name, bio = author_block(art)
    used = set()
    body = []
    for i, p in enumerate(art["body"]):
        body.append(("\\noindent " if i == 0 else "") + with_footnotes(p, art["notes"], used))
    # notes never referenced in the body (none in the fixtures) go at the end of the last paragraph
    tail = "".join(r"\footnote[%d]{%s}" % (n, esc(t)) for n, t in sorted(art["notes"].items())
                   if n not in used)
    if tail and body:
        body[-1] += tail
    full = (name + "\u2002\u00b7\u2002" + art["title"]) if name else art["title"]
    # quire cuts a running head too long for the measure at a break, with an ellipsis: TeX tries
    # the full head, then shorter ones, and keeps the first that fits
    toks = re.findall(r"\S+\s*", full) if " " in art["title"] else list(full)
    cands = [full] + ["".join(toks[:k]).rstrip(" ,;:\u00b7\u2002") + "\u2026"
                      for k in range(len(toks) - 1, max(0, len(toks) - 80), -1)]
    head = "".join("\\quireheadtry{%s}" % esc(c) for c in cands)
    g = GEOMETRY
    bio_tex = ""
    if name or bio:
        bio_tex = ("\\par\\vspace{22bp}\\noindent\\begin{minipage}{\\linewidth}\\biosize\n"
                   "\\noindent\\rule{72bp}{0.4bp}\\par\\vspace{4bp}\n"
                   "\\noindent\\textbf{%s}\\par\n" % esc(name)
                   + "".join("\\noindent %s\\par\n" % esc(b) for b in bio)
                   + "\\end{minipage}\n")
    mins = LANGS[lang].get("mins")
    # (no "=": babel's Turkish makes it an active character)
    hyphenmins = ("" if babel_mins or not mins else
                  "\\lefthyphenmin %d \\righthyphenmin %d %% quire's hyphenation minimums\n" % mins)
    return (r"""%% written by bench/lualatex/compare.py: {lang}, LuaLaTeX + microtype against quire's report style
\RequirePackage{{fix-cm}} % scalable Computer Modern for the (unused) math fonts at 10.5 bp
\documentclass{{article}}
\usepackage[a4paper,top={top}bp,bottom={bottom}bp,left={left}bp,right={right}bp,
  headheight=10bp,headsep={headsep}bp,footskip={footskip}bp]{{geometry}}
\usepackage{{fontspec}}
{setup}\usepackage[protrusion=true,expansion=true]{{microtype}}
\makeatletter
\providecommand\l@nohyphenation{{255}}
\newcommand\quireurl[1]{{{{\language=\l@nohyphenation #1}}}}
% report style: body 10.5/15, notes 8.5/11, bio 9.5/13, running head and folio 8.5/10 (bp)
\renewcommand\normalsize{{\@setfontsize\normalsize{{10.5bp}}{{15bp}}}}
\renewcommand\footnotesize{{\@setfontsize\footnotesize{{8.5bp}}{{11bp}}}}
\newcommand\biosize{{\@setfontsize\biosize{{9.5bp}}{{13bp}}}}
\newcommand\headsize{{\@setfontsize\headsize{{8.5bp}}{{10bp}}}}
\normalsize
\setlength\parindent{{14bp}}
\setlength\parskip{{0pt}}
\setlength\topskip{{10.5bp}}
% line breaking as in the report style (the same values as TeX's defaults, but tolerance and
% emergency stretch)
\tolerance=400 \emergencystretch=15bp \linepenalty=10 \hyphenpenalty=50 \exhyphenpenalty=50
\doublehyphendemerits=10000 \finalhyphendemerits=5000 \adjdemerits=10000
% notes: a 72 bp rule 12 bp under the text, number column 14 bp, 2 bp between notes
\setlength{{\skip\footins}}{{19bp plus 4bp minus 2bp}}
\renewcommand\footnoterule{{\kern-7bp\hrule width 72bp height 0.4bp\kern6.6bp}}
\setlength\footnotesep{{9.7bp}}
\renewcommand\@makefntext[1]{{\leftskip=14bp\parindent=0pt\noindent
  \llap{{\hbox to 14bp{{\hfil\@thefnmark.\hskip0.35em}}}}#1}}
% running head (author · title, italic) from page 2, folio at the foot
\newsavebox\quireheadbox \newsavebox\quirehead \newif\ifquirefits
\newcommand\quireheadtry[1]{{\ifquirefits\else\sbox\quireheadbox{{\headsize\itshape #1}}%
  \ifdim\wd\quireheadbox>\textwidth\else\quirefitstrue\global\setbox\quirehead\copy\quireheadbox\fi\fi}}
\def\ps@quire{{\def\@oddhead{{\hfil\copy\quirehead\hfil}}\let\@evenhead\@oddhead
  \def\@oddfoot{{\hfil\headsize\thepage\hfil}}\let\@evenfoot\@oddfoot}}
\def\ps@quirefirst{{\let\@oddhead\@empty\let\@evenhead\@empty
  \def\@oddfoot{{\hfil\headsize\thepage\hfil}}\let\@evenfoot\@oddfoot}}
% note marks: 0.62 of the text size, raised {rise}bp
\renewcommand\@makefnmark{{\hbox{{\raise{rise}bp\hbox{{\fontsize{{6.51bp}}{{6.51bp}}\selectfont\@thefnmark}}}}}}
\makeatother
\pagestyle{{quire}}
\begin{{document}}
\thispagestyle{{quirefirst}}
{head}
\frenchspacing % quire puts no extra space after sentences
{hyphenmins}% title block: quire's baselines (title 22/27 bold from 20.5 bp under the text top, byline
% 11/15 italic 24 bp under it, first body line 41 bp under that)
\vspace*{{-\topskip}}\nointerlineskip
{{\raggedright\fontsize{{22bp}}{{27bp}}\selectfont\bfseries \rule{{0pt}}{{20.5bp}}{title}\par}}
\vspace{{9bp}}
{{\raggedright\fontsize{{11bp}}{{15bp}}\selectfont\itshape {byline}\par}}
\vspace{{26bp}}
{body}
{bio}\end{{document}}
""").format(lang=lang, setup=language_setup(lang), title=esc(art["title"]), byline=esc(name),
            head=head, hyphenmins=hyphenmins, rise=RISE, body="\n\n".join(body), bio=bio_tex,
            top=g["top"], bottom=g["bottom"], left=g["left"], right=g["right"],
            headsep=g["top"] - g["head_baseline"], footskip=g["bottom"] - g["folio_baseline"])


# ---------------------------------------------------------------------------------------------
# running things


def missing_requirements(langs, lualatex):
    """What is missing, as (what, package) pairs."""
    miss = []
    if not shutil.which(lualatex):
        miss.append((lualatex, "texlive-luatex"))
    tools = [("kpsewhich", "texlive-binaries"), ("pdftotext", "poppler-utils"),
             ("pdfinfo", "poppler-utils"), ("fc-list", "fontconfig")]
    if any(LANGS[lang].get("cjk") for lang in langs):
        tools.append(("qpdf", "qpdf"))  # cjk_spacing.py reads the glyph positions with it
    for tool, pkg in tools:
        if not shutil.which(tool):
            miss.append((tool, pkg))
    if miss:
        return miss
    files = list(COMMON_TEX)
    fonts = set()
    for lang in langs:
        files += LANGS[lang]["tex"]
        fonts.update(LANGS[lang]["fonts"])
    names = sorted({f for f, _ in files})
    found = subprocess.run(["kpsewhich"] + names, capture_output=True, text=True).stdout.split("\n")
    found = {os.path.basename(p) for p in found if p}
    for f, pkg in files:
        if f not in found and (f, pkg) not in miss:
            miss.append((f, pkg))
    for font in sorted(fonts):
        out = subprocess.run(["fc-list", ":family=%s" % font, "family"], capture_output=True,
                             text=True).stdout
        if not out.strip():
            miss.append(("font " + font, "fonts-noto-cjk" if "CJK" in font else "fonts-noto-core"))
    return miss


def spacing(spacing_py, pdf):
    """spacing.py's or cjk_spacing.py's figures, by name."""
    out = subprocess.run([sys.executable, spacing_py, pdf], capture_output=True, text=True)
    vals = dict(re.findall(r"(\w+)=(-?[0-9.]+|n/a)", out.stdout))
    return vals


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def run_quire(quire, src, work):
    out = os.path.join(work, "quire-out")  # a fresh folder: quire skips outputs it thinks up to date
    deadline = time.monotonic() + QUIRE_WAIT
    while True:
        # the binary may be missing or half written while someone rebuilds it: wait for it
        try:
            st = os.stat(quire)
            if time.time() - st.st_mtime < 5 or not os.access(quire, os.X_OK):
                raise OSError("busy")
            t = time.monotonic()
            r = subprocess.run([quire, "build", src, "-o", out, "--format", "pdf"],
                               capture_output=True, text=True)
            dt = time.monotonic() - t
            if r.returncode == 0 or os.stat(quire).st_mtime == st.st_mtime:
                break  # a failure with an unchanged binary is a real one
        except OSError as e:
            why = e
        else:
            why = "the binary changed during the run"
        if time.monotonic() > deadline:
            sys.stderr.write("quire at %s not usable after %d s: %s\n" % (quire, QUIRE_WAIT, why))
            return None, 0.0
        sys.stderr.write("waiting for %s (being rebuilt?)\n" % quire)
        shutil.rmtree(out, ignore_errors=True)
        time.sleep(10)
    pdfs = [f for f in os.listdir(out) if f.endswith(".pdf")] if os.path.isdir(out) else []
    if r.returncode != 0 or len(pdfs) != 1:
        sys.stderr.write("quire failed on %s (exit %d):\n%s%s\n" % (src, r.returncode, r.stdout,
                                                                     r.stderr))
        return None, dt
    return os.path.join(out, pdfs[0]), dt


LOG_CHECKS = [
    ("no patterns", re.compile(r"No hyphenation patterns were (?:preloaded|loaded)[^\n]*\n?[^\n]*")),
    ("babel warning", re.compile(r"Package babel Warning:[^\n]*(?:\n\(babel\)[^\n]*)*")),
    ("missing char", re.compile(r"Missing character: There is no [^\n]*")),
    ("font warning", re.compile(r"(?:Package fontspec Warning|LaTeX Font Warning):[^\n]*")),
    ("microtype warning", re.compile(r"Package microtype Warning:[^\n]*(?:\n\(microtype\)[^\n]*)*")),
]


def log_findings(log, lang):
    """Short labels for the table and the full lines for stderr."""
    labels, lines = [], []
    # LuaLaTeX loads a language's patterns when babel first selects it, and logs the file
    # (English's are in the format): a language without them would be hyphenated as English
    for f, _ in LANGS[lang]["tex"]:
        if f.startswith("hyph-") and f not in re.sub(r"\n", "", log):
            labels.append("%s NOT loaded" % f)
    for label, rx in LOG_CHECKS:
        # microtype's generic protrusion lists name letters a font lacks (Arabic, CJK): noise
        hits = [h for h in rx.findall(log) if "Unknown slot number" not in h]
        if hits:
            labels.append("%s ×%d" % (label, len(hits)))
            lines += [re.sub(r"\s+", " ", h) for h in hits[:5]]
    over = len(re.findall(r"^Overfull \\hbox", log, re.M))
    under = len(re.findall(r"^Underfull \\hbox", log, re.M))
    if over:
        labels.append("overfull ×%d" % over)
    if under:
        labels.append("underfull ×%d" % under)
    if not re.search(r"[Ff]ont expansion enabled", log):
        labels.append("NO expansion")
    if not re.search(r"Character protrusion enabled", log):
        labels.append("NO protrusion")
    return labels, lines


def run_lualatex(lualatex, tex_text, lang, work):
    d = os.path.join(work, "lualatex")
    os.makedirs(d, exist_ok=True)
    tex = os.path.join(d, lang + ".tex")
    with open(tex, "w", encoding="utf-8") as f:
        f.write(tex_text)
    shutil.copy(os.path.join(HERE, "rtl-visual.lua"), d)
    t = time.monotonic()
    log = ""
    for _ in range(2):  # a second run only when LaTeX asks for one (no cross-references here)
        r = subprocess.run([lualatex, "-interaction=nonstopmode", "-halt-on-error", lang + ".tex"],
                           cwd=d, capture_output=True, text=True, errors="replace")
        logf = os.path.join(d, lang + ".log")
        log = open(logf, encoding="utf-8", errors="replace").read() if os.path.exists(logf) else r.stdout
        if r.returncode != 0 or not re.search(r"Rerun to get", log):
            break
    dt = time.monotonic() - t
    pdf = os.path.join(d, lang + ".pdf")
    if r.returncode != 0 or not os.path.exists(pdf):
        err = re.findall(r"^! .*(?:\n.*){0,3}", log, re.M)
        sys.stderr.write("lualatex failed on %s (exit %d): %s\n" % (lang, r.returncode,
                                                                     "\n".join(err[:3]) or r.stdout[-2000:]))
        return None, dt, log
    return pdf, dt, log


MIN_LINES = 20  # fewer measured lines than this: no figure


def too_few(vals):
    return not vals or int(vals.get("lines", "0")) < MIN_LINES


def fmt(vals, key, cjk=False):
    """A figure for the table; cjk_spacing.py's are marked "CJK"."""
    return ("CJK " if cjk else "") + ("n/a" if too_few(vals) else vals.get(key, "?"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quire", default=os.path.join(ROOT, "build", "quire"), help="quire binary (default build/quire)")
    ap.add_argument("--only", help="comma-separated languages (default: all of %s)" % ",".join(ORDER))
    ap.add_argument("--keep", metavar="DIR", help="keep the .tex, logs and both PDFs in DIR/LANG/")
    ap.add_argument("--spacing", default=os.path.join(SHARED_TOOLS, "spacing.py"),
                    help="spacing.py (default ../shared/tools/spacing.py)")
    ap.add_argument("--cjk-spacing", default=os.path.join(ROOT, "bench", "cjk_spacing.py"),
                    help="cjk_spacing.py, the measure for Chinese (default bench/cjk_spacing.py)")
    ap.add_argument("--lualatex", default="lualatex", help="the lualatex command (default lualatex)")
    ap.add_argument("--babel-hyphenmins", action="store_true",
                    help="keep babel's hyphenation minimums (default: quire's; they differ for fr and tr)")
    ap.add_argument("--fixtures", default=FIXTURES, help="folder of LANG.txt articles")
    a = ap.parse_args()

    langs = [l.strip() for l in a.only.split(",")] if a.only else ORDER
    bad = [l for l in langs if l not in LANGS]
    if bad:
        ap.error("unknown language(s): %s (known: %s)" % (",".join(bad), ",".join(ORDER)))
    miss = missing_requirements(langs, a.lualatex)
    if miss:
        sys.stderr.write("missing for the LuaLaTeX comparison:\n")
        for what, pkg in miss:
            sys.stderr.write("  %s (Debian package %s)\n" % (what, pkg))
        sys.stderr.write("install the comparison's packages (from the repository's top folder):\n  %s\n" % INSTALL)
        sys.exit(2)
    cjk = any(LANGS[l].get("cjk") for l in langs)
    for path, what in [(a.quire, "quire binary"), (a.spacing, "spacing.py")] + \
            ([(a.cjk_spacing, "cjk_spacing.py")] if cjk else []):
        if not os.path.isfile(path):
            sys.stderr.write("no %s at %s\n" % (what, path))
            sys.exit(2)
    parse = load_parser()

    rows, status = [], 0
    for lang in langs:
        src = os.path.join(a.fixtures, lang + ".txt")
        if not os.path.isfile(src):
            sys.stderr.write("no fixture %s\n" % src)
            status = 1
            continue
        work = tempfile.mkdtemp(prefix="quire-lualatex-%s-" % lang)
        try:
            art = parse(src)
            qpdf, qt = run_quire(a.quire, src, work)
            lpdf, lt, log = run_lualatex(a.lualatex, latex_document(art, lang, a.babel_hyphenmins), lang, work)
            measure = a.cjk_spacing if LANGS[lang].get("cjk") else a.spacing
            q = spacing(measure, qpdf) if qpdf else None
            l = spacing(measure, lpdf) if lpdf else None
            labels, lines = log_findings(log, lang) if lpdf else (["FAILED"], [])
            for ln in lines:
                sys.stderr.write("%s: %s\n" % (lang, ln))
            if not qpdf or not lpdf:
                status = 1
            rows.append((lang, q, l, pages(qpdf) if qpdf else 0, pages(lpdf) if lpdf else 0, qt, lt,
                         labels))
            sys.stderr.write("%s: quire %.1f s, lualatex %.1f s\n" % (lang, qt, lt))
            if a.keep:
                dest = os.path.join(a.keep, lang)
                os.makedirs(dest, exist_ok=True)
                if qpdf:
                    shutil.copy(qpdf, os.path.join(dest, lang + "-quire.pdf"))
                if lang == "ar":
                    shutil.copy(os.path.join(HERE, "rtl-visual.lua"), dest)
                for ext in (".tex", ".log", ".pdf"):
                    f = os.path.join(work, "lualatex", lang + ext)
                    if os.path.exists(f):
                        shutil.copy(f, os.path.join(dest, lang + ("-lualatex.pdf" if ext == ".pdf" else ext)))
        finally:
            shutil.rmtree(work, ignore_errors=True)

    print("| language | quire cv | quire loose | LuaLaTeX cv | LuaLaTeX loose | pages (quire / LuaLaTeX) "
          "| lines measured (quire / LuaLaTeX) | seconds (quire / LuaLaTeX) | LuaLaTeX log |")
    print("|---|---|---|---|---|---|---|---|---|")
    for lang, q, l, qp, lp, qt, lt, labels in rows:
        c = bool(LANGS[lang].get("cjk"))
        print("| %s | %s | %s | %s | %s | %d / %d | %s%s / %s | %.1f / %.1f | %s |" % (
            lang, fmt(q, "cv", c), fmt(q, "loose_share", c), fmt(l, "cv", c), fmt(l, "loose_share", c), qp, lp,
            "CJK " if c else "", (q or {}).get("lines", "-"), (l or {}).get("lines", "-"), qt, lt,
            ", ".join(labels) or "clean"))
    cjk_rows = [r for r in rows if LANGS[r[0]].get("cjk")]
    if cjk_rows:
        print("\nCJK: bench/cjk_spacing.py's figures, not spacing.py's (%s has no word spaces): cv and loose "
              "share of the per-line mean gap between ideographs or kana, loose meaning over the median "
              "+ 0.1 em. Median gap and sd of the per-line gap (em), quire / LuaLaTeX: %s." % (
                  ", ".join(LANGS[r[0]]["name"] for r in cjk_rows),
                  "; ".join("%s %s / %s, sd %s / %s" % (lang, (q or {}).get("median_gap_em", "-"),
                                                        (l or {}).get("median_gap_em", "-"),
                                                        (q or {}).get("sd_em", "-"), (l or {}).get("sd_em", "-"))
                            for lang, q, l, *_ in cjk_rows)))
    if any(too_few(q) or too_few(l) for _, q, l, *_ in rows):
        print("\nn/a: the measure found fewer than %d lines (spacing.py needs lines of 4 or more words, "
              "cjk_spacing.py lines with 3 or more gaps between ideographs or kana)." % MIN_LINES)
    sys.exit(status)


if __name__ == "__main__":
    main()
