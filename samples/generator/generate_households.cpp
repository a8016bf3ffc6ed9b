// c5-sample-households: writes the sample household CSV, and on request the matching registry
// CSV, from the plan in sample_plan.hpp. Deterministic: the same source writes the same bytes
// with any compiler and standard library, so the committed samples can be checked.
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sample_plan.hpp"
#include "sample_rng.hpp"
#include "sample_text.hpp"

namespace c5_samples {
namespace {

// Changing the seed changes every sample file; the README's figures do not depend on it.
constexpr std::uint64_t kSeed = 0xC5C5'2024'0A05'0001ULL;
constexpr std::int64_t kHanoiOffsetMinutes = 7 * 60;  // Viet Nam keeps UTC+7 all year
constexpr std::int64_t kDay = 24 * 60;

constexpr std::string_view kHouseholdHeader =
    "record_id,ward_code,group,household_code,head_name,address,phone,visit_outcome,consent,"
    "smart_tv,smart_tv_box,smart_projector,smart_audio,tablet,smart_camera,ereader,"
    "smart_entertainment,broadband_fixed,broadband_mobile,adults_15plus,adults_smartphone,"
    "visited_at,surveyor,notes";

// FNV-1a: gives each group its own stream, so editing one group leaves the others unchanged.
std::uint64_t hash_text(std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001B3ULL;
    }
    return h;
}

// Times are minutes since 1970-01-01 00:00 on the Hà Nội wall clock.
std::int64_t local_minutes(int year, unsigned month, unsigned day, int minute_of_day) {
    const std::chrono::sys_days date{std::chrono::year{year} / std::chrono::month{month} /
                                     std::chrono::day{day}};
    return std::int64_t{date.time_since_epoch().count()} * kDay + minute_of_day;
}

// ISO 8601 with the Hà Nội offset, or in UTC with "Z" as some tablets write it.
std::string format_timestamp(std::int64_t local, bool utc) {
    const std::int64_t shown = utc ? local - kHanoiOffsetMinutes : local;
    const std::int64_t days = shown / kDay;  // the samples are after 1970: no negative times
    const std::int64_t minute = shown % kDay;
    const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:00%s", int{ymd.year()},
                  unsigned{ymd.month()}, unsigned{ymd.day()}, static_cast<int>(minute / 60),
                  static_cast<int>(minute % 60), utc ? "Z" : "+07:00");
    return text;
}

// A surveyor's next door: 9 to 22 minutes on, in the morning, the afternoon or the early
// evening (when working households are home); after 20:30 the round resumes next morning.
std::int64_t next_visit_time(std::int64_t t, Rng& rng) {
    t += 9 + static_cast<std::int64_t>(rng.below(14));
    const std::int64_t midnight = t / kDay * kDay;
    const std::int64_t minute = t - midnight;
    if (minute > 20 * 60 + 30) return midnight + kDay + 8 * 60;
    if (minute > 17 * 60 + 30 && minute < 18 * 60 + 30) return midnight + 18 * 60 + 30;
    if (minute > 11 * 60 + 30 && minute < 14 * 60) return midnight + 14 * 60;
    return t;
}

// A version-7-shaped UUID: the record is taken to be saved up to 90 s after the visit time.
std::string make_record_id(std::int64_t local, Rng& rng) {
    const auto utc_ms = static_cast<std::uint64_t>(local - kHanoiOffsetMinutes) * 60000 +
                        rng.below(90000);
    const std::uint64_t high = (utc_ms << 16) | (0x7ULL << 12) | (rng.next() & 0xFFF);
    const std::uint64_t low = (0x2ULL << 62) | (rng.next() & 0x3FFF'FFFF'FFFF'FFFFULL);
    char text[40];
    std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                  static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xFFFF),
                  static_cast<unsigned>(high & 0xFFFF), static_cast<unsigned>(low >> 48),
                  static_cast<unsigned long long>(low & 0xFFFF'FFFF'FFFFULL));
    return text;
}

std::string zero_padded(std::uint64_t value, int width) {
    std::string text = std::to_string(value);
    if (static_cast<int>(text.size()) < width) text.insert(0, width - text.size(), '0');
    return text;
}

enum class Role { Ok, NoDevice, NoBroadband, PhoneGap, NoAdults, Vacant, Absent, Refused };

struct Answers {
    std::array<bool, 8> devices{};  // smart_tv ... smart_entertainment, in column order
    bool broadband_fixed = false;
    bool broadband_mobile = false;
    int adults = 0;
    int smartphone = 0;
};

struct Visit {
    std::string record_id;
    std::string ward_code;
    std::string group;
    std::string household_code;
    std::string head_name;
    std::string address;
    std::string phone;
    std::string_view outcome;
    std::optional<Answers> answers;  // only for `interviewed`
    std::int64_t time = 0;
    bool utc = false;
    std::string surveyor;
    std::string notes;
};

// Household roles in visiting order: the visited ones shuffled, then the unvisited tail.
std::vector<std::optional<Role>> plan_roles(const GroupPlan& g, Rng& rng) {
    const int interviewed = g.households - g.vacant - g.absent - g.refused - g.unvisited;
    const int ok = interviewed - g.no_device - g.no_broadband - g.phone_gap - g.no_adults;
    std::vector<std::optional<Role>> roles;
    const std::array<std::pair<Role, int>, 8> counts = {{
        {Role::Ok, ok},
        {Role::NoDevice, g.no_device},
        {Role::NoBroadband, g.no_broadband},
        {Role::PhoneGap, g.phone_gap},
        {Role::NoAdults, g.no_adults},
        {Role::Vacant, g.vacant},
        {Role::Absent, g.absent},
        {Role::Refused, g.refused},
    }};
    for (const auto& [role, count] : counts) roles.insert(roles.end(), count, role);
    for (std::size_t i = roles.size(); i > 1; --i) std::swap(roles[i - 1], roles[rng.below(i)]);
    roles.insert(roles.end(), g.unvisited, std::nullopt);
    return roles;
}

std::string make_name(Rng& rng) {
    const bool female = rng.below(2) == 0;
    std::string name{rng.pick(kFamilyNames)};
    name += ' ';
    name += female ? rng.pick(kFemaleMiddleNames) : rng.pick(kMaleMiddleNames);
    name += ' ';
    name += female ? rng.pick(kFemaleGivenNames) : rng.pick(kMaleGivenNames);
    return name;
}

std::string make_address(const WardPlan& ward, Rng& rng) {
    const std::string& street = ward.streets[rng.below(ward.streets.size())];
    const std::string number = "Số " + std::to_string(1 + rng.below(120));
    const std::uint64_t kind = rng.below(20);
    if (kind < 5) return number + " " + street;
    const std::string lane = std::to_string(2 + rng.below(80));
    if (kind < 17) return number + ", ngõ " + lane + " " + street;
    return number + ", ngách " + lane + "/" + std::to_string(1 + rng.below(40)) + " " + street;
}

std::string make_phone(Rng& rng) {
    return std::string{rng.pick(kPhonePrefixes)} + zero_padded(rng.below(10'000'000), 7);
}

Answers make_answers(Role role, Rng& rng) {
    // How often each device turns up among households that have one, in per mille.
    constexpr std::array<int, 8> kDevicePerMille = {850, 250, 30, 200, 350, 300, 40, 120};
    Answers a;
    if (role != Role::NoDevice) {
        bool any = false;
        for (std::size_t i = 0; i < a.devices.size(); ++i) {
            a.devices[i] = rng.per_mille(kDevicePerMille[i]);
            any = any || a.devices[i];
        }
        if (!any) a.devices[0] = true;  // the commonest device when the draws gave none
    }
    if (role != Role::NoBroadband) {
        a.broadband_fixed = rng.per_mille(880);
        a.broadband_mobile = rng.per_mille(800);
        if (!a.broadband_fixed && !a.broadband_mobile) a.broadband_fixed = true;
    }
    if (role != Role::NoAdults) {
        const std::uint64_t r = rng.below(100);
        a.adults = r < 8 ? 1 : r < 45 ? 2 : r < 72 ? 3 : r < 92 ? 4 : 5;
        a.smartphone = a.adults;
        if (role == Role::PhoneGap) a.smartphone -= (a.adults >= 3 && rng.below(4) == 0) ? 2 : 1;
    }
    return a;
}

std::string make_notes(Role role, Rng& rng) {
    switch (role) {
        case Role::Ok: return rng.per_mille(35) ? std::string{rng.pick(kInterviewNotes)} : "";
        case Role::NoDevice: return std::string{rng.pick(kNoDeviceNotes)};
        case Role::NoBroadband: return std::string{rng.pick(kNoBroadbandNotes)};
        case Role::PhoneGap: return std::string{rng.pick(kPhoneGapNotes)};
        case Role::NoAdults: return std::string{rng.pick(kNoAdultNotes)};
        case Role::Vacant: return std::string{rng.pick(kVacantNotes)};
        case Role::Absent: return std::string{rng.pick(kAbsentNotes)};
        case Role::Refused: return std::string{rng.pick(kRefusedNotes)};
    }
    return "";
}

std::string_view outcome_of(Role role) {
    switch (role) {
        case Role::Vacant: return "vacant";
        case Role::Absent: return "absent";
        case Role::Refused: return "refused";
        default: return "interviewed";
    }
}

// The second record of a revisited household; may also change the first one.
Visit make_revisit(RevisitKind kind, Visit& first, const std::string& surveyor, Rng& rng) {
    Visit second = first;
    second.surveyor = surveyor;
    switch (kind) {
        case RevisitKind::AbsentFirst:
            second.outcome = "absent";
            second.answers.reset();
            second.time = first.time - kDay + 10 * 60;  // the evening before
            second.notes = "Lần đến đầu tiên: cả nhà đi vắng, hẹn hôm sau";
            break;
        case RevisitKind::AbsentLater:
            second.outcome = "absent";
            second.answers.reset();
            second.time = first.time + 3 * kDay;
            second.notes = "Máy tính bảng thứ hai: đến lại, không gặp ai ở nhà";
            break;
        case RevisitKind::OffsetPair:
            // Six hours later, written in UTC: the later record's text sorts before the
            // earlier one's, so only comparing real instants picks the right record.
            first.answers->broadband_fixed = false;
            first.answers->broadband_mobile = false;
            first.notes = "Chưa có Internet; nhà mạng hẹn lắp cáp quang trong ngày";
            second.answers->broadband_fixed = true;
            second.answers->broadband_mobile = false;
            second.time = first.time + 6 * 60;
            second.utc = true;
            second.notes = "Quay lại sau khi lắp cáp quang; máy tính bảng đặt giờ UTC";
            break;
    }
    second.record_id = make_record_id(second.time, rng);
    return second;
}

// Appends one group's visits to `visits`, and second records of revisits to `later`.
void generate_group(const SampleSet& set, const WardPlan& ward, std::size_t group_index,
                    std::vector<Visit>& visits, std::vector<Visit>& later) {
    const GroupPlan& group = ward.groups[group_index];
    Rng rng{kSeed ^ hash_text(set.id + "/" + ward.code + "/" + group.code)};
    const std::vector<std::optional<Role>> roles = plan_roles(group, rng);

    std::vector<RevisitKind> revisits;
    for (const RevisitPlan& r : ward.revisits) {
        if (r.group == group.code) revisits.push_back(r.kind);
    }
    const std::string& surveyor = ward.surveyors[group_index % ward.surveyors.size()];
    const std::string& other = ward.surveyors[(group_index + 1) % ward.surveyors.size()];

    // Groups are walked on alternate days, each round starting soon after 08:00.
    std::int64_t t = local_minutes(ward.first_year, ward.first_month, ward.first_day, 8 * 60) +
                     static_cast<std::int64_t>(group_index) * 2 * kDay +
                     static_cast<std::int64_t>(rng.below(20));
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (!roles[i]) continue;  // not reached yet: no record
        const Role role = *roles[i];
        Visit v;
        v.ward_code = ward.code;
        v.group = group.code;
        v.household_code = group.code + "-" + zero_padded(i + 1, 4);
        v.outcome = outcome_of(role);
        v.head_name = role == Role::Vacant ? "" : make_name(rng);
        v.address = make_address(ward, rng);
        if (v.outcome == "interviewed") v.answers = make_answers(role, rng);
        // Most interviewed households give a number; at a closed door a neighbour may.
        const std::uint64_t phone_per_mille = v.answers ? 900 : role == Role::Vacant ? 0 : 400;
        if (rng.per_mille(phone_per_mille)) v.phone = make_phone(rng);
        v.time = t;
        t = next_visit_time(t, rng);
        v.utc = ward.utc_group == group.code;
        v.surveyor = surveyor;
        v.notes = make_notes(role, rng);
        v.record_id = make_record_id(v.time, rng);
        if (role == Role::Ok && !revisits.empty()) {
            later.push_back(make_revisit(revisits.front(), v, other, rng));
            revisits.erase(revisits.begin());
        }
        visits.push_back(std::move(v));
    }
}

void append_field(std::string& out, std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += text;
        return;
    }
    out += '"';
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void append_row(std::string& out, const std::vector<std::string>& fields, std::string_view eol) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        append_field(out, fields[i]);
    }
    out += eol;
}

std::vector<std::string> household_fields(const Visit& v) {
    const auto flag = [](bool b) { return std::string{b ? "1" : "0"}; };
    std::vector<std::string> f = {v.record_id, v.ward_code,  v.group,
                                  v.household_code, v.head_name, v.address,
                                  v.phone, std::string{v.outcome}};
    if (v.answers) {
        const Answers& a = *v.answers;
        f.push_back("1");  // every interview in the samples had the household's consent
        for (bool device : a.devices) f.push_back(flag(device));
        f.push_back(flag(a.broadband_fixed));
        f.push_back(flag(a.broadband_mobile));
        f.push_back(std::to_string(a.adults));
        f.push_back(std::to_string(a.smartphone));
    } else {
        f.insert(f.end(), 13, "");  // consent and the questions asked only in an interview
    }
    f.push_back(format_timestamp(v.time, v.utc));
    f.push_back(v.surveyor);
    f.push_back(v.notes);
    return f;
}

std::string household_csv(const SampleSet& set, std::string_view eol) {
    std::vector<Visit> visits;
    std::vector<Visit> later;
    for (const WardPlan& ward : set.wards) {
        for (std::size_t g = 0; g < ward.groups.size(); ++g) {
            generate_group(set, ward, g, visits, later);
        }
    }
    std::string out{kHouseholdHeader};
    out += eol;
    for (const Visit& v : visits) append_row(out, household_fields(v), eol);
    for (const Visit& v : later) append_row(out, household_fields(v), eol);
    return out;
}

// A unit's row, then its wards with their groups, then its lower units, depth first.
void append_registry_unit(const SampleSet& set, const UpperUnit& unit, std::string_view eol,
                          std::string& out) {
    append_row(out, {unit.level, unit.code, unit.name, unit.parent_code, ""}, eol);
    for (const WardPlan& ward : set.wards) {
        if (ward.parent_code != unit.code) continue;
        // The ward's own count stays empty: it is the sum over its groups.
        append_row(out, {"ward", ward.code, ward.name, ward.parent_code, ""}, eol);
        for (const GroupPlan& g : ward.groups) {
            const std::string count = g.count_known ? std::to_string(g.households) : "";
            append_row(out, {"group", g.code, "Tổ dân phố " + g.code, ward.code, count}, eol);
        }
    }
    for (const UpperUnit& lower : set.upper) {
        if (lower.parent_code == unit.code) append_registry_unit(set, lower, eol, out);
    }
}

std::string registry_csv(const SampleSet& set, std::string_view eol) {
    std::string out = "level,code,name,parent_code,households_registered";
    out += eol;
    for (const UpperUnit& unit : set.upper) {
        if (unit.parent_code.empty()) append_registry_unit(set, unit, eol, out);
    }
    return out;
}

// The plan's counts must add up; a mistake here would silently skew the README's figures.
std::string check_plan(const SampleSet& set) {
    for (const WardPlan& ward : set.wards) {
        if (ward.streets.empty() || ward.surveyors.empty()) {
            return "ward " + ward.code + " needs streets and surveyors";
        }
        for (const GroupPlan& g : ward.groups) {
            const int ok = g.households - g.vacant - g.absent - g.refused - g.unvisited -
                           g.no_device - g.no_broadband - g.phone_gap - g.no_adults;
            int revisits = 0;
            for (const RevisitPlan& r : ward.revisits) revisits += r.group == g.code ? 1 : 0;
            if (ok < revisits) {
                return "ward " + ward.code + " group " + g.code +
                       ": the outcome and shortcoming counts exceed its households";
            }
        }
    }
    return "";
}

bool write_file(const std::string& path, const std::string& text, bool bom) {
    std::ofstream out(path, std::ios::binary);
    if (bom) out << "\xEF\xBB\xBF";
    out << text;
    out.close();
    return static_cast<bool>(out);
}

void print_usage(std::ostream& out) {
    out << "Usage: c5-sample-households [--set hanoi|2025] [--out FILE] [--registry-out FILE]\n"
           "                            [--crlf] [--bom]\n"
           "Writes the sample household CSV (to stdout without --out) and, with\n"
           "--registry-out, the registry CSV it was planned against.\n"
           "  --set hanoi   Hà Nội before July 2025, with districts (the default)\n"
           "  --set 2025    Hà Nội after July 2025, wards directly under the province\n"
           "  --crlf        end lines with CR LF instead of LF\n"
           "  --bom         start each file with a UTF-8 byte-order mark\n";
}

int run(int argc, char** argv) {
    std::string set_id = "hanoi";
    std::string out_path;
    std::string registry_path;
    bool crlf = false;
    bool bom = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--set" && has_value) {
            set_id = argv[++i];
        } else if (arg == "--out" && has_value) {
            out_path = argv[++i];
        } else if (arg == "--registry-out" && has_value) {
            registry_path = argv[++i];
        } else if (arg == "--crlf") {
            crlf = true;
        } else if (arg == "--bom") {
            bom = true;
        } else if (arg == "-h" || arg == "--help") {
            print_usage(std::cout);
            return 0;
        } else {
            std::cerr << "c5-sample-households: unknown or incomplete option '" << arg << "'\n";
            print_usage(std::cerr);
            return 2;
        }
    }
    if (set_id != "hanoi" && set_id != "2025") {
        std::cerr << "c5-sample-households: unknown set '" << set_id << "' (hanoi or 2025)\n";
        return 2;
    }

    const SampleSet set = set_id == "hanoi" ? hanoi_set() : hanoi_2025_set();
    if (const std::string problem = check_plan(set); !problem.empty()) {
        std::cerr << "c5-sample-households: bad plan: " << problem << "\n";
        return 1;
    }
    const std::string_view eol = crlf ? "\r\n" : "\n";
    const std::string households = household_csv(set, eol);
    if (out_path.empty()) {
        if (bom) std::cout << "\xEF\xBB\xBF";
        std::cout << households;
    } else if (!write_file(out_path, households, bom)) {
        std::cerr << "c5-sample-households: cannot write " << out_path << "\n";
        return 1;
    }
    if (!registry_path.empty() && !write_file(registry_path, registry_csv(set, eol), bom)) {
        std::cerr << "c5-sample-households: cannot write " << registry_path << "\n";
        return 1;
    }
    return std::cout ? 0 : 1;
}

}  // namespace
}  // namespace c5_samples

int main(int argc, char** argv) { return c5_samples::run(argc, argv); }
