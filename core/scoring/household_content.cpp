// Content 4 of Annex I: shares of households with smart devices and broadband, and of
// adults with smartphones, with the coverage and best-case rules of the domain spec.
#include "core/scoring/household_content.hpp"

#include <algorithm>
#include <map>

#include "core/scoring/wording.hpp"
#include "core/text/timestamp.hpp"

namespace c5 {

namespace {

constexpr double kEpsilon = 1e-9;
constexpr std::size_t kCodesPerGroup = 10;

bool is_outcome(const FormRecord& r, const char* outcome) {
    const auto* s = std::get_if<std::string>(&r.get("visit_outcome"));
    return s && *s == outcome;
}

bool is_true(const FormRecord& r, const std::string& field) {
    const auto* b = std::get_if<bool>(&r.get(field));
    return b && *b;
}

std::int64_t int_of(const FormRecord& r, const std::string& field) {
    const auto* n = std::get_if<std::int64_t>(&r.get(field));
    return n ? *n : 0;
}

std::string text_of(const FormRecord& r, const std::string& field) {
    const auto* s = std::get_if<std::string>(&r.get(field));
    return s ? *s : "";
}

std::int64_t visit_time(const FormRecord& r) {
    auto t = parse_timestamp_utc(text_of(r, "visited_at"));
    return t ? *t : INT64_MIN;
}

std::string record_label(const FormRecord& r) {
    return r.record_id.empty() ? r.source : r.record_id;
}

// True when a should be kept over b for the same household.
bool preferred(const FormRecord& a, const FormRecord& b) {
    const bool ai = is_outcome(a, "interviewed");
    const bool bi = is_outcome(b, "interviewed");
    if (ai != bi) return ai;
    const std::int64_t at = visit_time(a);
    const std::int64_t bt = visit_time(b);
    if (at != bt) return at > bt;
    return record_label(a) > record_label(b);
}

bool reaches(std::int64_t numerator, std::int64_t denominator, double threshold) {
    return static_cast<double>(numerator) >=
           threshold * static_cast<double>(denominator) - kEpsilon;
}

// The figure and status of one share. `remaining` is how many registered, non-vacant
// households are not yet interviewed, or -1 when the registry has no count.
ShareFigure score_share(const ShareRule& rule, std::int64_t numerator, std::int64_t denominator,
                        std::int64_t remaining) {
    ShareFigure f{rule.id,      numerator,      denominator,
                  std::nullopt, rule.threshold, Status::Incomplete};
    if (denominator > 0)
        f.value = static_cast<double>(numerator) / static_cast<double>(denominator);
    const bool full_threshold = rule.threshold >= 1.0 - kEpsilon;

    bool certain_fail = false;
    if (rule.kind == ShareKind::AnyTrue) {
        // Best case: every household still to interview turns out to have it.
        if (remaining < 0) {
            certain_fail = full_threshold && numerator < denominator;
        } else if (denominator + remaining > 0) {
            certain_fail = !reaches(numerator + remaining, denominator + remaining, rule.threshold);
        }
    } else if (denominator > 0 && !reaches(numerator, denominator, rule.threshold)) {
        // Adults not yet counted could lift the share only below a 100 % threshold.
        certain_fail = full_threshold || remaining == 0;
    }

    if (certain_fail) {
        f.status = Status::Fail;
    } else if (denominator > 0 && reaches(numerator, denominator, rule.threshold)) {
        f.status = Status::Pass;
    }
    return f;
}

struct GroupTally {
    std::int64_t interviewed = 0;
    std::int64_t vacant = 0;
    std::map<std::string, std::vector<std::string>> lacking;  // share id -> household codes
};

std::string group_title(const Registry& registry, const Unit& ward, const std::string& group) {
    const Unit* g = registry.find_group(ward.code, group);
    return g && !g->name.empty() ? g->name : "Tổ " + group;
}

std::string share_reason(const ShareRule& rule, const ShareFigure& f) {
    std::string s = rule.label.vi + " ";
    if (f.value) {
        s += wording::percent(*f.value) + " (" + std::to_string(f.numerator) + "/" +
             std::to_string(f.denominator) + "), yêu cầu " + wording::percent(rule.threshold);
    } else {
        s += "chưa tính được (mẫu số bằng 0)";
    }
    return s;
}

struct Tally {
    std::map<std::string, GroupTally> groups;  // by residential group code
    std::vector<std::int64_t> numerators;      // per share rule
    std::vector<std::int64_t> denominators;
};

// Counts visited, vacant and interviewed households, each share's numerator and
// denominator, and which households lack what, per residential group.
Tally tally_households(const ContentDef& content, const std::vector<const FormRecord*>& kept,
                       UnitResult& result) {
    Tally tally{{},
                std::vector<std::int64_t>(content.shares.size(), 0),
                std::vector<std::int64_t>(content.shares.size(), 0)};
    for (const FormRecord* r : kept) {
        GroupTally& g = tally.groups[text_of(*r, "group")];
        ++result.households_visited;
        if (is_outcome(*r, "vacant")) {
            ++g.vacant;
            ++result.households_vacant;
        }
        if (!is_outcome(*r, "interviewed")) continue;
        ++g.interviewed;
        ++result.households_interviewed;

        for (std::size_t i = 0; i < content.shares.size(); ++i) {
            const ShareRule& rule = content.shares[i];
            bool lacks = false;
            if (rule.kind == ShareKind::AnyTrue) {
                const bool has = std::any_of(rule.fields.begin(), rule.fields.end(),
                                             [&](const std::string& f) { return is_true(*r, f); });
                tally.numerators[i] += has ? 1 : 0;
                tally.denominators[i] += 1;
                lacks = !has;
            } else {
                const std::int64_t num = int_of(*r, rule.numerator);
                const std::int64_t den = int_of(*r, rule.denominator);
                // More adults with smartphones than adults is a typo a draft may carry to
                // the server: it must not lift the ward's share above what the other
                // households show, so it counts at most its denominator and is listed.
                tally.numerators[i] += std::min(num, den);
                tally.denominators[i] += den;
                lacks = num != den;
            }
            if (lacks) g.lacking[rule.id].push_back(text_of(*r, "household_code"));
        }
    }
    return tally;
}

struct Coverage {
    std::int64_t eligible = 0;    // registered households not found vacant
    std::int64_t covered = 0;     // of them, interviewed
    std::int64_t remaining = -1;  // still to interview; -1 when the registry has no count
};

// Sets the registered count and coverage of the result and returns the figures behind it.
// Where groups have counts, each group is covered up to its own count, so extra records in
// one group cannot hide households never visited in another.
Coverage measure_coverage(const Registry& registry, const Unit& ward, const Tally& tally,
                          UnitResult& result) {
    result.households_registered = registry.registered_households(ward.code);
    if (!result.households_registered) return {};

    std::int64_t eligible = 0;
    std::int64_t covered = 0;
    const auto groups = registry.groups_of(ward.code);
    const bool counted_by_group =
        !groups.empty() && std::all_of(groups.begin(), groups.end(), [](const Unit* g) {
            return g->households_registered.has_value();
        });
    if (counted_by_group) {
        for (const Unit* g : groups) {
            auto it = tally.groups.find(g->code);
            const GroupTally seen = it == tally.groups.end() ? GroupTally{} : it->second;
            const std::int64_t open =
                std::max<std::int64_t>(0, *g->households_registered - seen.vacant);
            eligible += open;
            covered += std::min(seen.interviewed, open);
        }
    } else {
        eligible =
            std::max<std::int64_t>(0, *result.households_registered - result.households_vacant);
        covered = std::min(result.households_interviewed, eligible);
    }
    if (eligible > 0)
        result.coverage = static_cast<double>(covered) / static_cast<double>(eligible);
    return {eligible, covered, eligible - covered};
}

// "Tổ dân phố 01 (2 hộ: 01-0003, 01-0007), ..." for households lacking what a share counts;
// records the same as shortfalls of the result.
std::string list_lacking(const ShareRule& rule, const Tally& tally, const Registry& registry,
                         const Unit& ward, UnitResult& result) {
    std::string text;
    for (const auto& [group, g] : tally.groups) {
        auto it = g.lacking.find(rule.id);
        if (it == g.lacking.end()) continue;
        text += (text.empty() ? "" : ", ") + group_title(registry, ward, group) + " (" +
                std::to_string(it->second.size()) +
                " hộ: " + wording::household_list(it->second, kCodesPerGroup) + ")";
        result.shortfalls.push_back(
            {group, rule.id, it->second, static_cast<std::int64_t>(it->second.size())});
    }
    return text;
}

// "Tổ dân phố 02 (3 hộ), ..." for households not yet visited, from each group's registered
// count; records the same as shortfalls of the result.
std::string list_not_visited(const Registry& registry, const Unit& ward, const Tally& tally,
                             UnitResult& result) {
    std::string text;
    for (const Unit* g : registry.groups_of(ward.code)) {
        if (!g->households_registered) continue;
        auto it = tally.groups.find(g->code);
        const GroupTally seen = it == tally.groups.end() ? GroupTally{} : it->second;
        const std::int64_t left =
            std::max<std::int64_t>(0, *g->households_registered - seen.interviewed - seen.vacant);
        if (left == 0) continue;
        result.shortfalls.push_back({g->code, "not_visited", {}, left});
        text += (text.empty() ? "" : ", ") + g->name + " (" + std::to_string(left) + " hộ)";
    }
    return text;
}

std::string coverage_reason(const UnitResult& result, const Coverage& coverage, double min_coverage,
                            const std::string& not_visited) {
    if (!result.households_registered)
        return "chưa có số hộ đăng ký của phường nên chưa tính được độ bao phủ khảo sát";
    if (!result.coverage) {
        return *result.households_registered == 0
                   ? "phường chưa có hộ đăng ký nào trong danh mục"
                   : "không còn hộ nào để khảo sát (mọi hộ đăng ký đều bỏ trống)";
    }
    std::string reason = "độ bao phủ khảo sát " + wording::percent(*result.coverage) + " (" +
                         std::to_string(coverage.covered) + "/" +
                         std::to_string(coverage.eligible) + " hộ), yêu cầu tối thiểu " +
                         wording::percent(min_coverage);
    if (!not_visited.empty()) reason += "; còn chưa phỏng vấn: " + not_visited;
    return reason;
}

}  // namespace

std::vector<const FormRecord*> pick_one_per_household(
    const std::vector<const FormRecord*>& households, std::vector<DuplicateHousehold>& duplicates) {
    std::map<std::string, std::vector<const FormRecord*>> by_code;
    std::vector<std::string> order;
    for (const FormRecord* r : households) {
        if (r->deleted) continue;
        std::string code = text_of(*r, "household_code");
        if (code.empty()) code = "#" + record_label(*r);
        auto [it, inserted] = by_code.try_emplace(code);
        if (inserted) order.push_back(code);
        it->second.push_back(r);
    }

    std::vector<const FormRecord*> kept;
    for (const auto& code : order) {
        auto& records = by_code[code];
        std::sort(records.begin(), records.end(),
                  [](const FormRecord* a, const FormRecord* b) { return preferred(*a, *b); });
        kept.push_back(records.front());
        if (records.size() > 1) {
            DuplicateHousehold dup{code, record_label(*records.front()), {}};
            for (std::size_t i = 1; i < records.size(); ++i)
                dup.other_records.push_back(record_label(*records[i]));
            duplicates.push_back(std::move(dup));
        }
    }
    return kept;
}

ContentResult evaluate_household_content(const ContentDef& content, double min_coverage,
                                         const Registry& registry, const Unit& ward,
                                         const std::vector<const FormRecord*>& households,
                                         UnitResult& result) {
    ContentResult out{content.id, Status::Pass, {}, {}};
    const std::string prefix = wording::content_prefix(content.id) + ": ";
    const auto kept = pick_one_per_household(households, result.duplicates);

    const Tally tally = tally_households(content, kept, result);
    const Coverage coverage = measure_coverage(registry, ward, tally, result);

    for (std::size_t i = 0; i < content.shares.size(); ++i) {
        const ShareRule& rule = content.shares[i];
        ShareFigure f =
            score_share(rule, tally.numerators[i], tally.denominators[i], coverage.remaining);
        out.status = combine(out.status, f.status);
        out.items.push_back({rule.id, f.status, f.value ? wording::percent(*f.value) : ""});
        if (f.status != Status::Pass) {
            std::string reason = prefix + share_reason(rule, f);
            const std::string lacking = list_lacking(rule, tally, registry, ward, result);
            if (!lacking.empty()) reason += "; hộ " + rule.lacking.vi + ": " + lacking;
            out.reasons.push_back(reason);
        }
        result.shares.push_back(std::move(f));
    }

    const std::string not_visited = list_not_visited(registry, ward, tally, result);
    const bool coverage_ok = result.coverage && *result.coverage >= min_coverage - kEpsilon;
    if (!coverage_ok) {
        if (out.status == Status::Pass) out.status = Status::Incomplete;
        out.reasons.push_back(prefix +
                              coverage_reason(result, coverage, min_coverage, not_visited));
    }
    if (result.households_interviewed == 0)
        out.reasons.push_back(prefix + "chưa có hộ nào được phỏng vấn");
    return out;
}

}  // namespace c5
