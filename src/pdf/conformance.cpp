// pdf/conformance: see conformance.hpp.
#include "pdf/conformance.hpp"

#include "base/sha256.hpp"
#include "base/utc.hpp"
#include "pdf/flate.hpp"

#include <podofo/podofo.h>

#include <map>
#include <mutex>

namespace quire::inline v0::pdf {

namespace {

std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&':
                o += "&amp;";
                break;
            case '<':
                o += "&lt;";
                break;
            case '>':
                o += "&gt;";
                break;
            case '"':
                o += "&quot;";
                break;
            default:
                o += c;
        }
    }
    return o;
}

/// The PDF/A extension schema that describes pdfuaid (ISO 19005-2 6.6.2.3.1: every property
/// outside the predefined schemas is described in the file).
constexpr const char* kUaSchema =
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaProperty:name>part</pdfaProperty:name>\n"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "<pdfaProperty:category>internal</pdfaProperty:category>\n"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
    "followed</pdfaProperty:description>\n"
    "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n";

/// A UUID (the form of RFC 4122, version 4 bits) made from the SHA-256 of `s`.
std::string uuid_of(const std::string& s) {
    const std::string h = sha256_hex(s);
    return h.substr(0, 8) + '-' + h.substr(8, 4) + "-4" + h.substr(13, 3) + '-' +
           "89ab"[h[16] % 4] + h.substr(17, 3) + '-' + h.substr(20, 12);
}

}  // namespace

std::string format_utc(std::int64_t t, const char* format) {
    return utc::format(t, format);
}

std::string xmp_packet(const layout::Metadata& m, std::int64_t t, const std::string& producer,
                       const PdfStandard& standard) {
    std::string x;
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
    if (standard.pdfa > 0) x += " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (standard.ua) x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"";
    if (standard.x4)
        x += " xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\" "
             "xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"";
    if (standard.ua && standard.pdfa > 0)
        x += " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
             "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
             "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"";
    x += ">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
    if (!m.author.empty())
        x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(m.author) +
             "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!m.subject.empty())
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    if (!m.publisher.empty())
        x += "<dc:publisher><rdf:Bag><rdf:li>" + xml_escape(m.publisher) +
             "</rdf:li></rdf:Bag></dc:publisher>\n";
    if (!m.rights.empty())
        x += "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(m.rights) +
             "</rdf:li></rdf:Alt></dc:rights>\n";
    if (!m.identifier.empty())
        x += "<dc:identifier>" + xml_escape(m.identifier) + "</dc:identifier>\n";
    if (!m.lang.empty())
        x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(m.lang) +
             "</rdf:li></rdf:Bag></dc:language>\n";
    if (!m.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(m.keywords) + "</pdf:Keywords>\n";
    const std::string d = format_utc(t, "%Y-%m-%dT%H:%M:%SZ");
    x += "<xmp:CreateDate>" + d + "</xmp:CreateDate>\n<xmp:ModifyDate>" + d +
         "</xmp:ModifyDate>\n<xmp:MetadataDate>" + d + "</xmp:MetadataDate>\n";
    x += "<xmp:CreatorTool>" + xml_escape(producer) + "</xmp:CreatorTool>\n";
    x += "<pdf:Producer>" + xml_escape(producer) + "</pdf:Producer>\n";
    if (standard.pdfa > 0)
        x += "<pdfaid:part>" + std::to_string(standard.pdfa) +
             "</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n";
    if (standard.ua) x += "<pdfuaid:part>1</pdfuaid:part>\n";
    if (standard.x4) {
        // PDF/X-4 (ISO 15930-7): its version, the trapping state (as the Info's /Trapped), and
        // the document's identity, made from what the document is (the same input gives the
        // same identifiers, as it gives the same bytes).
        const std::string id = uuid_of(m.title + '\n' + m.author + '\n' + d + '\n' + producer);
        x += "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n";
        x += "<pdf:Trapped>False</pdf:Trapped>\n";
        x += "<xmpMM:DocumentID>uuid:" + id + "</xmpMM:DocumentID>\n";
        x += "<xmpMM:InstanceID>uuid:" + id + "</xmpMM:InstanceID>\n";
        x += "<xmpMM:VersionID>1</xmpMM:VersionID>\n";
        x += "<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n";
    }
    if (standard.ua && standard.pdfa > 0) x += kUaSchema;
    x += "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
    return x;
}

namespace {

/// The profile sRGB (`colour`) or Gray, deflated once per process: the same bytes in every
/// document. (Not kept when deflating fails, so a later document tries again.)
Result<std::string_view> deflated_profile(bool colour) {
    static std::mutex mu;
    static std::string deflated[2];
    const std::lock_guard lock(mu);
    std::string& d = deflated[colour ? 1 : 0];
    if (d.empty()) {
        const std::string_view raw = icc_profile(colour ? "sRGB" : "Gray");
        QUIRE_TRY_ASSIGN(d, deflate_bytes(raw.data(), raw.size(), 12));
    }
    return std::string_view(d);
}

}  // namespace

Result<Unit> add_output_intent(PoDoFo::PdfMemDocument& pdf, bool colour) {
    using namespace PoDoFo;
    QUIRE_TRY_ASSIGN(const std::string_view icc, deflated_profile(colour));
    PdfObject* profile = pdf.GetObjects().CreateObject();
    profile->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(colour ? 3 : 1)));
    profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()), TVecFilters());
    profile->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
    PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFA1"));
    const char* condition = colour ? "sRGB IEC61966-2.1" : "Gray";
    intent.AddKey("OutputConditionIdentifier", PdfString(condition));
    intent.AddKey("Info", PdfString(condition));
    intent.AddKey("DestOutputProfile", profile->Reference());
    PdfArray intents;
    intents.push_back(intent);
    pdf.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);
    return Unit{};
}

namespace {

/// A profile deflated once per process (the same bytes in every document).
Result<std::string_view> deflated(const char* name) {
    static std::mutex mu;
    static std::map<std::string, std::string> done;
    const std::lock_guard lock(mu);
    std::string& d = done[name];
    if (d.empty()) {
        const std::string_view raw = icc_profile(name);
        QUIRE_TRY_ASSIGN(d, deflate_bytes(raw.data(), raw.size(), 12));
    }
    return std::string_view(d);
}

Result<PoDoFo::PdfObject*> profile_object(PoDoFo::PdfMemDocument& pdf, const char* name, int n) {
    using namespace PoDoFo;
    QUIRE_TRY_ASSIGN(const std::string_view icc, deflated(name));
    PdfObject* profile = pdf.GetObjects().CreateObject();
    profile->GetDictionary().AddKey("N", PdfVariant(static_cast<pdf_int64>(n)));
    profile->GetStream()->Set(icc.data(), static_cast<pdf_long>(icc.size()), TVecFilters());
    profile->GetDictionary().AddKey(PdfName::KeyFilter, PdfName("FlateDecode"));
    return profile;
}

}  // namespace

Result<Unit> add_print_intent(PoDoFo::PdfMemDocument& pdf) {
    using namespace PoDoFo;
    QUIRE_TRY_ASSIGN(PdfObject * profile, profile_object(pdf, "FOGRA39", 4));
    PdfDictionary intent;
    intent.AddKey("Type", PdfName("OutputIntent"));
    intent.AddKey("S", PdfName("GTS_PDFX"));
    intent.AddKey("OutputConditionIdentifier", PdfString("FOGRA39"));
    intent.AddKey("OutputCondition", PdfString("Coated FOGRA39 (ISO 12647-2:2004)"));
    intent.AddKey("RegistryName", PdfString("http://www.color.org"));
    intent.AddKey("Info", PdfString("Coated FOGRA39 (ISO 12647-2:2004)"));
    intent.AddKey("DestOutputProfile", profile->Reference());
    PdfArray intents;
    intents.push_back(intent);
    pdf.GetCatalog()->GetDictionary().AddKey("OutputIntents", intents);
    return Unit{};
}

Result<PoDoFo::PdfReference> srgb_profile(PoDoFo::PdfMemDocument& pdf) {
    QUIRE_TRY_ASSIGN(PoDoFo::PdfObject * profile, profile_object(pdf, "sRGB", 3));
    return profile->Reference();
}

}  // namespace quire::inline v0::pdf
