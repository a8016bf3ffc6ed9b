// The criterion definition loaded from forms/criteria/*.json: its contents, the rule of each
// item, share thresholds and the minimum coverage, with its legal basis and effective date.
// A revision of the rules is a new file, not a code change.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/forms/label.hpp"
#include "core/registry/registry.hpp"
#include "core/util/result.hpp"

namespace c5 {

enum class ItemRuleKind {
    IsTrue,         // field is true
    NotIn,          // field is answered and not one of `values`
    EqualPositive,  // field equals other_field and both are > 0
    AtLeast,        // field >= min
};

struct ItemRule {
    std::string id;
    Label label;
    ItemRuleKind kind = ItemRuleKind::IsTrue;
    std::string field;
    std::string other_field;
    std::vector<std::string> values;
    std::int64_t min = 0;
};

enum class ShareKind {
    AnyTrue,   // households with at least one of `fields` true / interviewed households
    SumRatio,  // sum of numerator field / sum of denominator field over interviewed households
};

struct ShareRule {
    std::string id;  // "device_share", "broadband_share", "smartphone_share"
    Label label;
    Label lacking;  // how a household missing it is described: "không có thiết bị ..."
    ShareKind kind = ShareKind::AnyTrue;
    std::vector<std::string> fields;
    std::string numerator;
    std::string denominator;
    double threshold = 1.0;
};

struct ContentDef {
    std::string id;  // "c1" ...
    Label title;
    std::vector<ItemRule> items;     // scored checklist items
    std::vector<std::string> shown;  // recorded and shown, not scored
    bool from_households = false;    // content computed from household records
    std::vector<ShareRule> shares;
};

struct AnnexDef {
    std::string id;  // "annex1"
    Label title;
    UnitLevel level = UnitLevel::Ward;
    std::string checklist_form;  // "ward_checklist"
    std::vector<ContentDef> contents;
};

struct CriteriaDef {
    std::string id;
    std::string version;
    Label title;
    Label legal_basis;
    std::string effective_from;  // ISO date
    std::string household_form;
    double min_coverage = 1.0;
    std::vector<AnnexDef> annexes;

    const AnnexDef* annex_for(UnitLevel level) const;
};

// Parses a criteria definition; errors name the file, JSON path and what is wrong.
[[nodiscard]] Result<CriteriaDef> load_criteria(const std::filesystem::path& file);
[[nodiscard]] Result<CriteriaDef> parse_criteria(const std::string& json_text,
                                                 const std::string& source_name);

}  // namespace c5

#include <map>

#include "core/forms/form.hpp"

namespace c5 {

// Checks that every field a criteria definition names exists, with a fitting type, in the
// forms it scores (checklist forms for items, the household form for shares).
[[nodiscard]] Result<void> check_criteria_against_forms(const CriteriaDef& criteria,
                                                        const std::map<std::string, Form>& forms);

}  // namespace c5
