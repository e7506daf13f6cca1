// epub/xml: a thin layer over tinyxml2's streaming XMLPrinter for the package documents.
//
// Compact output (no indentation of its own), so inline content is never changed by pretty
// printing; `nl()` puts a line break between block elements for readable files.
#pragma once

#include <tinyxml2.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace quire::inline v0::epub {

class Xml {
public:
    using Attrs = std::initializer_list<std::pair<const char*, std::string_view>>;

    Xml() : p_(nullptr, true) {}

    /// The XML declaration, and `<!DOCTYPE html>` for XHTML.
    void header(bool doctype_html) {
        p_.PushDeclaration("xml version=\"1.0\" encoding=\"UTF-8\"");
        if (doctype_html) {
            nl();
            p_.PushUnknown("DOCTYPE html");
        }
        nl();
    }
    void open(const char* name, Attrs attrs = {}) {
        p_.OpenElement(name, true);
        for (const auto& [k, v] : attrs) attr(k, v);
    }
    void attr(const char* name, std::string_view value) {
        p_.PushAttribute(name, std::string(value).c_str());
    }
    void close() { p_.CloseElement(true); }
    /// Closes the element, then a line break (block elements).
    void end() {
        close();
        nl();
    }
    void text(std::string_view t) {
        if (!t.empty()) p_.PushText(std::string(t).c_str());
    }
    /// An element holding only text.
    void element(const char* name, std::string_view t, Attrs attrs = {}) {
        open(name, attrs);
        text(t);
        close();
    }
    void nl() { p_.PushText("\n"); }
    std::string str() const {
        const int n = p_.CStrSize();
        return std::string(p_.CStr(), n > 0 ? static_cast<std::size_t>(n - 1) : 0);
    }

    /// An XHTML document up to its open <body>: the declaration, the doctype, <html> with the
    /// XHTML and EPUB namespaces, the language (and dir="rtl" when `rtl`), and a <head> with the
    /// title and the style sheet.
    void xhtml_start(std::string_view lang, bool rtl, std::string_view title, Attrs body = {}) {
        header(true);
        open("html", {{"xmlns", "http://www.w3.org/1999/xhtml"},
                      {"xmlns:epub", "http://www.idpf.org/2007/ops"},
                      {"lang", lang},
                      {"xml:lang", lang}});
        if (rtl) attr("dir", "rtl");
        nl();
        open("head");
        nl();
        empty("meta", {{"charset", "utf-8"}});
        element("title", title);
        nl();
        empty("link", {{"rel", "stylesheet"}, {"type", "text/css"}, {"href", "style.css"}});
        end();  // head
        open("body", body);
        nl();
    }

    /// Closes what xhtml_start opened (<body>, <html>) and returns the document.
    std::string xhtml_end() {
        end();  // body
        end();  // html
        return str();
    }

    /// An element without content, then a line break.
    void empty(const char* name, Attrs attrs = {}) {
        open(name, attrs);
        end();
    }

private:
    tinyxml2::XMLPrinter p_;
};

}  // namespace quire::inline v0::epub
