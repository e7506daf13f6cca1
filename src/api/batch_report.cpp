// api/batch_report: the JSON report of a batch (batch_report_json()) and the objects it shares
// with a book's report (collection_report_json()).
#include "api/impl.hpp"

#include <quire/batch.hpp>
#include <quire/collection.hpp>

#include <utility>

namespace quire::inline v0 {

void detail::write_json(json::Writer& w, const Diagnostic& d) {
    w.begin_object().text("file", d.where.file).key("line").number(d.where.line);
    w.text("message", d.message).end_object();
}

std::string batch_report_json(const std::vector<BatchItem>& items, const BatchTotals& totals,
                              const CollectionOutcome* anthology) {
    auto count = [](std::size_t n) { return static_cast<long long>(n); };
    json::Writer w;
    w.begin_object(json::Layout::lines).key("quire").string(version());
    w.key("totals").begin_object();
    w.key("articles").number(count(totals.total)).key("converted").number(count(totals.converted));
    w.key("skipped").number(count(totals.skipped)).key("failed").number(count(totals.failed));
    w.key("warnings").number(count(totals.warnings)).key("seconds").number(totals.seconds, 3);
    w.end_object();
    w.key("articles").begin_array(json::Layout::lines);
    for (const auto& it : items) {
        w.begin_object().text("input", it.input.string()).text("slug", it.slug);
        w.key("status").string(to_string(it.status));
        std::vector<std::string> outputs;
        for (const auto& o : it.outputs) outputs.push_back(o.string());
        w.texts("outputs", outputs).key("pages").number(it.pages);
        // Outputs left under an earlier title's slug: kept ("orphans") or removed (--prune);
        // present only when there are some.
        for (const auto& [name, files] :
             {std::pair{"orphans", &it.orphans}, std::pair{"removed", &it.removed}}) {
            if (files->empty()) continue;
            std::vector<std::string> paths;
            for (const auto& f : *files) paths.push_back(f.string());
            w.texts(name, paths);
        }
        w.key("warnings").begin_array();
        for (const auto& d : it.warnings) detail::write_json(w, d);
        w.end_array().key("error");
        if (it.error)
            detail::write_json(w, *it.error);
        else
            w.null();
        w.key("seconds").number(it.seconds, 3).end_object();
    }
    w.end_array();
    if (anthology) detail::write_json(w.key("anthology"), *anthology);
    w.end_object();
    return w.str() + "\n";
}

}  // namespace quire::inline v0
