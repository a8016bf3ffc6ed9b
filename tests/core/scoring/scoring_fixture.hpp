// Builders shared by the scoring tests: the shipped criteria, a small registry, and
// household and checklist records written in one line each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/records/form_record.hpp"
#include "core/registry/registry.hpp"
#include "core/scoring/criteria.hpp"
#include "core/scoring/evaluate.hpp"

namespace c5::testing {

inline CriteriaDef shipped_criteria() {
    static const CriteriaDef def =
        *load_criteria(std::string(C5_SOURCE_DIR) + "/forms/criteria/criterion5-2024.json");
    return def;
}

inline ShareRule& share_rule(CriteriaDef& def, const std::string& id) {
    for (auto& annex : def.annexes)
        for (auto& content : annex.contents)
            for (auto& share : content.shares)
                if (share.id == id) return share;
    throw std::logic_error("no share " + id);
}

// A province, a district and ward 00001 with groups 01 and 02 of the given registered counts
// (nullopt: no count).
inline Registry small_registry(std::optional<std::int64_t> group1,
                               std::optional<std::int64_t> group2) {
    Registry r;
    r.add({UnitLevel::Province, "01", "Thành phố Hà Nội", "", std::nullopt});
    r.add({UnitLevel::District, "001", "Quận Ba Đình", "01", std::nullopt});
    r.add({UnitLevel::Ward, "00001", "Phường Phúc Xá", "001", std::nullopt});
    r.add({UnitLevel::Group, "01", "Tổ dân phố 01", "00001", group1});
    r.add({UnitLevel::Group, "02", "Tổ dân phố 02", "00001", group2});
    return r;
}

struct HouseholdSpec {
    std::string code;
    std::string outcome = "interviewed";
    bool device = true;
    bool broadband = true;
    std::int64_t adults = 2;
    std::int64_t smartphones = 2;
    std::string group = "01";
    std::string visited_at = "2024-10-05T09:00:00+07:00";
};

inline FormRecord household(const HouseholdSpec& s) {
    FormRecord r;
    r.record_id = "rec-" + s.code + "-" + s.visited_at;
    r.form = "household";
    r.unit_code = "00001";
    r.values = {{"ward_code", std::string("00001")},
                {"group", s.group},
                {"household_code", s.code},
                {"visit_outcome", s.outcome},
                {"visited_at", s.visited_at}};
    if (s.outcome == "interviewed") {
        r.values["consent"] = true;
        for (const char* f : {"smart_tv_box", "smart_projector", "smart_audio", "tablet",
                              "smart_camera", "ereader", "smart_entertainment", "broadband_mobile"})
            r.values[f] = false;
        r.values["smart_tv"] = s.device;
        r.values["broadband_fixed"] = s.broadband;
        r.values["adults_15plus"] = s.adults;
        r.values["adults_smartphone"] = s.smartphones;
    }
    return r;
}

// n interviewed households with everything, codes 01-0001 ... in group 01.
inline std::vector<FormRecord> good_households(int n, const std::string& group = "01") {
    std::vector<FormRecord> out;
    for (int i = 1; i <= n; ++i) {
        char code[16];
        std::snprintf(code, sizeof code, "%s-%04d", group.c_str(), i);
        out.push_back(household({.code = code, .group = group}));
    }
    return out;
}

inline std::vector<const FormRecord*> pointers(const std::vector<FormRecord>& records) {
    std::vector<const FormRecord*> out;
    for (const auto& r : records) out.push_back(&r);
    return out;
}

// A ward checklist on which every item passes.
inline FormRecord passing_ward_checklist() {
    FormRecord c;
    c.form = "ward_checklist";
    c.unit_code = "00001";
    c.values = {{"radio_operating", true},
                {"radio_technology", std::string("ict")},
                {"lan", true},
                {"lan_machines_total", std::int64_t{12}},
                {"lan_machines_protected", std::int64_t{12}},
                {"staff_total", std::int64_t{20}},
                {"staff_with_computer_broadband", std::int64_t{20}},
                {"free_wifi_points", std::int64_t{2}},
                {"social_channel", true},
                {"social_platform", std::string("zalo")},
                {"social_channel_verified", true}};
    for (const char* f : {"one_stop_system", "sw_documents_esign", "sw_reporting", "sw_assets",
                          "sw_finance", "sw_complaints", "official_email", "online_meeting",
                          "web_portal_component", "satisfaction_app", "security_feedback_app"})
        c.values[f] = true;
    return c;
}

inline const ContentResult& content(const UnitResult& r, const std::string& id) {
    for (const auto& c : r.contents)
        if (c.id == id) return c;
    throw std::logic_error("no content " + id);
}

inline bool mentions(const ContentResult& c, const std::string& text) {
    for (const auto& r : c.reasons)
        if (r.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace c5::testing
