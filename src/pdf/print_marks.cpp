// pdf/print_marks: a print file's marks outside the bleed (ContentWriter::print_marks, see
// content_stream.hpp): crop marks, registration targets and the slug line.
//
// Geometry, trim-relative (the page's own coordinates), with b the bleed: each crop mark starts
// kGap beyond the bleed and runs kMark long, on the lines of the trim's edges, so none reaches
// into the bleed; the registration targets (a circle and a cross) sit kTarget beyond the bleed
// at the middle of each edge; the slug line's baseline is kSlugDepth below the bleed, from
// kSlugIndent right of the trim's left edge. kMarksMargin (pdf/writer's MediaBox) holds them all.
#include "pdf/content_stream.hpp"

#include "text/shape.hpp"

#include <cmath>

namespace quire::inline v0::pdf {

namespace {

constexpr double kGap = 2;           // between the bleed and a crop mark
constexpr double kMark = 15;         // a crop mark's length
constexpr double kTarget = 12;       // a registration target's centre beyond the bleed
constexpr double kRadius = 4;        // its circle
constexpr double kCross = 6;         // half its cross
constexpr double kSlugSize = 6;      // the slug line's type size
constexpr double kSlugDepth = 14;    // its baseline below the bleed
constexpr double kSlugIndent = 20;   // its start right of the trim's left edge
constexpr double kLineWidth = 0.25;  // of the marks

void line(std::string& out, double x0, double y0, double x1, double y1) {
    put_num(out, x0), out += ' ', put_num(out, y0), out += " m ";
    put_num(out, x1), out += ' ', put_num(out, y1), out += " l S\n";
}

/// A circle of radius r about (x, y), four Bézier quarters.
void circle(std::string& out, double x, double y, double r) {
    const double k = 0.5523 * r;
    auto pt = [&](double px, double py) {
        put_num(out, px), out += ' ', put_num(out, py), out += ' ';
    };
    pt(x + r, y), out += "m ";
    pt(x + r, y + k), pt(x + k, y + r), pt(x, y + r), out += "c ";
    pt(x - k, y + r), pt(x - r, y + k), pt(x - r, y), out += "c ";
    pt(x - r, y - k), pt(x - k, y - r), pt(x, y - r), out += "c ";
    pt(x + k, y - r), pt(x + r, y - k), pt(x + r, y), out += "c S\n";
}

void target(std::string& out, double x, double y) {
    circle(out, x, y, kRadius);
    line(out, x - kCross, y, x + kCross, y);
    line(out, x, y - kCross, x, y + kCross);
}

/// `text` shaped left to right in `face` at `size`, from (x, y).
layout::GlyphRun slug_run(const text::Face& face, const std::string& text, double x, double y) {
    layout::GlyphRun run;
    run.face = &face;
    run.size = kSlugSize;
    run.text = text;
    const auto gs = text::shape_label(face, text, kSlugSize);
    for (std::size_t i = 0; i < gs.size(); ++i) {
        const std::uint32_t end =
            i + 1 < gs.size() ? gs[i + 1].cluster : static_cast<std::uint32_t>(text.size());
        const bool first = i == 0 || gs[i - 1].cluster != gs[i].cluster;
        run.glyphs.push_back({gs[i].gid, x + gs[i].dx, y + gs[i].dy, first ? gs[i].cluster : 0,
                              first ? std::max(end, gs[i].cluster) : 0});
        x += gs[i].advance;
    }
    return run;
}

}  // namespace

void ContentWriter::print_marks(std::string& out, const layout::Page& p, double bleed,
                                const layout::PrintSettings& settings, const std::string& slug,
                                std::set<std::size_t>& used) {
    const double w = p.width, h = p.height, b = bleed;
    // The slug line first: the bottom target stands aside when the line would reach it.
    layout::GlyphRun run;
    double slug_end = 0;
    if (settings.slug && !slug.empty() && !fonts_.fonts.empty()) {
        run = slug_run(fonts_.fonts.front()->face(), slug, kSlugIndent, -(b + kSlugDepth));
        for (const auto& g : run.glyphs) slug_end = std::max(slug_end, g.x + kSlugSize);
    }
    if (settings.crop_marks || settings.registration_marks) {
        out += "q\n/Artifact BMC\n/Reg CS 1 SCN ";
        put_num(out, kLineWidth);
        out += " w\n";
        if (settings.crop_marks) {
            const double a = b + kGap, z = b + kGap + kMark;
            for (const double cx : {0.0, w})
                for (const double cy : {0.0, h}) {
                    const double sx = cx == 0 ? -1 : 1, sy = cy == 0 ? -1 : 1;
                    line(out, cx + sx * a, cy, cx + sx * z, cy);
                    line(out, cx, cy + sy * a, cx, cy + sy * z);
                }
        }
        if (settings.registration_marks) {
            const double d = b + kTarget;
            target(out, w / 2, h + d);
            target(out, -d, h / 2);
            target(out, w + d, h / 2);
            if (slug_end < w / 2 - kCross - 4) target(out, w / 2, -d);
        }
        out += "EMC\nQ\n";
    }
    if (run.glyphs.empty()) return;
    // In its own text object, an artifact, in black.
    out_.clear();
    out_ += "BT\n0 g\n";
    color_ = 0;
    mark(run);
    write_page_run(run, used);
    close_marked();
    out_ += "ET\n";
    out += out_;
}

}  // namespace quire::inline v0::pdf
