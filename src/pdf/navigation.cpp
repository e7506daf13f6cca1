// pdf/navigation: see navigation.hpp.
#include "pdf/navigation.hpp"

#include "pdf/tagging.hpp"
#include "pdf/text_string.hpp"
#include "pdf/tree_builder.hpp"

#include <algorithm>

namespace quire::inline v0::pdf {

using namespace PoDoFo;

namespace {

PdfVariant rect(double x, double y, double w, double h) {
    PdfVariant v;
    PdfRect(x, y, w, h).ToVariant(v);
    return v;
}

}  // namespace

const PdfReference& Navigation::page_ref(std::size_t i) {
    while (page_refs_.size() <= i) page_refs_.emplace_back(reserve_objects(objects_, 1), 0);
    return page_refs_[i];
}

/// An explicit destination: page `i` at (x, y) of the trim box.
PdfArray Navigation::destination(std::size_t i, double x, double y) {
    PdfArray a;
    a.push_back(page_ref(i));
    a.push_back(PdfName("XYZ"));
    a.push_back(PdfVariant(x + bleed_));
    a.push_back(PdfVariant(y + bleed_));
    a.push_back(PdfVariant(static_cast<pdf_int64>(0)));
    return a;
}

void Navigation::add_destinations(const std::vector<layout::Destination>& all) {
    for (; dests_seen_ < all.size(); ++dests_seen_) {
        const layout::Destination& d = all[dests_seen_];
        if (dests_.count(d.name)) continue;
        const auto page = static_cast<std::size_t>(std::max(d.page, 0));
        PdfObject arr(PdfReference(reserve_objects(objects_, 1), 0),
                      PdfVariant(destination(page, d.x, d.y)));
        out_.write(arr);
        dests_.emplace(d.name, Dest{page, d.x, d.y, arr.Reference().ObjectNumber()});
    }
}

/// A link annotation's dictionary, without its target.
PdfDictionary Navigation::annotation(const layout::Link& l, std::size_t page,
                                     const std::string& says) {
    const double b = bleed_;
    PdfDictionary ad;
    ad.AddKey("Type", PdfName("Annot"));
    ad.AddKey("Subtype", PdfName("Link"));
    ad.AddKey("Rect", rect(l.x + b, l.y + b, l.width, l.height));
    ad.AddKey("P", page_ref(page));
    ad.AddKey("F", PdfVariant(static_cast<pdf_int64>(4)));  // printed
    PdfArray border;
    for (int k = 0; k < 3; ++k) border.push_back(PdfVariant(static_cast<pdf_int64>(0)));
    ad.AddKey("Border", border);
    ad.AddKey("Contents", text_string(says));
    return ad;
}

PdfArray Navigation::links(std::size_t i, const std::vector<layout::Link>& links,
                           const layout::Structure& st, StructureWriter& structure) {
    // Links: printable, no border, what they lead to as /Contents (a screen reader says it),
    // each in its Link element (its /StructParent key).
    const std::uint32_t page = page_ref(i).ObjectNumber();
    PdfArray annots;
    for (const auto& l : links) {
        const auto it = l.uri.empty() ? dests_.find(l.dest) : dests_.end();
        const bool tagged = l.elem >= 0 && static_cast<std::size_t>(l.elem) < st.elems.size();
        const std::string& text =
            tagged ? st.elems[static_cast<std::size_t>(l.elem)].contents : std::string();
        const std::string says = !text.empty() ? text : !l.uri.empty() ? l.uri : l.dest;
        const std::uint32_t n = reserve_objects(objects_, 1);
        const long long akey = tagged ? structure.annotation(page, l.elem, n) : -1;
        annots.push_back(PdfReference(n, 0));
        if (l.uri.empty() && it == dests_.end()) {
            late_.push_back({n, i, l, says, akey});  // its destination may come later
            continue;
        }
        PdfObject a(PdfReference(n, 0), annotation(l, i, says));
        PdfDictionary& ad = a.GetDictionary();
        if (!l.uri.empty()) {
            PdfDictionary action;
            action.AddKey("S", PdfName("URI"));
            action.AddKey("URI", PdfString(l.uri));
            ad.AddKey("A", action);
        } else {
            ad.AddKey("Dest", destination(it->second.page, it->second.x, it->second.y));
        }
        if (akey >= 0) ad.AddKey("StructParent", PdfVariant(static_cast<pdf_int64>(akey)));
        out_.write(a);
    }
    return annots;
}

void Navigation::write_late_links() {
    for (const auto& l : late_) {
        PdfObject a(PdfReference(l.object, 0), annotation(l.link, l.page, l.contents));
        auto it = dests_.find(l.link.dest);
        if (it != dests_.end())
            a.GetDictionary().AddKey("Dest",
                                     destination(it->second.page, it->second.x, it->second.y));
        if (l.key >= 0)
            a.GetDictionary().AddKey("StructParent", PdfVariant(static_cast<pdf_int64>(l.key)));
        out_.write(a);
    }
    std::vector<LateLink>().swap(late_);
}

void Navigation::write_names(PdfMemDocument& pdf) {
    TreeBuilder tree("Names", objects_, out_);
    for (const auto& [name, d] : dests_) tree.add(PdfString(name), PdfReference(d.object, 0));
    if (auto root = tree.finish()) {
        PdfObject* tree_obj = objects_.CreateObject(*root);
        PdfDictionary names;
        names.AddKey("Dests", tree_obj->Reference());
        pdf.GetCatalog()->GetDictionary().AddKey("Names", names);
        out_.flush(objects_, tree_obj);
    }
}

/// The outline's items, linked: an entry hangs under the last one a level up (a level deeper
/// than that is taken as one level down); an entry whose destination is missing is left out.
/// `root_first` and `root_last`: the top level's first and last items.
std::vector<Navigation::OutlineItem> Navigation::outline_items(
    const std::vector<layout::OutlineEntry>& entries, int& root_first, int& root_last) const {
    std::vector<OutlineItem> items;
    std::vector<int> open;  // open[k]: the last item at level k
    root_first = root_last = -1;
    for (const auto& e : entries) {
        auto it = dests_.find(e.dest);
        if (it == dests_.end()) continue;
        const std::size_t level =
            std::min(static_cast<std::size_t>(std::max(e.level, 0)), open.size());
        const int k = static_cast<int>(items.size());
        OutlineItem item{&e, &it->second};
        if (level > 0) item.parent = open[level - 1];
        int& first =
            item.parent < 0 ? root_first : items[static_cast<std::size_t>(item.parent)].first;
        int& last = item.parent < 0 ? root_last : items[static_cast<std::size_t>(item.parent)].last;
        // (first/last refer into items: take them before the push_back below moves it)
        const int prev = last;
        if (first < 0) first = k;
        last = k;
        item.prev = prev;
        items.push_back(item);
        if (prev >= 0) items[static_cast<std::size_t>(prev)].next = k;
        open.resize(level + 1);
        open[level] = k;
    }
    return items;
}

void Navigation::write_outline(PdfMemDocument& pdf,
                               const std::vector<layout::OutlineEntry>& entries) {
    // Each item is written as soon as its neighbours are known (numbers reserved for all
    // first), not held as PoDoFo outline objects.
    int root_first = -1, root_last = -1;
    const std::vector<OutlineItem> items = outline_items(entries, root_first, root_last);
    if (items.empty()) return;
    const std::uint32_t base = reserve_objects(objects_, items.size() + 1);
    auto ref = [&](int k) { return PdfReference(base + 1 + static_cast<std::uint32_t>(k), 0); };
    const PdfReference root(base, 0);
    PdfObject outlines(root, PdfDictionary());
    outlines.GetDictionary().AddKey("Type", PdfName("Outlines"));
    outlines.GetDictionary().AddKey("First", ref(root_first));
    outlines.GetDictionary().AddKey("Last", ref(root_last));
    out_.write(outlines);
    for (std::size_t k = 0; k < items.size(); ++k) {
        const OutlineItem& it = items[k];
        PdfObject o(ref(static_cast<int>(k)), PdfDictionary());
        PdfDictionary& d = o.GetDictionary();
        d.AddKey("Title", text_string(it.entry->title));
        d.AddKey("Parent", it.parent < 0 ? root : ref(it.parent));
        if (it.prev >= 0) d.AddKey("Prev", ref(it.prev));
        if (it.next >= 0) d.AddKey("Next", ref(it.next));
        if (it.first >= 0) d.AddKey("First", ref(it.first));
        if (it.last >= 0) d.AddKey("Last", ref(it.last));
        d.AddKey("Dest", destination(it.dest->page, it.dest->x, it.dest->y));
        out_.write(o);
    }
    pdf.GetCatalog()->GetDictionary().AddKey("Outlines", root);
    pdf.SetPageMode(ePdfPageModeUseBookmarks);
}

}  // namespace quire::inline v0::pdf
