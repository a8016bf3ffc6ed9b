// UnitResult to JSON and back.
#include "syncd/server/result_json.hpp"

namespace c5::syncd {
namespace {

using nlohmann::json;

Status parse_status(const std::string& text) {
    if (text == "pass") return Status::Pass;
    if (text == "fail") return Status::Fail;
    return Status::Incomplete;
}

template <class T>
json optional_json(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

template <class T>
std::optional<T> optional_from(const json& j) {
    if (j.is_null()) return std::nullopt;
    return j.get<T>();
}

json content_to_json(const ContentResult& c) {
    json items = json::array();
    for (const auto& i : c.items) {
        items.push_back({{"id", i.id}, {"status", status_name(i.status)}, {"value", i.value}});
    }
    return {
        {"id", c.id}, {"status", status_name(c.status)}, {"items", items}, {"reasons", c.reasons}};
}

ContentResult content_from_json(const json& j) {
    ContentResult c;
    c.id = j.at("id").get<std::string>();
    c.status = parse_status(j.at("status").get<std::string>());
    for (const auto& i : j.at("items")) {
        c.items.push_back({i.at("id").get<std::string>(),
                           parse_status(i.at("status").get<std::string>()),
                           i.at("value").get<std::string>()});
    }
    c.reasons = j.at("reasons").get<std::vector<std::string>>();
    return c;
}

json share_to_json(const ShareFigure& s) {
    return {{"id", s.id},
            {"numerator", s.numerator},
            {"denominator", s.denominator},
            {"value", optional_json(s.value)},
            {"threshold", s.threshold},
            {"status", status_name(s.status)}};
}

ShareFigure share_from_json(const json& j) {
    return ShareFigure{
        j.at("id").get<std::string>(),           j.at("numerator").get<std::int64_t>(),
        j.at("denominator").get<std::int64_t>(), optional_from<double>(j.at("value")),
        j.at("threshold").get<double>(),         parse_status(j.at("status").get<std::string>())};
}

}  // namespace

json unit_result_to_json(const UnitResult& r) {
    json contents = json::array();
    for (const auto& c : r.contents) contents.push_back(content_to_json(c));
    json shares = json::array();
    for (const auto& s : r.shares) shares.push_back(share_to_json(s));
    json shortfalls = json::array();
    for (const auto& s : r.shortfalls) {
        shortfalls.push_back({{"group_code", s.group_code},
                              {"share_id", s.share_id},
                              {"household_codes", s.household_codes},
                              {"count", s.count}});
    }
    json duplicates = json::array();
    for (const auto& d : r.duplicates) {
        duplicates.push_back({{"household_code", d.household_code},
                              {"kept_record", d.kept_record},
                              {"other_records", d.other_records}});
    }
    return {{"unit_code", r.unit_code},
            {"unit_name", r.unit_name},
            {"level", unit_level_name(r.level)},
            {"criterion", status_name(r.criterion)},
            {"contents", contents},
            {"shares", shares},
            {"coverage", optional_json(r.coverage)},
            {"households_interviewed", r.households_interviewed},
            {"households_vacant", r.households_vacant},
            {"households_visited", r.households_visited},
            {"households_registered", optional_json(r.households_registered)},
            {"shortfalls", shortfalls},
            {"duplicates", duplicates},
            {"criteria_version", r.criteria_version},
            {"computed_at", r.computed_at},
            {"data_version", r.data_version}};
}

Result<UnitResult> unit_result_from_json(const json& j) {
    try {
        UnitResult r;
        r.unit_code = j.at("unit_code").get<std::string>();
        r.unit_name = j.at("unit_name").get<std::string>();
        r.level = parse_unit_level(j.at("level").get<std::string>()).value_or(UnitLevel::Ward);
        r.criterion = parse_status(j.at("criterion").get<std::string>());
        for (const auto& c : j.at("contents")) r.contents.push_back(content_from_json(c));
        for (const auto& s : j.at("shares")) r.shares.push_back(share_from_json(s));
        r.coverage = optional_from<double>(j.at("coverage"));
        r.households_interviewed = j.at("households_interviewed").get<std::int64_t>();
        r.households_vacant = j.at("households_vacant").get<std::int64_t>();
        r.households_visited = j.at("households_visited").get<std::int64_t>();
        r.households_registered = optional_from<std::int64_t>(j.at("households_registered"));
        for (const auto& s : j.at("shortfalls")) {
            r.shortfalls.push_back({s.at("group_code").get<std::string>(),
                                    s.at("share_id").get<std::string>(),
                                    s.at("household_codes").get<std::vector<std::string>>(),
                                    s.at("count").get<std::int64_t>()});
        }
        for (const auto& d : j.at("duplicates")) {
            r.duplicates.push_back({d.at("household_code").get<std::string>(),
                                    d.at("kept_record").get<std::string>(),
                                    d.at("other_records").get<std::vector<std::string>>()});
        }
        r.criteria_version = j.at("criteria_version").get<std::string>();
        r.computed_at = j.at("computed_at").get<std::string>();
        r.data_version = j.at("data_version").get<std::string>();
        return r;
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorKind::Damaged, std::string("stored result does not decode: ") + e.what());
    }
}

}  // namespace c5::syncd
