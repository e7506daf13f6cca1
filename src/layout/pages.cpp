// layout/pages: the page builder with footnotes (see pages.hpp for the rules it keeps).
#include "layout/pages.hpp"

#include <algorithm>
#include <deque>
#include <numeric>

namespace quire::layout {

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

class Builder {
public:
    Builder(const std::vector<FlowItem>& items, const std::vector<NoteSpec>& notes,
            const PageParams& p, std::vector<std::string>* warnings)
        : items_(items), notes_(notes), p_(p), warnings_(warnings) {
        // What follows each item in its keep-with-next chain, summed once from the back: a
        // chain can be thousands of lines long (a title of a whole file), and walking it for
        // each of its items was quadratic.
        chain_rest_.assign(items_.size(), 0);
        chain_notes_.assign(items_.size(), 0);
        for (std::size_t j = items_.size(); j-- > 0;)
            if (chained_to_next(j)) {
                chain_rest_[j] =
                    items_[j + 1].space_before + items_[j + 1].height + chain_rest_[j + 1];
                chain_notes_[j] = items_[j + 1].notes.size() + chain_notes_[j + 1];
            }
    }

    std::vector<PageLayout> run() {
        std::size_t i = 0;
        while (i < items_.size() || !carry_.empty()) {
            start_page();
            place_carried(i < items_.size());
            bool placed_any = false;
            while (i < items_.size()) {
                const FlowItem& it = items_[i];
                if (it.break_before && (placed_any || !note_lines_.empty())) break;
                if (!try_place(i, !placed_any && note_lines_.empty())) break;
                placed_any = true;
                ++i;
            }
            finish_page();
        }
        return std::move(pages_);
    }

private:
    void start_page() {
        page_ = PageLayout{};
        body_used_ = 0;
        notes_h_ = 0;
        note_lines_.clear();
        page_.continued_note = !carry_.empty();
    }

    double separator() const { return note_lines_.empty() ? p_.separator : 0; }

    /// Whether item j binds the next one to its page.
    bool chained_to_next(std::size_t j) const {
        return items_[j].keep_with_next && j + 1 < items_.size() && !items_[j + 1].break_before;
    }

    void add_note_line(int note, std::size_t line) {
        if (!note_lines_.empty() && note_lines_.back().note != note) notes_h_ += p_.note_gap;
        if (note_lines_.empty()) notes_h_ += p_.separator;
        notes_h_ += notes_[static_cast<std::size_t>(note)].lines[line];
        note_lines_.push_back({note, line, 0});
    }

    /// Places lines of notes continued from earlier pages.
    void place_carried(bool body_remains) {
        const double limit = body_remains ? p_.body_height * p_.max_carry_share : p_.body_height;
        while (!carry_.empty()) {
            Pending& c = carry_.front();
            const NoteSpec& n = notes_[static_cast<std::size_t>(c.note)];
            while (c.from < n.lines.size()) {
                const double gap =
                    (!note_lines_.empty() && note_lines_.back().note != c.note) ? p_.note_gap : 0;
                const double need = separator() + gap + n.lines[c.from];
                // The first line always goes (a page holds at least one line of the note).
                if (!note_lines_.empty() && notes_h_ + need > limit + kEpsilon) return;
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
        const double sb = body_used_ > 0 ? it.space_before : 0;
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
            if (!carry_.empty() && !chain_notes.empty()) return false;  // notes wait for the carry
            if (!fits(sb + it.height + rest + notes_start_need(chain_notes))) return false;
        }
        // While this item's notes are placed, room stays for the rest of its chain.
        reserve_ = chain_fits_alone ? rest + notes_start_need(rest_notes) : 0;
        const bool placed = place_with_notes(i, sb, page_empty);
        reserve_ = 0;
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
                carry_.push_back({k, l});
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
                y += notes_[static_cast<std::size_t>(nl.note)].lines[nl.line];
                prev = nl.note;
            }
            page_.note_lines = note_lines_;
        }
        pages_.push_back(std::move(page_));
    }

    const std::vector<FlowItem>& items_;
    const std::vector<NoteSpec>& notes_;
    PageParams p_;
    std::vector<std::string>* warnings_;
    std::vector<PageLayout> pages_;
    PageLayout page_;
    double body_used_ = 0, notes_h_ = 0;
    double reserve_ = 0;  ///< height kept free for the rest of a keep-with-next chain
    std::vector<PlacedNoteLine> note_lines_;
    std::deque<Pending> carry_;
    std::vector<double> chain_rest_;        ///< height of the chain's items after each item
    std::vector<std::size_t> chain_notes_;  ///< notes of the chain's items after each item
};

}  // namespace

std::vector<PageLayout> build_pages(const std::vector<FlowItem>& items,
                                    const std::vector<NoteSpec>& notes, const PageParams& params,
                                    std::vector<std::string>* warnings) {
    return Builder(items, notes, params, warnings).run();
}

}  // namespace quire::layout
