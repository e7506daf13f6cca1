// pdf/tagging: see tagging.hpp.
#include "pdf/tagging.hpp"

#include "pdf/object_out.hpp"
#include "pdf/text_string.hpp"
#include "pdf/tree_builder.hpp"

#include <podofo/podofo.h>

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace quire::inline v0::pdf {

namespace {

using namespace PoDoFo;

PdfVariant integer(long long n) {
    return PdfVariant(static_cast<pdf_int64>(n));
}

/// A kid of an element: a marked-content sequence, a link annotation or a child element.
struct Kid {
    std::uint64_t order = 0;
    std::uint64_t seq = 0;  ///< content order, for ties
    enum class Kind { mcid, annotation, elem } kind = Kind::mcid;
    std::uint32_t page = 0;    ///< the page object (mcid, annotation)
    int mcid = 0;              ///< the MCID (mcid)
    std::uint32_t object = 0;  ///< the annotation's or the child element's object number
};

}  // namespace

struct StructureWriter::Impl {
    Impl(PdfVecObjects& objects_, ObjectOut& out_)
        : objects(objects_), out(out_), parent_tree("Nums", objects_, out_) {}

    PdfVecObjects& objects;
    ObjectOut& out;
    TreeBuilder parent_tree;  ///< written as keys are given, in key order
    long long next_key = 0;
    std::uint64_t seq = 0;
    /// The content and written children of the elements not yet written, by index.
    std::unordered_map<std::size_t, std::vector<Kid>> kids;
    /// The object numbers of elements not yet written that something already points to.
    std::unordered_map<std::size_t, std::uint32_t> nums;
    std::map<std::string, std::uint32_t> ids;  ///< the notes' IDs (name-tree order)
    std::uint32_t root_num = 0;                ///< element 0's, once written

    std::uint32_t num(std::size_t e) {
        auto it = nums.find(e);
        if (it != nums.end()) return it->second;
        const std::uint32_t n = reserve_objects(objects, 1);
        nums.emplace(e, n);
        return n;
    }

    /// The parent of element e in the tree written: its own, or the root for an element that
    /// layout left unplaced (never expected; its content stays reachable all the same).
    static std::size_t parent(const layout::Structure& st, std::size_t e) {
        const int p = st.elems[e].parent;
        return p >= 0 && rooted(st, static_cast<std::size_t>(p)) ? static_cast<std::size_t>(p) : 0;
    }
    static bool rooted(const layout::Structure& st, std::size_t e) {
        for (int i = static_cast<int>(e);; i = st.elems[static_cast<std::size_t>(i)].parent) {
            if (i == 0) return true;
            if (i < 0 || static_cast<std::size_t>(i) >= st.elems.size()) return false;
        }
    }

    /// Writes the live elements of [first, size) and forgets everything about those indices.
    void write(const layout::Structure& st, std::size_t first, const PdfReference* tree_root) {
        const std::size_t end = st.elems.size();
        if (first >= end) return;
        // Live: an element with content, its ancestors, and the cells of a live table row.
        std::vector<bool> live(end - first, false);
        auto is_live = [&](std::size_t e) { return live[e - first]; };
        for (std::size_t e = first; e < end; ++e) {
            auto k = kids.find(e);
            if (k == kids.end() || k->second.empty()) continue;
            for (std::size_t i = e; i >= first && !is_live(i);) {
                live[i - first] = true;
                if (i == 0) break;
                i = parent(st, i);
            }
        }
        for (std::size_t e = std::max<std::size_t>(first, 1); e < end; ++e) {
            const auto& el = st.elems[e];
            if ((el.type == "TD" || el.type == "TH") && el.parent >= 0 &&
                static_cast<std::size_t>(el.parent) >= first &&
                is_live(static_cast<std::size_t>(el.parent)))
                live[e - first] = true;
        }
        // Each live element is a kid of its parent: one written now, or one still to come.
        for (std::size_t e = std::max<std::size_t>(first, 1); e < end; ++e)
            if (is_live(e))
                kids[parent(st, e)].push_back(
                    {st.elems[e].order, 0, Kid::Kind::elem, 0, 0, num(e)});
        for (std::size_t e = first; e < end; ++e) {
            if (!is_live(e)) continue;
            const std::uint32_t n = num(e);
            if (e == 0) root_num = n;
            const PdfReference parent_ref =
                e == 0 ? *tree_root : PdfReference(num(parent(st, e)), 0);
            fill(st.elems[e], n, parent_ref, kids[e]);
        }
        for (auto it = kids.begin(); it != kids.end();)
            it = it->first >= first ? kids.erase(it) : std::next(it);
        for (auto it = nums.begin(); it != nums.end();)
            it = it->first >= first ? nums.erase(it) : std::next(it);
    }

    void fill(const layout::StructElem& el, std::uint32_t n, const PdfReference& parent_ref,
              std::vector<Kid>& kids_of) {
        std::stable_sort(kids_of.begin(), kids_of.end(), [](const Kid& a, const Kid& b) {
            return a.order != b.order ? a.order < b.order : a.seq < b.seq;
        });
        PdfObject obj(PdfReference(n, 0), PdfDictionary());  // (/Type /StructElem is optional)
        PdfDictionary& d = obj.GetDictionary();
        d.AddKey("S", PdfName(el.type));
        d.AddKey("P", parent_ref);
        // /Pg: the page of its first marked content; kids on other pages say their own.
        const Kid* first = nullptr;
        for (const auto& k : kids_of)
            if (k.kind == Kid::Kind::mcid) {
                first = &k;
                break;
            }
        if (first) d.AddKey("Pg", PdfReference(first->page, 0));
        PdfArray arr;
        for (const auto& k : kids_of) {
            const PdfReference page(k.page, 0);
            if (k.kind == Kid::Kind::elem) {
                arr.push_back(PdfReference(k.object, 0));
            } else if (k.kind == Kid::Kind::mcid && first && k.page == first->page) {
                arr.push_back(integer(k.mcid));
            } else if (k.kind == Kid::Kind::mcid) {
                PdfDictionary mcr;
                mcr.AddKey("Type", PdfName("MCR"));
                mcr.AddKey("Pg", page);
                mcr.AddKey("MCID", integer(k.mcid));
                arr.push_back(mcr);
            } else {
                PdfDictionary objr;
                objr.AddKey("Type", PdfName("OBJR"));
                objr.AddKey("Obj", PdfReference(k.object, 0));
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
        if (!el.id.empty()) {
            d.AddKey("ID", PdfString(el.id));
            ids.emplace(el.id, n);
        }
        if (!el.scope.empty()) {
            PdfDictionary a;
            a.AddKey("O", PdfName("Table"));
            a.AddKey("Scope", PdfName(el.scope));
            d.AddKey("A", a);
        }
        out.write(obj);
    }
};

StructureWriter::StructureWriter(PdfVecObjects& objects, ObjectOut& out)
    : impl_(std::make_unique<Impl>(objects, out)) {}

StructureWriter::~StructureWriter() = default;

long long StructureWriter::page(std::uint32_t page, const std::vector<MarkedContent::Mcid>& mcids,
                                const layout::Structure& st) {
    if (mcids.empty()) return -1;
    Impl& s = *impl_;
    PdfArray refs;
    for (std::size_t m = 0; m < mcids.size(); ++m) {
        const int e = mcids[m].elem;
        if (e < 0 || static_cast<std::size_t>(e) >= st.elems.size()) {
            refs.push_back(PdfVariant());
            continue;
        }
        const auto el = static_cast<std::size_t>(e);
        refs.push_back(PdfReference(s.num(el), 0));
        s.kids[el].push_back(
            {mcids[m].order, s.seq++, Kid::Kind::mcid, page, static_cast<int>(m), 0});
    }
    const long long key = s.next_key++;
    s.parent_tree.add(integer(key), refs);
    return key;
}

long long StructureWriter::annotation(std::uint32_t page, int elem, std::uint32_t annot) {
    Impl& s = *impl_;
    const auto e = static_cast<std::size_t>(elem);
    s.kids[e].push_back({std::numeric_limits<std::uint64_t>::max(), s.seq++, Kid::Kind::annotation,
                         page, 0, annot});
    const long long key = s.next_key++;
    s.parent_tree.add(integer(key), PdfReference(s.num(e), 0));
    return key;
}

void StructureWriter::write(const layout::Structure& st, std::size_t first) {
    if (first == 0) throw std::logic_error("the structure's root is written by finish()");
    impl_->write(st, first, nullptr);
}

void StructureWriter::finish(PdfMemDocument& pdf, const layout::Structure& st) {
    Impl& s = *impl_;
    if (st.elems.empty()) return;
    PdfObject* root = pdf.GetObjects().CreateObject("StructTreeRoot");
    const PdfReference root_ref = root->Reference();
    s.write(st, 0, &root_ref);
    PdfDictionary& r = root->GetDictionary();
    if (s.root_num) r.AddKey("K", PdfReference(s.root_num, 0));
    auto tree = s.parent_tree.finish();
    if (!tree) tree.emplace().AddKey("Nums", PdfArray());
    r.AddKey("ParentTree", *tree);
    r.AddKey("ParentTreeNextKey", integer(s.next_key));
    TreeBuilder ids("Names", s.objects, s.out);
    for (const auto& [id, n] : s.ids) ids.add(PdfString(id), PdfReference(n, 0));
    if (auto t = ids.finish()) r.AddKey("IDTree", *t);
    PdfDictionary& cat = pdf.GetCatalog()->GetDictionary();
    cat.AddKey("StructTreeRoot", root_ref);
    PdfDictionary mark;
    mark.AddKey("Marked", PdfVariant(true));
    cat.AddKey("MarkInfo", mark);
}

}  // namespace quire::inline v0::pdf
