// layout/linebreak: Knuth–Plass total-fit line breaking (see linebreak.hpp).
//
// Invariants: every returned line starts at a box or forced break after the previous break,
// lines cover the items in order, and the last line ends at the final forced break. The active
// list holds at most one node per (position, fitness class); nodes die when their line would be
// overfull or at a forced break. In pass 3, when the last node that could reach a break dies
// overfull with no other line reaching it, it breaks there anyway (an overfull line, TeX's
// artificial demerits), so some set of breaks always exists and the work stays linear.
//
// The work is split as the algorithm is: a Breaker holds the paragraph (prefix sums of its
// widths) and the buffers of a pass, allocated once for all passes; each legal break tries the
// line from every active node (try_line: its adjustment ratio, then its demerits), keeps the
// best way per fitness class and hyphen run, and turns those into new nodes (add_nodes).
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
    /// First item of the line after the break (line_start; the root's is 0).
    std::size_t start = 0;
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

/// The best way found so far to reach the break under consideration.
struct Candidate {
    double demerits = std::numeric_limits<double>::infinity();
    int prev = -1;
    double ratio = 0;
};

/// What a pass accepts. Pass 1: within the tolerance. Pass 2 (with \emergencystretch only):
/// the same with extra stretch on every line. Pass 3: any badness. Pass 4: overfull lines
/// where nothing else fits.
struct PassRules {
    double tolerance = 0;
    double background_stretch = 0;  ///< stretch added to every line (pass 2)
    bool allow_overfull = false;
    int hyphen_limit = 0;  ///< hyphenated lines in a row; 0: no limit (the last pass)
    /// A little over the largest adjustment ratio whose badness is within the tolerance
    /// (badness = 100 r^3): a looser line is rejected before its ratio is worked out.
    double max_ratio = std::numeric_limits<double>::infinity();
};

PassRules rules_for(int pass, const BreakParams& params) {
    PassRules r;
    r.tolerance = pass <= 2 ? params.tolerance : std::numeric_limits<double>::infinity();
    r.background_stretch = pass == 2 ? params.emergency_stretch : 0;
    r.allow_overfull = pass == 4;
    r.hyphen_limit = pass <= 3 ? params.max_consecutive_hyphens : 0;
    if (std::isfinite(r.tolerance))
        r.max_ratio = std::cbrt(std::max(0.0, r.tolerance) / 100.0) * 1.001 + 1e-9;
    return r;
}

/// A legal break under consideration: items[pos].
struct BreakAt {
    std::size_t pos = 0;
    const Item* item = nullptr;
    bool forced = false;    ///< a penalty of -kInfinity
    bool flagged = false;   ///< a hyphen break
    bool last = false;      ///< the paragraph's final forced break
    double width = 0;       ///< width the break adds to the line (a penalty's)
    double protrusion = 0;  ///< how far the line ending here hangs into the margin
};

/// A line's adjustment ratio: `r` decides whether the breaker accepts it, `set` is the ratio it
/// is set with (without the emergency stretch).
struct Ratio {
    double r = 0, set = 0;
};

class Breaker {
public:
    Breaker(const std::vector<Item>& items, const std::vector<double>& widths,
            const BreakParams& params)
        : items_(items),
          widths_(widths),
          params_(params),
          n_(items.size()),
          sw_(n_ + 1, 0),
          sy_(n_ + 1, 0),
          sz_(n_ + 1, 0),
          sey_(n_ + 1, 0),
          sez_(n_ + 1, 0),
          sky_(n_ + 1, 0),
          // The best way to reach a break per fitness class and per count of hyphenated lines
          // in a row (0, 1, 2 or more): a line with fewer hyphens before it may allow a hyphen
          // later that the cheaper way forbids. Reset at each break, allocated once.
          runs_(std::max(3, params.max_consecutive_hyphens + 1)),
          best_(static_cast<std::size_t>(runs_)) {
        for (std::size_t i = 0; i < n_; ++i) {
            const Item& it = items[i];
            const bool counts = it.kind != Item::Kind::penalty;
            const bool box = it.kind == Item::Kind::box;
            sw_[i + 1] = sw_[i] + (counts ? it.width : 0);
            sy_[i + 1] = sy_[i] + (box ? 0 : it.stretch);
            sz_[i + 1] = sz_[i] + (box ? 0 : it.shrink);
            sey_[i + 1] = sey_[i] + (box ? it.stretch : 0);
            sez_[i + 1] = sez_[i] + (box ? it.shrink : 0);
            sky_[i + 1] = sky_[i] + (box ? it.kashida : 0);
        }
    }

    /// Runs one pass over the paragraph; returns the best node at the final break, or -1 when
    /// no set of breaks passes.
    int run_pass(const PassRules& rules) {
        nodes_.assign(1, Node{});
        active_.assign(1, 0);
        final_node_ = -1;
        for (std::size_t i = 0; i < n_ && !active_.empty(); ++i) {
            const Item& it = items_[i];
            bool legal = false;
            if (it.kind == Item::Kind::penalty)
                legal = it.penalty < kInfinity;
            else if (it.kind == Item::Kind::glue)
                legal = i > 0 && items_[i - 1].kind == Item::Kind::box;
            if (!legal) continue;
            BreakAt at;
            at.pos = i;
            at.item = &it;
            at.forced = it.kind == Item::Kind::penalty && it.penalty <= -kInfinity;
            at.flagged = it.kind == Item::Kind::penalty && it.flagged;
            at.last = at.forced && i + 1 == n_;
            at.width = it.kind == Item::Kind::penalty ? it.width : 0;
            at.protrusion = it.end_protrusion;
            consider(at, rules);
        }
        return final_node_;
    }

    /// The lines that end at `final_node`, first to last.
    std::vector<Line> lines_to(int final_node) const {
        std::vector<Line> lines;
        for (int k = final_node; k > 0; k = nodes_[static_cast<std::size_t>(k)].prev) {
            const Node& node = nodes_[static_cast<std::size_t>(k)];
            const int p = node.prev;
            Line l;
            l.start = nodes_[static_cast<std::size_t>(p)].start;
            l.end = node.pos;
            l.ratio = node.ratio;
            lines.push_back(l);
        }
        return {lines.rbegin(), lines.rend()};
    }

private:
    double width_of_line(std::size_t line) const {
        if (widths_.empty()) return 0.0;
        return widths_[std::min(line, widths_.size() - 1)];
    }

    /// First item of a line that starts after a break at `pos` (discardables are dropped).
    std::size_t line_start(std::size_t pos) const {
        std::size_t s = pos + 1;
        while (s < n_ && items_[s].kind != Item::Kind::box &&
               !(items_[s].kind == Item::Kind::penalty && items_[s].penalty <= -kInfinity))
            ++s;
        return s;
    }

    /// Tries the line from every active node to the break, and adds the best ways to it.
    void consider(const BreakAt& at, const PassRules& rules) {
        for (auto& row : best_) row.fill(Candidate{});
        kept_ = 0;  // the nodes that stay active are moved down in place
        for (std::size_t ai = 0; ai < active_.size(); ++ai) try_line(ai, at, rules);
        active_.resize(kept_);
        add_nodes(at);
    }

    /// The adjustment ratio of items [s, at.pos) set from the break of `node`.
    Ratio ratio_of(const Node& node, int a, std::size_t s, const BreakAt& at,
                   const PassRules& rules) const {
        const std::size_t i = at.pos;
        // The break that starts this line may add post-break width and take its start
        // protrusion (see Item); the first line's is in its width (break_lines).
        const Item* from = a != 0 ? &items_[node.pos] : nullptr;
        const double post = from ? from->post_width : 0;
        const double protrusion = at.protrusion + (from ? from->start_protrusion : 0);
        double natural = sw_[i] - sw_[s] + at.width + post - protrusion;
        const double target = width_of_line(node.line);
        // Font expansion first, as pdfTeX's \pdfadjustspacing=2: the boxes' stretch (shrink)
        // takes the shortfall (excess) as far as it reaches, the glue the rest.
        if (natural < target)
            natural = std::min(target, natural + (sey_[i] - sey_[s]));
        else if (natural > target)
            natural = std::max(target, natural - (sez_[i] - sez_[s]));
        Ratio r;
        if (natural < target) {
            const double y = sy_[i] - sy_[s] + (sky_[i] - sky_[s]) + rules.background_stretch;
            // Most lines tried are far too loose (from a node a few words back): told without
            // a division, by a bound just above the tolerance's ratio, so that no line the
            // exact test accepts is turned away here.
            if (target - natural > rules.max_ratio * y) {
                r.r = r.set = std::numeric_limits<double>::infinity();
                return r;
            }
            r.r = y > 0 ? (target - natural) / y : std::numeric_limits<double>::infinity();
        } else if (natural > target) {
            const double z = sz_[i] - sz_[s];
            r.r = z > 0 ? (target - natural) / z : -std::numeric_limits<double>::infinity();
        } else {
            r.r = 0;
        }
        // The line is set with its real stretch: emergency stretch only makes the breaker
        // accept it (TeX sets such lines underfull-looking but full measure).
        r.set = r.r;
        if (rules.background_stretch > 0 && natural < target) {
            const double y0 = sy_[i] - sy_[s] + (sky_[i] - sky_[s]);
            r.set = y0 > 0 ? (target - natural) / y0 : 0;
        }
        return r;
    }

    /// The demerits of a line of `badness` and fitness class `fc` from `node` to the break,
    /// the node's own included.
    double demerits(const Node& node, const BreakAt& at, double badness, int fc) const {
        const Item& it = *at.item;
        double d = params_.line_penalty + badness;
        d = d * d;
        if (it.kind == Item::Kind::penalty) {
            if (it.penalty >= 0)
                d += double(it.penalty) * it.penalty;
            else if (!at.forced)
                d -= double(it.penalty) * it.penalty;
        }
        if (at.flagged && node.flagged) d += params_.double_hyphen_demerits;
        // A hyphen ending the last full line (tex.web §859).
        if (at.last && node.flagged) d += params_.final_hyphen_demerits;
        if (std::abs(fc - node.fitness) > 1) d += params_.adj_demerits;  // root: decent
        return d + node.demerits;
    }

    /// Whether no line reaches the break yet.
    bool none_yet() const {
        return std::all_of(std::begin(best_), std::end(best_), [](const auto& row) {
            return std::all_of(std::begin(row), std::end(row),
                               [](const auto& b) { return b.prev < 0; });
        });
    }

    /// The line from active node active_[ai] to the break: a candidate when acceptable; the
    /// node stays active unless the line is overfull or the break forced.
    void try_line(std::size_t ai, const BreakAt& at, const PassRules& rules) {
        const int a = active_[ai];
        const Node& node = nodes_[static_cast<std::size_t>(a)];
        const std::size_t s = node.start;
        if (s > at.pos) {
            active_[kept_++] = a;
            return;
        }
        const Ratio r = ratio_of(node, a, s, at, rules);
        const bool overfull = r.r < -1;
        const bool keep = !overfull && !at.forced;
        // Pass 3 (TeX's final pass, tex.web §851): an overfull line is taken only from the
        // last node that could reach this break when no other line reaches it, and that
        // node dies like any overfull one. So the active list stays a line long (keeping
        // overfull nodes alive made a long paragraph quadratic) and never runs empty.
        const bool artificial = rules.allow_overfull && overfull && kept_ == 0 &&
                                ai + 1 == active_.size() && none_yet();
        const int run = at.flagged ? std::min(node.hyphens + 1, runs_ - 1) : 0;
        const bool over_limit =
            at.flagged && rules.hyphen_limit > 0 && node.hyphens + 1 > rules.hyphen_limit;
        const double badness = std::isinf(r.r) ? 1e10 : 100.0 * std::abs(r.r) * r.r * r.r;
        auto& row = best_[static_cast<std::size_t>(run)];
        if (artificial) {
            const int fc = fitness_class(r.r);
            if (node.demerits < row[fc].demerits) row[fc] = {node.demerits, a, r.set};
        } else if (!overfull && badness <= rules.tolerance && !over_limit) {
            const int fc = fitness_class(r.r);
            const double d = demerits(node, at, badness, fc);
            if (d < row[fc].demerits) row[fc] = {d, a, r.set};
        }
        if (keep) active_[kept_++] = a;
    }

    /// A node for each best way to the break; at the final break, the best one is kept.
    void add_nodes(const BreakAt& at) {
        for (int fc = 0; fc < 4; ++fc) {
            for (int hr = 0; hr < runs_; ++hr) {
                const Candidate& c = best_[static_cast<std::size_t>(hr)][fc];
                if (c.prev < 0) continue;
                Node nn;
                nn.pos = at.pos;
                nn.start = line_start(at.pos);
                nn.line = nodes_[static_cast<std::size_t>(c.prev)].line + 1;
                nn.fitness = fc;
                nn.demerits = c.demerits;
                nn.ratio = c.ratio;
                nn.prev = c.prev;
                nn.flagged = at.flagged;
                nn.hyphens = hr;
                nodes_.push_back(nn);
                const int id = static_cast<int>(nodes_.size() - 1);
                if (at.last) {
                    if (final_node_ < 0 ||
                        nn.demerits < nodes_[static_cast<std::size_t>(final_node_)].demerits)
                        final_node_ = id;
                } else {
                    active_.push_back(id);
                }
            }
        }
    }

    const std::vector<Item>& items_;
    const std::vector<double>& widths_;
    const BreakParams& params_;
    const std::size_t n_;
    std::vector<double> sw_, sy_, sz_;  ///< prefix sums of width, glue stretch and shrink
    std::vector<double> sey_, sez_;     ///< and of the boxes' stretch and shrink (expansion)
    std::vector<double> sky_;           ///< and of the boxes' kashida
    const int runs_;                    ///< rows of best_: hyphen runs told apart
    std::vector<std::array<Candidate, 4>> best_;
    std::vector<Node> nodes_;
    std::vector<int> active_;
    std::size_t kept_ = 0;  ///< active nodes kept so far at the break under consideration
    int final_node_ = -1;
};

}  // namespace

std::vector<Line> break_lines(const std::vector<Item>& items, const std::vector<double>& widths,
                              const BreakParams& params) {
    Breaker breaker(items, widths, params);
    for (int pass = 1; pass <= 4; ++pass) {
        if (pass == 2 && !(params.emergency_stretch > 0)) continue;
        const int final_node = breaker.run_pass(rules_for(pass, params));
        if (final_node >= 0) return breaker.lines_to(final_node);
    }
    return {};  // only when the items do not end with a forced break
}

}  // namespace quire::inline v0::layout
