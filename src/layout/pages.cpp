// layout/pages: the page builder with footnotes (see pages.hpp for the rules it keeps).
#include "layout/pages.hpp"

#include "base/limits.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <numeric>
#include <optional>

namespace quire::inline v0::layout {

namespace {

constexpr double kEpsilon = 1e-6;

double note_height(const NoteSpec& n, std::size_t from = 0) {
    return std::accumulate(n.lines.begin() + static_cast<std::ptrdiff_t>(from), n.lines.end(), 0.0);
}

/// A note (or the rest of one) waiting for the foot of a page.
struct Pending {
    int note = 0;
    std::size_t from = 0;  ///< first line not yet placed
};

/// Page index -> end (exclusive) of the items that page may hold: pages made to end early.
using PageLimits = std::map<std::size_t, std::size_t>;

class Builder {
public:
    Builder(const std::vector<FlowItem>& items, const std::vector<NoteSpec>& notes,
            const PageParams& p, const PageLimits& limits, std::vector<std::string>* warnings)
        : items_(items), notes_(notes), p_(p), limits_(limits), warnings_(warnings) {
        // What follows each item in its keep-with-next chain, summed once from the back: a
        // chain can be thousands of lines long (a title of a whole file), and walking it for
        // each of its items was quadratic.
        chain_rest_.assign(items_.size(), 0);
        chain_notes_.assign(items_.size(), 0);
        chain_end_.assign(items_.size(), 0);
        for (std::size_t j = items_.size(); j-- > 0;) {
            chain_end_[j] = j;
            if (chained_to_next(j)) {
                chain_rest_[j] =
                    items_[j + 1].space_before + items_[j + 1].height + chain_rest_[j + 1];
                chain_notes_[j] = items_[j + 1].notes.size() + chain_notes_[j + 1];
                chain_end_[j] = chain_end_[j + 1];
            }
        }
    }

    std::vector<PageLayout> run() {
        std::size_t i = 0;
        constexpr std::size_t kNone = static_cast<std::size_t>(-1);
        std::size_t floated = kNone;  // a figure's chain waiting for the next page's top
        while (i < items_.size() || !carry_.empty() || floated != kNone) {
            start_page();
            place_carried(i < items_.size() || floated != kNone);
            bool placed_any = false;
            if (floated != kNone) {  // the floated figure first, whole
                // (It fits a page alone and holds no notes: placed as on an empty page.) The
                // text under it keeps the space the figure had after it in the source.
                for (std::size_t k = floated; k <= chain_end_[floated]; ++k) try_place(k, true);
                placed_any = true;
                gap_after_float_ =
                    std::max(items_[chain_end_[floated] + 1].space_before, p_.float_gap);
                floated = kNone;
            }
            while (i < items_.size()) {
                const FlowItem& it = items_[i];
                if (it.break_before && (placed_any || !note_lines_.empty())) break;
                if (!try_place(i, !placed_any && note_lines_.empty())) {
                    // A figure that does not fit floats to the next page's top while the
                    // items after it fill this one.
                    if (floated == kNone && placed_any && can_float(i)) {
                        floated = i;
                        i = chain_end_[i] + 1;
                        // What follows the figure follows the text before it on this page.
                        closing_up_ = i;
                        continue;
                    }
                    break;
                }
                placed_any = true;
                ++i;
            }
            finish_page();
        }
        return std::move(pages_);
    }

private:
    /// Whether item i's chain may float: a figure whose chain references no note (notes stay
    /// on their reference's page), within this page's limit, that fits a page alone.
    bool can_float(std::size_t i) const {
        const FlowItem& it = items_[i];
        if (!it.floats || !it.notes.empty() || chain_notes_[i] > 0) return false;
        if (chain_end_[i] >= limit_ || chain_end_[i] + 1 >= items_.size()) return false;
        return it.height + chain_rest_[i] <= p_.body_height + kEpsilon;
    }

    void start_page() {
        closing_up_ = static_cast<std::size_t>(-1);
        gap_after_float_ = 0;
        page_ = PageLayout{};
        body_used_ = 0;
        notes_h_ = 0;
        note_lines_.clear();
        page_.continued_note = !carry_.empty() && carry_.front().from > 0;
        const auto lim = limits_.find(pages_.size());
        limit_ = lim != limits_.end() ? lim->second : items_.size();
    }

    double separator() const { return note_lines_.empty() ? p_.separator : 0; }

    /// Whether item j binds the next one to its page.
    bool chained_to_next(std::size_t j) const {
        return items_[j].keep_with_next && j + 1 < items_.size() && !items_[j + 1].break_before;
    }

    /// Height of a placed note line (or of the continued label).
    double line_height(const PlacedNoteLine& nl) const {
        return nl.label ? p_.continued_label_height
                        : notes_[static_cast<std::size_t>(nl.note)].lines[nl.line];
    }

    /// Takes back the last note line placed (never a note's only line on the page).
    void drop_last_note_line() {
        notes_h_ -= line_height(note_lines_.back());
        note_lines_.pop_back();
    }

    /// Lines of `note` (not its label) placed on this page.
    std::size_t lines_here(int note) const {
        std::size_t n = 0;
        for (auto it = note_lines_.rbegin(); it != note_lines_.rend() && it->note == note; ++it)
            n += it->label ? 0 : 1;
        return n;
    }

    /// Before a note is split at line `l` (the first line going over), steps back over lines
    /// that end in a hyphen, keeping at least `keep` of the note's lines on the page; returns
    /// the new split line.
    std::size_t unhyphenate_split(int note, std::size_t l, std::size_t keep) {
        const NoteSpec& n = notes_[static_cast<std::size_t>(note)];
        while (l > 0 && n.ends_hyphenated(l - 1) && lines_here(note) > keep &&
               note_lines_.back().note == note && !note_lines_.back().label &&
               note_lines_.back().line == l - 1) {
            drop_last_note_line();
            --l;
        }
        return l;
    }

    void add_note_line(int note, std::size_t line, bool label = false) {
        if (!note_lines_.empty() && note_lines_.back().note != note) notes_h_ += p_.note_gap;
        if (note_lines_.empty()) notes_h_ += p_.separator;
        note_lines_.push_back({note, line, 0, label});
        notes_h_ += line_height(note_lines_.back());
    }

    /// Places lines of notes continued from earlier pages; the rest of a split note starts
    /// under its label line.
    void place_carried(bool body_remains) {
        const double limit = body_remains ? p_.body_height * p_.max_carry_share : p_.body_height;
        while (!carry_.empty()) {
            Pending& c = carry_.front();
            const NoteSpec& n = notes_[static_cast<std::size_t>(c.note)];
            while (c.from < n.lines.size()) {
                const bool first_here = note_lines_.empty() || note_lines_.back().note != c.note;
                const bool label = first_here && c.from > 0 && p_.continued_label_height > 0;
                const double gap = (!note_lines_.empty() && first_here) ? p_.note_gap : 0;
                const double need =
                    separator() + gap + n.lines[c.from] + (label ? p_.continued_label_height : 0);
                // The first line always goes (a page holds at least one line of the note).
                if (!note_lines_.empty() && notes_h_ + need > limit + kEpsilon) {
                    c.from = unhyphenate_split(c.note, c.from, 1);
                    return;
                }
                if (label) add_note_line(c.note, c.from, true);
                add_note_line(c.note, c.from);
                ++c.from;
            }
            carry_.pop_front();
        }
    }

    /// Height of the given notes when placed whole after what the page already holds.
    double full_need(const std::vector<int>& ns) const {
        double h = 0;
        bool first = note_lines_.empty();
        for (int k : ns) {
            if (!first) h += p_.note_gap;
            first = false;
            h += note_height(notes_[static_cast<std::size_t>(k)]);
        }
        return h;
    }

    bool fits(double extra) const {
        return body_used_ + extra + notes_h_ + reserve_ <= p_.body_height + kEpsilon;
    }

    /// Height the notes need at the least on this page: all but the last whole, the last with
    /// its first min_note_lines lines.
    double min_need(const std::vector<int>& ns) const {
        if (ns.empty()) return 0;
        std::vector<int> head(ns.begin(), ns.end() - 1);
        const NoteSpec& last = notes_[static_cast<std::size_t>(ns.back())];
        const std::size_t k = std::min<std::size_t>(
            static_cast<std::size_t>(std::max(1, p_.min_note_lines)), last.lines.size());
        double h =
            separator() + full_need(head) + (head.empty() && note_lines_.empty() ? 0 : p_.note_gap);
        for (std::size_t l = 0; l < k; ++l) h += last.lines[l];
        return h;
    }

    /// Least height of the notes' first lines (min_note_lines each), with separator and gaps.
    double notes_start_need(const std::vector<int>& ns) const {
        if (ns.empty()) return 0;
        double h = separator();
        for (int k : ns) {
            const auto& ls = notes_[static_cast<std::size_t>(k)].lines;
            const std::size_t m = std::min<std::size_t>(
                static_cast<std::size_t>(std::max(1, p_.min_note_lines)), ls.size());
            for (std::size_t l = 0; l < m; ++l) h += ls[l];
            h += p_.note_gap;
        }
        return h;
    }

    bool try_place(std::size_t i, bool page_empty) {
        const FlowItem& it = items_[i];
        // A page made to end early (the last-page rule) takes no item from its end on, nor a
        // chain that reaches it; an empty page takes its first item regardless, so every page
        // makes progress.
        if (!page_empty && i >= limit_) return false;
        // At the top of a page a table's row has its header repeated above it.
        double sb = body_used_ > 0 ? it.space_before : it.head_height;
        if (body_used_ > 0 && i == closing_up_ && it.space_if_floated >= 0)
            sb = it.space_if_floated;
        if (body_used_ > 0 && gap_after_float_ > 0) sb = std::max(sb, gap_after_float_);
        // The chain this item heads or continues: items bound by keep_with_next (title lines,
        // a name and its text, the lines widow and orphan control bind) stay on one page.
        const double rest = chain_rest_[i];  // the chain's items after this one
        std::vector<int> rest_notes;
        if (chain_notes_[i] > 0)
            for (std::size_t j = i; chained_to_next(j);) {
                ++j;
                rest_notes.insert(rest_notes.end(), items_[j].notes.begin(), items_[j].notes.end());
            }
        std::vector<int> chain_notes = it.notes;
        chain_notes.insert(chain_notes.end(), rest_notes.begin(), rest_notes.end());
        // Notes count with their first lines only: placing each line decides the rest.
        const bool chain_fits_alone =
            it.height + rest + notes_start_need(chain_notes) <= p_.body_height + kEpsilon;
        if (!page_empty && rest > 0 && chain_fits_alone) {
            if (chain_end_[i] >= limit_) return false;
            if (!carry_.empty() && !chain_notes.empty()) return false;  // notes wait for the carry
            if (!fits(sb + it.height + rest + notes_start_need(chain_notes))) return false;
        }
        // While this item's notes are placed, room stays for the rest of its chain.
        reserve_ = chain_fits_alone ? rest + notes_start_need(rest_notes) : 0;
        const bool placed = place_with_notes(i, sb, page_empty);
        reserve_ = 0;
        if (placed) gap_after_float_ = 0;
        return placed;
    }

    bool place_with_notes(std::size_t i, double sb, bool page_empty) {
        const FlowItem& it = items_[i];
        const bool has_notes = !it.notes.empty();
        // New notes cannot start while an earlier note is still being continued.
        if (has_notes && !carry_.empty() && !page_empty) return false;
        const double sep = has_notes ? separator() : 0;
        if (fits(sb + it.height + sep + (has_notes ? full_need(it.notes) : 0))) {
            place_item(i, sb);
            for (int k : it.notes) place_note(k);
            return true;
        }
        if (has_notes && carry_.empty() && fits(sb + it.height + min_need(it.notes))) {
            // All notes but the last whole, the last with its first lines; the rest continues.
            place_item(i, sb);
            for (std::size_t k = 0; k + 1 < it.notes.size(); ++k) place_note(it.notes[k]);
            place_note(it.notes.back(), /*split_ok=*/true);
            return true;
        }
        if (!page_empty) return false;
        // Nothing fits on an empty page: place the item anyway and as much of its notes as fits.
        reserve_ = 0;
        if (warnings_ && !fits(sb + it.height))
            warnings_->push_back("item " + std::to_string(i) + " is taller than the page");
        place_item(i, sb);
        for (int k : it.notes) place_note(k, true);
        if (!carry_.empty() && warnings_)
            warnings_->push_back(
                "notes of item " + std::to_string(i) +
                " do not fit on its page even alone; they continue on the next page");
        return true;
    }

    void place_item(std::size_t i, double sb) {
        body_used_ += sb;
        page_.items.push_back({i, body_used_});
        body_used_ += items_[i].height;
    }

    /// Places note k; with split_ok, places the lines that fit and carries the rest.
    void place_note(int k, bool split_ok = false) {
        const NoteSpec& n = notes_[static_cast<std::size_t>(k)];
        if (!carry_.empty()) {  // an earlier note of this line was split: this one follows it
            carry_.push_back({k, 0});
            return;
        }
        for (std::size_t l = 0; l < n.lines.size(); ++l) {
            const double gap =
                (!note_lines_.empty() && note_lines_.back().note != k) ? p_.note_gap : 0;
            if (split_ok && !note_lines_.empty() && !fits(separator() + gap + n.lines[l])) {
                const auto keep = static_cast<std::size_t>(std::max(1, p_.min_note_lines));
                carry_.push_back({k, unhyphenate_split(k, l, keep)});
                return;
            }
            add_note_line(k, l);
        }
    }

    void finish_page() {
        // Notes sit at the foot: their block ends at the bottom of the text block.
        if (!note_lines_.empty()) {
            page_.notes_top = p_.body_height - notes_h_;
            double y = page_.notes_top + p_.separator;
            int prev = -1;
            for (auto& nl : note_lines_) {
                if (prev >= 0 && nl.note != prev) y += p_.note_gap;
                nl.top = y;
                y += line_height(nl);
                prev = nl.note;
            }
            page_.note_lines = note_lines_;
        }
        // The article's page and time limits (base/limits), once a page.
        quire::detail::check_pages(static_cast<int>(pages_.size()) + 1);
        quire::detail::check_time();
        pages_.push_back(std::move(page_));
        quire::detail::report_progress("layout", static_cast<int>(pages_.size()));
    }

    const std::vector<FlowItem>& items_;
    const std::vector<NoteSpec>& notes_;
    PageParams p_;
    const PageLimits& limits_;
    std::vector<std::string>* warnings_;
    std::vector<PageLayout> pages_;
    PageLayout page_;
    double body_used_ = 0, notes_h_ = 0;
    double reserve_ = 0;  ///< height kept free for the rest of a keep-with-next chain
    /// On a page a figure floated from: the item after the figure (its space_if_floated holds).
    std::size_t closing_up_ = static_cast<std::size_t>(-1);
    /// On the page a figure floated to: the least space before the first item under it.
    double gap_after_float_ = 0;
    std::size_t limit_ = 0;  ///< end of the items this page may hold
    std::vector<PlacedNoteLine> note_lines_;
    std::deque<Pending> carry_;
    std::vector<double> chain_rest_;        ///< height of the chain's items after each item
    std::vector<std::size_t> chain_notes_;  ///< notes of the chain's items after each item
    std::vector<std::size_t> chain_end_;    ///< last item of the chain from each item on
};

/// Where the body ends: the page of the last body item and how many body items it holds.
struct BodyEnd {
    std::size_t page = 0;
    std::size_t first = 0;  ///< first item on that page
    int count = 0;
};

std::optional<BodyEnd> body_end_of(const std::vector<PageLayout>& pages, std::size_t body_end) {
    for (std::size_t p = pages.size(); p-- > 0;) {
        int count = 0;
        for (const auto& it : pages[p].items) count += it.item < body_end ? 1 : 0;
        if (count > 0) return BodyEnd{p, pages[p].items.front().item, count};
    }
    return std::nullopt;
}

}  // namespace

std::vector<PageLayout> build_pages(const std::vector<FlowItem>& items,
                                    const std::vector<NoteSpec>& notes, const PageParams& params,
                                    std::vector<std::string>* warnings) {
    PageLimits limits;
    std::vector<std::string> w;
    auto pages = Builder(items, notes, params, limits, &w).run();
    // The last-page rule: while the page where the body ends holds too few body lines, make
    // the page before end that many lines earlier (chains move whole) and lay out again. Each
    // round adds a limit, so the rounds are few and bounded; a round that does not help is
    // dropped and the first layout stands.
    const std::size_t body_end = std::min(params.body_end, items.size());
    constexpr int kMaxRounds = 4;
    for (int round = 0; round < kMaxRounds && params.last_page_min_lines > 1 && body_end > 0;
         ++round) {
        const auto end = body_end_of(pages, body_end);
        if (!end || end->count >= params.last_page_min_lines || end->page == 0) break;
        const PageLayout& before = pages[end->page - 1];
        if (before.items.empty() || items[end->first].break_before) break;
        const std::size_t want = static_cast<std::size_t>(params.last_page_min_lines - end->count);
        // The page before keeps at least its first item.
        if (end->first < before.items.front().item + 1 + want) break;
        PageLimits trial = limits;
        trial[end->page - 1] = end->first - want;
        std::vector<std::string> tw;
        auto again = Builder(items, notes, params, trial, &tw).run();
        limits = std::move(trial);
        pages = std::move(again);
        w = std::move(tw);
    }
    if (const auto end = body_end_of(pages, body_end);
        end && end->count < params.last_page_min_lines && end->page > 0 && !limits.empty()) {
        // No round met the rule: keep the plain layout.
        limits.clear();
        w.clear();
        pages = Builder(items, notes, params, limits, &w).run();
    }
    if (warnings) warnings->insert(warnings->end(), w.begin(), w.end());
    return pages;
}

void bind_paragraph(std::vector<FlowItem>& items, std::size_t first, std::size_t count, int orphans,
                    int widows) {
    const auto o = static_cast<std::size_t>(std::max(1, orphans));
    const auto wd = static_cast<std::size_t>(std::max(1, widows));
    for (std::size_t i = 0; i + 1 < count && first + i < items.size(); ++i)
        if (i + 1 < o || i + wd >= count) items[first + i].keep_with_next = true;
}

void keep_with_following(std::vector<FlowItem>& items, std::size_t at, int lines) {
    for (std::size_t k = at; k < items.size() && k + 1 < items.size() &&
                             k < at + static_cast<std::size_t>(std::max(0, lines));
         ++k)
        items[k].keep_with_next = true;
}

EndnoteFlow endnote_flow(std::vector<FlowItem>& items, const std::vector<NoteSpec>& notes,
                         int orphans, int widows, double gap) {
    std::vector<int> order;
    std::vector<bool> seen(notes.size(), false);
    for (auto& it : items) {
        for (int k : it.notes)
            if (k >= 0 && static_cast<std::size_t>(k) < notes.size() &&
                !seen[static_cast<std::size_t>(k)]) {
                seen[static_cast<std::size_t>(k)] = true;
                order.push_back(k);
            }
        it.notes.clear();
    }
    for (std::size_t k = 0; k < notes.size(); ++k)
        if (!seen[k]) order.push_back(static_cast<int>(k));
    EndnoteFlow flow;
    for (int k : order) {
        const auto& ls = notes[static_cast<std::size_t>(k)].lines;
        const std::size_t first = flow.items.size();
        for (std::size_t l = 0; l < ls.size(); ++l) {
            FlowItem it;
            it.height = ls[l];
            it.space_before = l == 0 && first > 0 ? gap : 0;
            it.keep_with_next =
                l + 1 < ls.size() && notes[static_cast<std::size_t>(k)].ends_hyphenated(l);
            flow.items.push_back(std::move(it));
            flow.lines.push_back({k, l});
        }
        bind_paragraph(flow.items, first, ls.size(), orphans, widows);
    }
    return flow;
}

}  // namespace quire::inline v0::layout
