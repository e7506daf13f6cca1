// layout/linebreak: Knuth–Plass total-fit line breaking (see linebreak.hpp).
//
// Invariants: every returned line starts at a box or forced break after the previous break,
// lines cover the items in order, and the last line ends at the final forced break. The active
// list holds at most one node per (position, fitness class); nodes die when their line would be
// overfull or at a forced break. In pass 3, when the last node that could reach a break dies
// overfull with no other line reaching it, it breaks there anyway (an overfull line, TeX's
// artificial demerits), so some set of breaks always exists and the work stays linear.
#include "layout/linebreak.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>

namespace quire::inline v0::layout {

namespace {

struct Node {
    std::size_t pos = 0;
    std::size_t line = 0;  ///< number of lines before the break
    int fitness = 1;
    double demerits = 0;
    double ratio = 0;
    int prev = -1;
    bool active = true;
    bool flagged = false;
    int hyphens = 0;  ///< hyphenated lines in a row ending here
};

int fitness_class(double r) {
    if (r < -0.5) return 0;
    if (r <= 0.5) return 1;
    if (r <= 1.0) return 2;
    return 3;
}

}  // namespace

std::vector<Line> break_lines(const std::vector<Item>& items, const std::vector<double>& widths,
                              const BreakParams& params) {
    const std::size_t n = items.size();
    std::vector<double> sw(n + 1, 0), sy(n + 1, 0), sz(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Item& it = items[i];
        const bool counts = it.kind != Item::Kind::penalty;
        sw[i + 1] = sw[i] + (counts ? it.width : 0);
        sy[i + 1] = sy[i] + it.stretch;
        sz[i + 1] = sz[i] + it.shrink;
    }
    auto width_of_line = [&](std::size_t line) {
        if (widths.empty()) return 0.0;
        return widths[std::min(line, widths.size() - 1)];
    };
    // First item of a line that starts after a break at `pos` (discardables are dropped).
    auto line_start = [&](std::size_t pos, bool root) {
        if (root) return pos;
        std::size_t s = pos + 1;
        while (s < n && items[s].kind != Item::Kind::box &&
               !(items[s].kind == Item::Kind::penalty && items[s].penalty <= -kInfinity))
            ++s;
        return s;
    };

    // Pass 1: within the tolerance. Pass 2 (with \emergencystretch only): the same with extra
    // stretch on every line. Pass 3: any badness. Pass 4: overfull lines where nothing else fits.
    for (int pass = 1; pass <= 4; ++pass) {
        if (pass == 2 && !(params.emergency_stretch > 0)) continue;
        const double tolerance =
            pass <= 2 ? params.tolerance : std::numeric_limits<double>::infinity();
        const double background_stretch = pass == 2 ? params.emergency_stretch : 0;
        const bool allow_overfull = pass == 4;
        std::vector<Node> nodes;
        nodes.push_back(Node{});
        std::vector<int> active{0};
        int final_node = -1;

        struct Candidate {
            double demerits = std::numeric_limits<double>::infinity();
            int prev = -1;
            double ratio = 0;
        };
        // The best way to reach a break per fitness class and per count of hyphenated lines in
        // a row (0, 1, 2 or more): a line with fewer hyphens before it may allow a hyphen later
        // that the cheaper way forbids. Reset at each break, allocated once.
        const int kRuns = std::max(3, params.max_consecutive_hyphens + 1);
        std::vector<std::array<Candidate, 4>> best(static_cast<std::size_t>(kRuns));
        std::vector<int> still_active;

        for (std::size_t i = 0; i < n && !active.empty(); ++i) {
            const Item& it = items[i];
            bool legal = false;
            if (it.kind == Item::Kind::penalty)
                legal = it.penalty < kInfinity;
            else if (it.kind == Item::Kind::glue)
                legal = i > 0 && items[i - 1].kind == Item::Kind::box;
            if (!legal) continue;
            const bool forced = it.kind == Item::Kind::penalty && it.penalty <= -kInfinity;
            const double pen_w = it.kind == Item::Kind::penalty ? it.width : 0;

            for (auto& row : best) row.fill(Candidate{});
            const bool flagged_here = it.kind == Item::Kind::penalty && it.flagged;
            const int limit = pass <= 3 ? params.max_consecutive_hyphens : 0;
            still_active.clear();
            for (std::size_t ai = 0; ai < active.size(); ++ai) {
                const int a = active[ai];
                const Node& node = nodes[static_cast<std::size_t>(a)];
                const std::size_t s = line_start(node.pos, a == 0);
                if (s > i) {
                    still_active.push_back(a);
                    continue;
                }
                // The break that starts this line may add post-break width (see Item).
                const double post = a != 0 && items[node.pos].kind == Item::Kind::penalty
                                        ? items[node.pos].post_width
                                        : 0;
                const double natural = sw[i] - sw[s] + pen_w + post;
                const double target = width_of_line(node.line);
                double r;
                if (natural < target) {
                    const double y = sy[i] - sy[s] + background_stretch;
                    r = y > 0 ? (target - natural) / y : std::numeric_limits<double>::infinity();
                } else if (natural > target) {
                    const double z = sz[i] - sz[s];
                    r = z > 0 ? (target - natural) / z : -std::numeric_limits<double>::infinity();
                } else {
                    r = 0;
                }
                // The line is set with its real stretch: emergency stretch only makes the
                // breaker accept it (TeX sets such lines underfull-looking but full measure).
                double r_set = r;
                if (background_stretch > 0 && natural < target) {
                    const double y0 = sy[i] - sy[s];
                    r_set = y0 > 0 ? (target - natural) / y0 : 0;
                }
                const bool overfull = r < -1;
                const bool keep = !overfull && !forced;
                // Pass 3 (TeX's final pass, tex.web §851): an overfull line is taken only from the
                // last node that could reach this break when no other line reaches it, and that
                // node dies like any overfull one. So the active list stays a line long (keeping
                // overfull nodes alive made a long paragraph quadratic) and never runs empty.
                auto none_yet = [&] {
                    return std::all_of(std::begin(best), std::end(best), [](const auto& row) {
                        return std::all_of(std::begin(row), std::end(row),
                                           [](const auto& b) { return b.prev < 0; });
                    });
                };
                const bool artificial = allow_overfull && overfull && still_active.empty() &&
                                        ai + 1 == active.size() && none_yet();
                const int run = flagged_here ? std::min(node.hyphens + 1, kRuns - 1) : 0;
                const bool over_limit = flagged_here && limit > 0 && node.hyphens + 1 > limit;
                const double badness = std::isinf(r) ? 1e10 : 100.0 * std::abs(r) * r * r;
                if (artificial) {
                    const int fc = fitness_class(r);
                    if (node.demerits < best[static_cast<std::size_t>(run)][fc].demerits)
                        best[static_cast<std::size_t>(run)][fc] = {node.demerits, a, r_set};
                } else if (!overfull && badness <= tolerance && !over_limit) {
                    double d = params.line_penalty + badness;
                    d = d * d;
                    if (it.kind == Item::Kind::penalty) {
                        if (it.penalty >= 0)
                            d += double(it.penalty) * it.penalty;
                        else if (!forced)
                            d -= double(it.penalty) * it.penalty;
                    }
                    const bool flagged = it.kind == Item::Kind::penalty && it.flagged;
                    if (flagged && node.flagged) d += params.double_hyphen_demerits;
                    // A hyphen ending the last full line (tex.web §859).
                    if (forced && i + 1 == n && node.flagged) d += params.final_hyphen_demerits;
                    const int fc = fitness_class(r);
                    if (std::abs(fc - node.fitness) > 1) d += params.adj_demerits;  // root: decent
                    d += node.demerits;
                    if (d < best[static_cast<std::size_t>(run)][fc].demerits)
                        best[static_cast<std::size_t>(run)][fc] = {d, a, r_set};
                }
                if (keep) still_active.push_back(a);
            }
            active.swap(still_active);
            for (int fc = 0; fc < 4; ++fc) {
                for (int hr = 0; hr < kRuns; ++hr) {
                    const Candidate& c = best[static_cast<std::size_t>(hr)][fc];
                    if (c.prev < 0) continue;
                    Node nn;
                    nn.pos = i;
                    nn.line = nodes[static_cast<std::size_t>(c.prev)].line + 1;
                    nn.fitness = fc;
                    nn.demerits = c.demerits;
                    nn.ratio = c.ratio;
                    nn.prev = c.prev;
                    nn.flagged = flagged_here;
                    nn.hyphens = hr;
                    nodes.push_back(nn);
                    const int id = static_cast<int>(nodes.size() - 1);
                    if (forced && i + 1 == n) {
                        if (final_node < 0 ||
                            nn.demerits < nodes[static_cast<std::size_t>(final_node)].demerits)
                            final_node = id;
                    } else {
                        active.push_back(id);
                    }
                }
            }
        }
        if (final_node < 0) continue;
        std::vector<Line> lines;
        for (int k = final_node; k > 0; k = nodes[static_cast<std::size_t>(k)].prev) {
            const Node& node = nodes[static_cast<std::size_t>(k)];
            const int p = node.prev;
            Line l;
            l.start = line_start(nodes[static_cast<std::size_t>(p)].pos, p == 0);
            l.end = node.pos;
            l.ratio = node.ratio;
            lines.push_back(l);
        }
        return {lines.rbegin(), lines.rend()};
    }
    return {};  // only when the items do not end with a forced break
}

}  // namespace quire::inline v0::layout
