// The designed sample units: real wards (national statistical codes) with invented residential
// groups, and per group how many households fall into each visit outcome and each shortcoming.
// The generator turns these counts into records; the README's figures are these counts.
#pragma once

#include <string>
#include <vector>

namespace c5_samples {

// One residential group. The shortcoming counts are disjoint sets of interviewed households,
// so a ward's figures can be added up by hand; every other interviewed household has a smart
// device, broadband and a smartphone for each adult.
struct GroupPlan {
    std::string code;
    int households = 0;       // households on the ground; the registered count when known
    bool count_known = true;  // false: the registry row leaves households_registered empty
    int vacant = 0;
    int absent = 0;
    int refused = 0;
    int unvisited = 0;  // the last households of the group, not reached yet: no record at all
    int no_device = 0;
    int no_broadband = 0;
    int phone_gap = 0;  // one or two adults (mostly elderly) without a smartphone
    int no_adults = 0;  // no member aged 15 or over; they have devices and broadband
};

enum class RevisitKind {
    AbsentFirst,  // an `absent` visit the day before the interview
    AbsentLater,  // a second laptop found nobody home three days after the interview
    OffsetPair,   // two interviews; the later one, written in UTC ("Z"), has broadband
};

// A second record for a household that is otherwise complete. It is written at the end of
// the file, as if merged from another laptop, so that pairing cannot rely on adjacency.
struct RevisitPlan {
    std::string group;
    RevisitKind kind = RevisitKind::AbsentFirst;
};

struct WardPlan {
    std::string code;
    std::string name;
    std::string parent_code;
    int first_year = 2024;
    unsigned first_month = 10;
    unsigned first_day = 1;
    std::vector<std::string> streets;
    std::vector<std::string> surveyors;
    std::string utc_group;  // a group whose tablet writes every time in UTC; "" for none
    std::vector<GroupPlan> groups;
    std::vector<RevisitPlan> revisits;
};

// A province or district row of the registry.
struct UpperUnit {
    std::string level;
    std::string code;
    std::string name;
    std::string parent_code;
};

struct SampleSet {
    std::string id;
    std::vector<UpperUnit> upper;  // in registry order, parents first
    std::vector<WardPlan> wards;   // in registry order within their parent
};

// Hà Nội before July 2025: province 01, districts Ba Đình (001) and Hoàn Kiếm (002).
inline SampleSet hanoi_set() {
    SampleSet set;
    set.id = "hanoi";
    set.upper = {
        {"province", "01", "Thành phố Hà Nội", ""},
        {"district", "001", "Quận Ba Đình", "01"},
        {"district", "002", "Quận Hoàn Kiếm", "01"},
    };
    // Content 4 fails: households without a smart device, elderly without smartphones.
    set.wards.push_back({
        .code = "00001", .name = "Phường Phúc Xá", .parent_code = "001",
        .first_year = 2024, .first_month = 10, .first_day = 5,
        .streets = {"phố Phúc Xá", "phố Nghĩa Dũng", "phố Tân Ấp"},
        .surveyors = {"Lê Thu Trang", "Phạm Đức Minh"},
        .groups = {
            {.code = "01", .households = 142, .vacant = 4, .no_device = 2, .phone_gap = 3},
            {.code = "02", .households = 167, .vacant = 5, .no_device = 1, .phone_gap = 4},
            {.code = "03", .households = 118, .vacant = 2, .no_device = 2, .phone_gap = 2},
            {.code = "04", .households = 203, .vacant = 6, .no_device = 1, .phone_gap = 3},
            {.code = "05", .households = 96, .vacant = 1, .no_device = 1, .phone_gap = 1},
        },
    });
    // Content 4 passes, and so does the whole criterion. Two households have two records
    // each; the right pick keeps the pass, a wrong one turns it incomplete or fail.
    set.wards.push_back({
        .code = "00004", .name = "Phường Trúc Bạch", .parent_code = "001",
        .first_year = 2024, .first_month = 10, .first_day = 7,
        .streets = {"phố Trúc Bạch", "phố Ngũ Xã", "phố Châu Long"},
        .surveyors = {"Nguyễn Thị Hồng Nhung", "Trần Đức Anh"},
        .groups = {
            {.code = "01", .households = 84, .vacant = 3},
            {.code = "02", .households = 71, .vacant = 2},
        },
        .revisits = {{"01", RevisitKind::AbsentFirst}, {"02", RevisitKind::OffsetPair}},
    });
    // Content 4 incomplete: groups 03 and 04 only partly visited; everyone met has it all.
    set.wards.push_back({
        .code = "00006", .name = "Phường Vĩnh Phúc", .parent_code = "001",
        .first_year = 2024, .first_month = 10, .first_day = 8,
        .streets = {"đường Hoàng Hoa Thám", "phố Vĩnh Phúc", "phố Đốc Ngữ"},
        .surveyors = {"Trần Văn Khánh", "Đỗ Thị Mai"},
        .groups = {
            {.code = "01", .households = 156, .vacant = 3},
            {.code = "02", .households = 189, .vacant = 4},
            {.code = "03", .households = 134, .vacant = 2, .absent = 9, .refused = 3,
             .unvisited = 20},
            {.code = "04", .households = 121, .vacant = 1, .absent = 6, .refused = 2,
             .unvisited = 41},
        },
    });
    // Content 4 fails on broadband; some households have no member aged 15 or over, and
    // group 06's tablet writes its times in UTC.
    set.wards.push_back({
        .code = "00007", .name = "Phường Cống Vị", .parent_code = "001",
        .first_year = 2024, .first_month = 10, .first_day = 6,
        .streets = {"phố Đội Cấn", "phố Cống Vị", "phố Đào Tấn"},
        .surveyors = {"Vũ Minh Tuấn", "Hoàng Thị Lan", "Bùi Quang Huy"},
        .utc_group = "06",
        .groups = {
            {.code = "01", .households = 178, .vacant = 3, .no_broadband = 2, .no_adults = 1},
            {.code = "02", .households = 145, .vacant = 2, .refused = 1, .no_broadband = 1},
            {.code = "03", .households = 210, .vacant = 5, .no_broadband = 3, .no_adults = 1},
            {.code = "04", .households = 167, .vacant = 2, .absent = 2, .no_broadband = 1},
            {.code = "05", .households = 98, .vacant = 1, .no_broadband = 2, .no_adults = 1},
            {.code = "06", .households = 120, .vacant = 2},
        },
    });
    // The registry has no household counts here, so coverage is unknown: incomplete.
    set.wards.push_back({
        .code = "00008", .name = "Phường Liễu Giai", .parent_code = "001",
        .first_year = 2024, .first_month = 10, .first_day = 9,
        .streets = {"phố Liễu Giai", "phố Văn Cao", "phố Vạn Phúc"},
        .surveyors = {"Ngô Thanh Hà"},
        .groups = {
            {.code = "01", .households = 132, .count_known = false, .vacant = 2},
            {.code = "02", .households = 117, .count_known = false, .vacant = 1},
            {.code = "03", .households = 98, .count_known = false, .vacant = 3},
        },
    });
    // Content 4 fails on all three shares, although coverage is also short.
    set.wards.push_back({
        .code = "00037", .name = "Phường Phúc Tân", .parent_code = "002",
        .first_year = 2024, .first_month = 10, .first_day = 12,
        .streets = {"phố Phúc Tân", "phố Bạch Đằng", "phố Vọng Hà"},
        .surveyors = {"Đặng Văn Sơn", "Phan Thị Thu Hương"},
        .groups = {
            {.code = "01", .households = 124, .vacant = 2, .absent = 3, .no_device = 1,
             .no_broadband = 2, .phone_gap = 2},
            {.code = "02", .households = 151, .vacant = 4, .refused = 2, .no_device = 2,
             .no_broadband = 1, .phone_gap = 2},
            {.code = "03", .households = 88, .vacant = 1, .unvisited = 12, .no_broadband = 2,
             .phone_gap = 1},
            {.code = "04", .households = 109, .vacant = 3, .absent = 2, .no_device = 1,
             .phone_gap = 1},
        },
    });
    // Content 4 fails on smartphones alone while coverage is short: with a 100 % threshold
    // the households still to visit cannot lift the share back.
    set.wards.push_back({
        .code = "00040", .name = "Phường Đồng Xuân", .parent_code = "002",
        .first_year = 2024, .first_month = 10, .first_day = 13,
        .streets = {"phố Hàng Khoai", "phố Hàng Chiếu", "phố Hàng Giấy"},
        .surveyors = {"Lý Văn Hải", "Dương Thị Yến"},
        .groups = {
            {.code = "01", .households = 163, .vacant = 3, .absent = 4, .phone_gap = 1},
            {.code = "02", .households = 137, .vacant = 2, .refused = 3, .phone_gap = 1},
            {.code = "03", .households = 119, .vacant = 2, .absent = 2, .unvisited = 8,
             .phone_gap = 1},
        },
    });
    // Content 4 passes, but the ward sent no checklist. A later `absent` record from a
    // second laptop must not hide the interview.
    set.wards.push_back({
        .code = "00043", .name = "Phường Hàng Mã", .parent_code = "002",
        .first_year = 2024, .first_month = 10, .first_day = 14,
        .streets = {"phố Hàng Mã", "phố Hàng Lược", "phố Hàng Cót"},
        .surveyors = {"Hồ Ngọc Ánh", "Trịnh Công Thành"},
        .groups = {
            {.code = "01", .households = 96, .vacant = 2},
            {.code = "02", .households = 112, .vacant = 1},
            {.code = "03", .households = 87},
        },
        .revisits = {{"02", RevisitKind::AbsentLater}},
    });
    return set;
}

// Hà Nội after July 2025: wards directly under the province, codes from the Statistics
// Office's list of new commune-level units (letter 1027/CTK-CSCL, 25 June 2025).
inline SampleSet hanoi_2025_set() {
    SampleSet set;
    set.id = "2025";
    set.upper = {{"province", "01", "Thành phố Hà Nội", ""}};
    set.wards.push_back({
        .code = "00070", .name = "Phường Hoàn Kiếm", .parent_code = "01",
        .first_year = 2025, .first_month = 9, .first_day = 15,
        .streets = {"phố Hàng Bạc", "phố Hàng Gai", "phố Hàng Trống"},
        .surveyors = {"Nguyễn Văn Long", "Trần Thị Thảo"},
        .groups = {
            {.code = "01", .households = 187, .vacant = 4, .no_device = 2},
            {.code = "02", .households = 164, .vacant = 3, .no_device = 1},
        },
    });
    set.wards.push_back({
        .code = "00082", .name = "Phường Cửa Nam", .parent_code = "01",
        .first_year = 2025, .first_month = 9, .first_day = 16,
        .streets = {"phố Tràng Thi", "phố Hàng Bông", "phố Quán Sứ"},
        .surveyors = {"Lê Quang Vinh"},
        .groups = {
            {.code = "01", .households = 152, .vacant = 2},
            {.code = "02", .households = 133, .vacant = 1, .absent = 5, .refused = 1,
             .unvisited = 14},
        },
    });
    set.wards.push_back({
        .code = "00004", .name = "Phường Ba Đình", .parent_code = "01",
        .first_year = 2025, .first_month = 9, .first_day = 17,
        .streets = {"phố Quán Thánh", "phố Phan Đình Phùng", "phố Hàng Bún"},
        .surveyors = {"Phạm Thị Oanh", "Vũ Đức Cường"},
        .groups = {
            {.code = "01", .households = 98, .vacant = 1},
            {.code = "02", .households = 143, .vacant = 2},
            {.code = "03", .households = 76},
        },
    });
    set.wards.push_back({
        .code = "00008", .name = "Phường Ngọc Hà", .parent_code = "01",
        .first_year = 2025, .first_month = 9, .first_day = 18,
        .streets = {"phố Ngọc Hà", "phố Đội Cấn", "đường Hoàng Hoa Thám"},
        .surveyors = {"Hoàng Minh Đạt"},
        .groups = {
            {.code = "01", .households = 205, .vacant = 3, .no_broadband = 2, .phone_gap = 2},
            {.code = "02", .households = 118, .vacant = 1, .phone_gap = 1},
        },
    });
    set.wards.push_back({
        .code = "00025", .name = "Phường Giảng Võ", .parent_code = "01",
        .first_year = 2025, .first_month = 9, .first_day = 19,
        .streets = {"phố Giảng Võ", "phố Kim Mã", "phố Nguyễn Thái Học"},
        .surveyors = {"Đỗ Thị Bích Ngọc", "Bùi Văn Toàn"},
        .groups = {
            {.code = "01", .households = 141, .vacant = 2},
            {.code = "02", .households = 126, .vacant = 1},
        },
    });
    return set;
}

}  // namespace c5_samples
