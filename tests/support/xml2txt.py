#!/usr/bin/env python3
"""The plain-text article form (what ../shared/tools/pdfcheck.py reads) of an article in quire's
XML: the title line, each block of the body as a paragraph (a table row as its cells, a figure
as its caption, a code block's lines), the notes as "[n] text", the author's name and bio (the
first author's, as the plain-text form has one).

usage: xml2txt.py ARTICLE.xml > ARTICLE.txt"""
import sys
import xml.etree.ElementTree as ET

NS = "{urn:x-quire:article:1}"


def text(e):
    """The text of an inline element, note references as [n]; a cross-reference as nothing (the
    PDF prints its target's label, number and maybe page, which the source does not say)."""
    out = e.text or ""
    for c in e:
        if c.tag == NS + "ref":
            out += f"[{c.get('n')}]"
        elif c.tag != NS + "xref":
            out += text(c)
        out += c.tail or ""
    return " ".join(out.split())


def blocks(e, out):
    for c in e:
        tag = c.tag[len(NS):]
        if tag in ("quote", "list", "item"):
            blocks(c, out)
        elif tag == "table":
            for row in c.findall(NS + "row"):
                out.append(" ".join(text(cell) for cell in row.findall(NS + "cell")))
        elif tag == "pre":
            out.append(" ".join((c.text or "").split()))
        else:  # p, h, figure (its caption)
            out.append(text(c))


def main():
    root = ET.parse(sys.argv[1]).getroot()
    meta = root.find(NS + "meta")
    paras = [meta.find(NS + "title").text]
    blocks(root.find(NS + "body"), paras)
    notes = root.find(NS + "notes")
    if notes is not None:
        for n in notes.findall(NS + "note"):
            paras.append(f"[{n.get('n')}] " + " ".join(text(p) for p in n.findall(NS + "p")))
    bio = root.find(NS + "bio")
    if bio is not None:
        paras.append(bio.find(NS + "name").text + "\n" +
                     "\n".join(text(p) for p in bio.findall(NS + "p")))
    print("\n\n".join(p for p in paras if p))


if __name__ == "__main__":
    main()
