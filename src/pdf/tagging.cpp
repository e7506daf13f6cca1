// pdf/tagging: see tagging.hpp.
#include "pdf/tagging.hpp"

#include "pdf/object_out.hpp"
#include "pdf/text_string.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>

namespace quire::pdf {

namespace {

using namespace PoDoFo;

PdfVariant integer(std::size_t n) {
    return PdfVariant(static_cast<pdf_int64>(n));
}

/// A kid of an element: a marked-content sequence, a link annotation or a child element.
struct Kid {
    std::uint64_t order = 0;
    std::size_t seq = 0;  ///< content order, for ties
    enum class Kind { mcid, annotation, elem } kind = Kind::mcid;
    std::size_t page = 0;
    int index = 0;            ///< the MCID, or the child element
    std::uint32_t annot = 0;  ///< the annotation's object number
};

class TreeWriter {
public:
    TreeWriter(PdfMemDocument& pdf, const std::vector<PdfReference>& pages,
               const layout::Structure& st, const MarkedContent& mc, ObjectOut& out)
        : pdf_(pdf),
          pages_(pages),
          st_(st),
          mc_(mc),
          out_(out),
          kids_(st.elems.size()),
          live_(st.elems.size(), false) {}

    void write() {
        if (st_.elems.empty()) return;
        collect_content();
        mark_live();
        PdfObject* root = pdf_.GetObjects().CreateObject("StructTreeRoot");
        make_objects();
        for (std::size_t e = 0; e < st_.elems.size(); ++e)
            if (live_[e])
                fill(e, e == 0 ? root->Reference() : ref(static_cast<std::size_t>(parent(e))));
        PdfDictionary& r = root->GetDictionary();
        if (nums_[0]) r.AddKey("K", ref(0));
        r.AddKey("ParentTree", parent_tree());
        r.AddKey("ParentTreeNextKey", integer(mc_.pages().size() + mc_.annotations().size()));
        if (auto ids = id_tree()) r.AddKey("IDTree", *ids);
        PdfDictionary& cat = pdf_.GetCatalog()->GetDictionary();
        cat.AddKey("StructTreeRoot", root->Reference());
        PdfDictionary mark;
        mark.AddKey("Marked", PdfVariant(true));
        cat.AddKey("MarkInfo", mark);
    }

private:
    /// The parent of element e in the tree written: its own, or the root for an element that
    /// layout left unplaced (never expected; its content stays reachable all the same).
    int parent(std::size_t e) const {
        const int p = st_.elems[e].parent;
        return p >= 0 && rooted(static_cast<std::size_t>(p)) ? p : 0;
    }
    bool rooted(std::size_t e) const {
        for (int i = static_cast<int>(e);; i = st_.elems[static_cast<std::size_t>(i)].parent) {
            if (i == 0) return true;
            if (i < 0) return false;
        }
    }

    void collect_content() {
        std::size_t seq = 0;
        const auto& pages = mc_.pages();
        for (std::size_t p = 0; p < pages.size(); ++p)
            for (std::size_t m = 0; m < pages[p].size(); ++m) {
                const auto& mcid = pages[p][m];
                if (mcid.elem < 0 || static_cast<std::size_t>(mcid.elem) >= kids_.size()) continue;
                kids_[static_cast<std::size_t>(mcid.elem)].push_back(
                    {mcid.order, seq++, Kid::Kind::mcid, p, static_cast<int>(m), 0});
            }
        for (const auto& a : mc_.annotations())
            if (a.elem >= 0 && static_cast<std::size_t>(a.elem) < kids_.size())
                kids_[static_cast<std::size_t>(a.elem)].push_back(
                    {std::numeric_limits<std::uint64_t>::max(), seq++, Kid::Kind::annotation,
                     a.page, 0, a.annot});
    }

    /// Live: an element with content, its ancestors, and the cells of a live table row.
    void mark_live() {
        for (std::size_t e = 0; e < kids_.size(); ++e)
            if (!kids_[e].empty())
                for (std::size_t i = e; !live_[i];) {
                    live_[i] = true;
                    if (i == 0) break;
                    i = static_cast<std::size_t>(parent(i));
                }
        for (std::size_t e = 1; e < st_.elems.size(); ++e) {
            const auto& el = st_.elems[e];
            if ((el.type == "TD" || el.type == "TH") && el.parent >= 0 &&
                live_[static_cast<std::size_t>(el.parent)])
                live_[e] = true;
        }
        for (std::size_t e = 1; e < st_.elems.size(); ++e)
            if (live_[e])
                kids_[static_cast<std::size_t>(parent(e))].push_back(
                    {st_.elems[e].order, 0, Kid::Kind::elem, 0, static_cast<int>(e), 0});
    }

    /// Numbers the live elements' objects (reserved in the document's objects, made and
    /// written one at a time by fill(): a book's tens of thousands never stand in memory).
    void make_objects() {
        nums_.assign(st_.elems.size(), 0);
        PdfVecObjects& objects = pdf_.GetObjects();
        std::size_t next = objects.GetObjectCount();
        for (std::size_t e = 0; e < st_.elems.size(); ++e)
            if (live_[e]) nums_[e] = static_cast<std::uint32_t>(next++);
        if (next > objects.GetObjectCount())
            objects.SetObjectCount(PdfReference(static_cast<std::uint32_t>(next - 1), 0));
    }

    PdfReference ref(std::size_t e) const { return PdfReference(nums_[e], 0); }

    void fill(std::size_t e, const PdfReference& parent_ref) {
        const layout::StructElem& el = st_.elems[e];
        auto& kids = kids_[e];
        std::stable_sort(kids.begin(), kids.end(), [](const Kid& a, const Kid& b) {
            return a.order != b.order ? a.order < b.order : a.seq < b.seq;
        });
        PdfObject obj(ref(e), PdfDictionary());  // (/Type /StructElem is optional)
        PdfDictionary& d = obj.GetDictionary();
        d.AddKey("S", PdfName(el.type));
        d.AddKey("P", parent_ref);
        // /Pg: the page of its first marked content; kids on other pages say their own.
        const Kid* first = nullptr;
        for (const auto& k : kids)
            if (k.kind == Kid::Kind::mcid) {
                first = &k;
                break;
            }
        if (first) d.AddKey("Pg", pages_.at(first->page));
        PdfArray arr;
        for (const auto& k : kids) {
            const PdfReference page =
                k.kind == Kid::Kind::elem ? PdfReference() : pages_.at(k.page);
            if (k.kind == Kid::Kind::elem) {
                arr.push_back(ref(static_cast<std::size_t>(k.index)));
            } else if (k.kind == Kid::Kind::mcid && first && k.page == first->page) {
                arr.push_back(integer(static_cast<std::size_t>(k.index)));
            } else if (k.kind == Kid::Kind::mcid) {
                PdfDictionary mcr;
                mcr.AddKey("Type", PdfName("MCR"));
                mcr.AddKey("Pg", page);
                mcr.AddKey("MCID", integer(static_cast<std::size_t>(k.index)));
                arr.push_back(mcr);
            } else {
                PdfDictionary objr;
                objr.AddKey("Type", PdfName("OBJR"));
                objr.AddKey("Obj", PdfReference(k.annot, 0));
                objr.AddKey("Pg", page);
                arr.push_back(objr);
            }
        }
        if (arr.size() == 1)
            d.AddKey("K", arr[0]);
        else if (!arr.empty())
            d.AddKey("K", arr);
        if (!el.lang.empty()) d.AddKey("Lang", text_string(el.lang));
        if (!el.alt.empty()) d.AddKey("Alt", text_string(el.alt));
        if (!el.id.empty()) d.AddKey("ID", PdfString(el.id));
        if (!el.scope.empty()) {
            PdfDictionary a;
            a.AddKey("O", PdfName("Table"));
            a.AddKey("Scope", PdfName(el.scope));
            d.AddKey("A", a);
        }
        out_.write(obj);
    }

    /// A number or name tree (ISO 32000-1 7.9.6, 7.9.7) of `pairs` (key, value, key,
    /// value... in key order) under `kind` ("Nums" or "Names"): the pairs themselves when few,
    /// else leaves of kLeaf entries, each written as soon as it is full, under /Kids (a book's
    /// tens of thousands of entries never stand in memory as one array, and readers look up
    /// a key without reading them all).
    class TreeBuilder {
    public:
        TreeBuilder(const char* kind, PdfVecObjects& objects, ObjectOut& out)
            : kind_(kind), objects_(objects), out_(out) {}

        void add(const PdfVariant& key, const PdfVariant& value) {
            if (pairs_.empty()) first_ = key;
            last_ = key;
            pairs_.push_back(key);
            pairs_.push_back(value);
            if (pairs_.size() >= 2 * kLeaf) leaf();
        }

        /// The tree's root dictionary, or nothing for an empty tree.
        std::optional<PdfDictionary> finish() {
            if (kids_.empty() && pairs_.empty()) return std::nullopt;
            PdfDictionary root;
            if (kids_.empty()) {
                root.AddKey(kind_, pairs_);
                return root;
            }
            if (!pairs_.empty()) leaf();
            root.AddKey("Kids", kids_);
            return root;
        }

    private:
        static constexpr std::size_t kLeaf = 256;

        void leaf() {
            const std::size_t n = objects_.GetObjectCount();
            const PdfReference ref(static_cast<std::uint32_t>(n), 0);
            objects_.SetObjectCount(ref);  // reserved: written here, never made in `objects`
            PdfObject leaf(ref, PdfDictionary());
            PdfArray limits;
            limits.push_back(first_);
            limits.push_back(last_);
            leaf.GetDictionary().AddKey("Limits", limits);
            leaf.GetDictionary().AddKey(kind_, pairs_);
            out_.write(leaf);
            kids_.push_back(ref);
            pairs_.clear();
        }

        PdfName kind_;
        PdfVecObjects& objects_;
        ObjectOut& out_;
        PdfArray pairs_, kids_;
        PdfVariant first_, last_;
    };

    /// Page i's MCIDs under key i, annotation j's element under key (pages + j).
    PdfDictionary parent_tree() {
        TreeBuilder tree("Nums", pdf_.GetObjects(), out_);
        const auto& pages = mc_.pages();
        for (std::size_t p = 0; p < pages.size(); ++p) {
            if (pages[p].empty()) continue;
            PdfArray refs;
            for (const auto& m : pages[p])
                refs.push_back(m.elem >= 0 && nums_[static_cast<std::size_t>(m.elem)]
                                   ? PdfVariant(ref(static_cast<std::size_t>(m.elem)))
                                   : PdfVariant());
            tree.add(integer(p), refs);
            // (The page's /StructParents p is set by the writer.)
        }
        const auto& annots = mc_.annotations();
        for (std::size_t j = 0; j < annots.size(); ++j) {
            const int e = annots[j].elem;
            if (e < 0 || !nums_[static_cast<std::size_t>(e)]) continue;
            tree.add(integer(pages.size() + j), ref(static_cast<std::size_t>(e)));
        }
        auto root = tree.finish();
        if (!root) root.emplace().AddKey("Nums", PdfArray());
        return *root;
    }

    /// The notes' IDs, sorted as a name tree's keys are.
    std::optional<PdfDictionary> id_tree() {
        std::map<std::string, std::size_t> ids;
        for (std::size_t e = 0; e < st_.elems.size(); ++e)
            if (live_[e] && !st_.elems[e].id.empty()) ids.emplace(st_.elems[e].id, e);
        TreeBuilder tree("Names", pdf_.GetObjects(), out_);
        for (const auto& [id, e] : ids) tree.add(PdfString(id), ref(e));
        return tree.finish();
    }

    PdfMemDocument& pdf_;
    const std::vector<PdfReference>& pages_;
    const layout::Structure& st_;
    const MarkedContent& mc_;
    ObjectOut& out_;
    std::vector<std::vector<Kid>> kids_;
    std::vector<bool> live_;
    std::vector<std::uint32_t> nums_;  ///< each element's object number; 0: not written
};

}  // namespace

void write_structure(PdfMemDocument& pdf, const std::vector<PdfReference>& pages,
                     const layout::Structure& structure, const MarkedContent& mc, ObjectOut& out) {
    TreeWriter(pdf, pages, structure, mc, out).write();
}

}  // namespace quire::pdf
