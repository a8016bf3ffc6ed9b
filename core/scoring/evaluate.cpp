// The scoring engine's entry points: one ward, one district, or every unit of a registry.
#include "core/scoring/evaluate.hpp"

#include <map>

#include "core/scoring/checklist_content.hpp"
#include "core/scoring/household_content.hpp"

namespace c5 {

namespace {

UnitResult start_result(const CriteriaDef& criteria, const Unit& unit,
                        const EvaluationStamp& stamp) {
    UnitResult r;
    r.unit_code = unit.code;
    r.unit_name = unit.name;
    r.level = unit.level;
    r.criteria_version = criteria.id + " " + criteria.version;
    r.computed_at = stamp.computed_at;
    r.data_version = stamp.data_version;
    return r;
}

// What a missing checklist is called in a reason.
std::string checklist_title(UnitLevel level) {
    return level == UnitLevel::District ? "bảng đánh giá của quận, thị xã, thành phố (Phụ lục II)"
                                        : "bảng đánh giá của phường, thị trấn (Phụ lục I)";
}

void finish(UnitResult& r) {
    r.criterion = r.contents.empty() ? Status::Incomplete : Status::Pass;
    for (const auto& c : r.contents) r.criterion = combine(r.criterion, c.status);
}

}  // namespace

UnitResult evaluate_ward(const CriteriaDef& criteria, const Registry& registry, const Unit& ward,
                         const FormRecord* checklist,
                         const std::vector<const FormRecord*>& households,
                         const EvaluationStamp& stamp) {
    UnitResult r = start_result(criteria, ward, stamp);
    const AnnexDef* annex = criteria.annex_for(UnitLevel::Ward);
    if (!annex) return r;

    for (const ContentDef& content : annex->contents) {
        if (content.from_households) {
            r.contents.push_back(evaluate_household_content(content, criteria.min_coverage,
                                                            registry, ward, households, r));
        } else {
            r.contents.push_back(
                evaluate_checklist_content(content, checklist, checklist_title(UnitLevel::Ward)));
        }
    }
    finish(r);
    return r;
}

UnitResult evaluate_district(const CriteriaDef& criteria, const Unit& district,
                             const FormRecord* checklist, const EvaluationStamp& stamp) {
    UnitResult r = start_result(criteria, district, stamp);
    const AnnexDef* annex = criteria.annex_for(UnitLevel::District);
    if (!annex) return r;

    for (const ContentDef& content : annex->contents)
        r.contents.push_back(
            evaluate_checklist_content(content, checklist, checklist_title(UnitLevel::District)));
    finish(r);
    return r;
}

std::vector<UnitResult> evaluate_all(const CriteriaDef& criteria, const Registry& registry,
                                     const std::vector<FormRecord>& checklists,
                                     const std::vector<FormRecord>& households,
                                     const EvaluationStamp& stamp) {
    std::map<std::pair<std::string, std::string>, const FormRecord*> checklist_of;
    for (const FormRecord& c : checklists) {
        if (!c.deleted) checklist_of[{c.form, c.unit_code}] = &c;
    }
    std::map<std::string, std::vector<const FormRecord*>> households_of;
    for (const FormRecord& h : households) households_of[h.unit_code].push_back(&h);

    auto find_checklist = [&](UnitLevel level, const std::string& code) -> const FormRecord* {
        const AnnexDef* annex = criteria.annex_for(level);
        if (!annex) return nullptr;
        auto it = checklist_of.find({annex->checklist_form, code});
        return it == checklist_of.end() ? nullptr : it->second;
    };

    std::vector<UnitResult> results;
    for (const Unit& unit : registry.units()) {
        if (unit.level == UnitLevel::Ward) {
            results.push_back(evaluate_ward(criteria, registry, unit,
                                            find_checklist(UnitLevel::Ward, unit.code),
                                            households_of[unit.code], stamp));
        } else if (unit.level == UnitLevel::District && criteria.annex_for(UnitLevel::District)) {
            results.push_back(evaluate_district(
                criteria, unit, find_checklist(UnitLevel::District, unit.code), stamp));
        }
    }
    return results;
}

}  // namespace c5
