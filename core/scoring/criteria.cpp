// Loading the criterion definition from JSON, with JSON-path errors, so a revision of the
// rules (new thresholds, a new item) is a new file rather than a code change.
#include "core/scoring/criteria.hpp"

#include <set>

#include "core/forms/definition_reader.hpp"

namespace c5 {

using nlohmann::json;
using namespace definition;

const AnnexDef* CriteriaDef::annex_for(UnitLevel level) const {
    for (const auto& a : annexes)
        if (a.level == level) return &a;
    return nullptr;
}

namespace {

double read_fraction(const json& obj, const std::string& key, const std::string& path,
                     double fallback) {
    auto v = optional_number(obj, key, path);
    if (!v) return fallback;
    if (*v < 0.0 || *v > 1.0)
        throw DefinitionError(child(path, key), "must be a fraction from 0 to 1 (1 means 100 %)");
    return *v;
}

ItemRule parse_item(const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"id", "rule", "field", "other_field", "values", "min", "label"}, path);
    ItemRule item;
    item.id = require_string(j, "id", path);
    item.label = require_label(j, "label", path);
    item.field = require_string(j, "field", path);
    const std::string rule = require_string(j, "rule", path);
    if (rule == "is_true") {
        item.kind = ItemRuleKind::IsTrue;
    } else if (rule == "not_in") {
        item.kind = ItemRuleKind::NotIn;
        item.values = optional_string_list(j, "values", path);
        if (item.values.empty())
            throw DefinitionError(child(path, "values"), "list the refused values");
    } else if (rule == "equal_positive") {
        item.kind = ItemRuleKind::EqualPositive;
        item.other_field = require_string(j, "other_field", path);
    } else if (rule == "at_least") {
        item.kind = ItemRuleKind::AtLeast;
        auto min = optional_int(j, "min", path);
        if (!min) throw DefinitionError(path, "missing \"min\"");
        item.min = *min;
    } else {
        throw DefinitionError(
            child(path, "rule"),
            "unknown rule \"" + rule + "\" (expected is_true, not_in, equal_positive or at_least)");
    }
    return item;
}

ShareRule parse_share(const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(
        j, {"id", "kind", "threshold", "fields", "numerator", "denominator", "label", "lacking"},
        path);
    ShareRule share;
    share.id = require_string(j, "id", path);
    share.label = require_label(j, "label", path);
    share.lacking = require_label(j, "lacking", path);
    share.threshold = read_fraction(j, "threshold", path, 1.0);
    const std::string kind = require_string(j, "kind", path);
    if (kind == "any_true") {
        share.kind = ShareKind::AnyTrue;
        share.fields = optional_string_list(j, "fields", path);
        if (share.fields.empty()) throw DefinitionError(child(path, "fields"), "list the fields");
    } else if (kind == "sum_ratio") {
        share.kind = ShareKind::SumRatio;
        share.numerator = require_string(j, "numerator", path);
        share.denominator = require_string(j, "denominator", path);
    } else {
        throw DefinitionError(child(path, "kind"),
                              "unknown kind \"" + kind + "\" (expected any_true or sum_ratio)");
    }
    return share;
}

ContentDef parse_content(const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"id", "title", "items", "shown", "from_households", "shares"}, path);
    ContentDef content;
    content.id = require_string(j, "id", path);
    content.title = require_label(j, "title", path);
    content.shown = optional_string_list(j, "shown", path);
    content.from_households = optional_bool(j, "from_households", path, false);

    std::set<std::string> ids;
    if (j.contains("items")) {
        const json& items = require_array(j["items"], child(path, "items"));
        for (std::size_t i = 0; i < items.size(); ++i) {
            ItemRule item = parse_item(items[i], child(child(path, "items"), i));
            if (!ids.insert(item.id).second)
                throw DefinitionError(child(child(path, "items"), i),
                                      "duplicate item \"" + item.id + "\"");
            content.items.push_back(std::move(item));
        }
    }
    if (j.contains("shares")) {
        const json& shares = require_array(j["shares"], child(path, "shares"));
        for (std::size_t i = 0; i < shares.size(); ++i)
            content.shares.push_back(parse_share(shares[i], child(child(path, "shares"), i)));
    }

    if (content.from_households && content.shares.empty())
        throw DefinitionError(path, "a content computed from households needs \"shares\"");
    if (!content.from_households && content.items.empty())
        throw DefinitionError(path, "a checklist content needs \"items\"");
    if (!content.from_households && !content.shares.empty())
        throw DefinitionError(child(path, "shares"), "shares need \"from_households\": true");
    return content;
}

AnnexDef parse_annex(const json& j, const std::string& path) {
    require_object(j, path);
    refuse_unknown_keys(j, {"id", "level", "checklist_form", "title", "contents"}, path);
    AnnexDef annex;
    annex.id = require_string(j, "id", path);
    annex.title = require_label(j, "title", path);
    annex.checklist_form = require_string(j, "checklist_form", path);
    const std::string level = require_string(j, "level", path);
    auto parsed = parse_unit_level(level);
    if (!parsed || (*parsed != UnitLevel::Ward && *parsed != UnitLevel::District))
        throw DefinitionError(child(path, "level"), "must be \"ward\" or \"district\"");
    annex.level = *parsed;

    const std::string list_path = child(path, "contents");
    const json& contents = require_array(require_member(j, "contents", path), list_path);
    if (contents.empty() || contents.size() > 5)
        throw DefinitionError(list_path, "an annex has 1 to 5 contents (results have c1 to c5)");
    std::set<std::string> ids;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        ContentDef c = parse_content(contents[i], child(list_path, i));
        if (!ids.insert(c.id).second)
            throw DefinitionError(child(list_path, i), "duplicate content \"" + c.id + "\"");
        annex.contents.push_back(std::move(c));
    }
    return annex;
}

CriteriaDef parse_criteria_json(const json& root) {
    require_object(root, "");
    refuse_unknown_keys(root,
                        {"criterion", "version", "title", "legal_basis", "effective_from",
                         "household_form", "min_coverage", "annexes"},
                        "");
    CriteriaDef def;
    def.id = require_string(root, "criterion", "");
    def.version = require_string(root, "version", "");
    def.title = require_label(root, "title", "");
    def.legal_basis = require_label(root, "legal_basis", "");
    def.effective_from = require_string(root, "effective_from", "");
    if (def.effective_from.size() != 10 || def.effective_from[4] != '-' ||
        def.effective_from[7] != '-')
        throw DefinitionError("/effective_from", "expected a date like 2024-06-01");
    def.household_form = require_string(root, "household_form", "");
    def.min_coverage = read_fraction(root, "min_coverage", "", 1.0);

    const json& annexes = require_array(require_member(root, "annexes", ""), "/annexes");
    for (std::size_t i = 0; i < annexes.size(); ++i) {
        AnnexDef annex = parse_annex(annexes[i], child("/annexes", i));
        if (def.annex_for(annex.level))
            throw DefinitionError(child("/annexes", i), "a second annex for the same level");
        def.annexes.push_back(std::move(annex));
    }
    if (!def.annex_for(UnitLevel::Ward)) throw DefinitionError("/annexes", "no annex for wards");
    return def;
}

}  // namespace

Result<CriteriaDef> parse_criteria(const std::string& json_text, const std::string& source_name) {
    auto root = parse_json(json_text, source_name);
    if (!root) return std::unexpected(root.error());
    return load_with_paths<CriteriaDef>(source_name, [&] { return parse_criteria_json(*root); });
}

Result<CriteriaDef> load_criteria(const std::filesystem::path& file) {
    auto text = read_text_file(file);
    if (!text) return std::unexpected(text.error());
    return parse_criteria(*text, file.string());
}

}  // namespace c5
