// Reading and writing the household CSV against the real household form: spellings of
// booleans, Unicode forms, registry checks, and refusal of a file with every issue listed.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "core/io/csv.hpp"
#include "core/io/interchange.hpp"
#include "support/temp_dir.hpp"

namespace {

const c5::Form& household_form() {
    static const c5::Form form = [] {
        auto loaded = c5::load_form(C5_SOURCE_DIR "/forms/household.json");
        REQUIRE_MESSAGE(loaded, (loaded ? "" : loaded.error().message));
        return *loaded;
    }();
    return form;
}

const c5::Registry& registry() {
    static const c5::Registry loaded = [] {
        auto parsed = c5::parse_registry_csv(
            "level,code,name,parent_code,households_registered\n"
            "province,01,Thành phố Hà Nội,,\n"
            "district,001,Quận Ba Đình,01,\n"
            "ward,00001,Phường Phúc Xá,001,\n"
            "group,01,Tổ 1,00001,120\n"
            "group,Tổ 2,Tổ 2,00001,80\n",
            "registry.csv");
        REQUIRE(parsed);
        return *parsed;
    }();
    return loaded;
}

using Cells = std::map<std::string, std::string>;

// An interviewed household that passes every check; tests change a cell or two.
Cells good_cells() {
    return {{"ward_code", "00001"},
            {"group", "01"},
            {"household_code", "H001"},
            {"head_name", "Nguyễn Văn An"},
            {"address", "Số 1, ngõ 2"},
            {"phone", "0912345678"},
            {"visit_outcome", "interviewed"},
            {"consent", "1"},
            {"smart_tv", "1"},
            {"smart_tv_box", "0"},
            {"smart_projector", "0"},
            {"smart_audio", "0"},
            {"tablet", "0"},
            {"smart_camera", "0"},
            {"ereader", "0"},
            {"smart_entertainment", "0"},
            {"broadband_fixed", "1"},
            {"broadband_mobile", "0"},
            {"adults_15plus", "3"},
            {"adults_smartphone", "2"},
            {"visited_at", "2024-10-05T09:12:00+07:00"},
            {"surveyor", "Trần Thị Bình"},
            {"notes", ""}};
}

Cells with(Cells cells, const std::string& field, const std::string& cell) {
    cells[field] = cell;
    return cells;
}

// The header line, optionally led by record_id, in form order.
std::string header(bool with_record_id = false) {
    std::string line = with_record_id ? "record_id" : "";
    for (const c5::FieldDef& field : household_form().fields) {
        if (!line.empty()) line += ",";
        line += field.id;
    }
    return line + "\n";
}

std::string row(const Cells& cells, const std::string& record_id = "-") {
    std::string line = record_id == "-" ? "" : c5::csv_escape(record_id) + ",";
    bool first = true;
    for (const c5::FieldDef& field : household_form().fields) {
        if (!first) line += ",";
        first = false;
        auto it = cells.find(field.id);
        line += c5::csv_escape(it == cells.end() ? "" : it->second);
    }
    return line + "\n";
}

auto parse(const std::string& text, const c5::Registry* with_registry = &registry()) {
    return c5::parse_household_csv(text, "households.csv", household_form(), with_registry);
}

// "line field" of each issue, joined by "; ", to compare in one CHECK.
std::string where(const c5::ImportIssues& issues) {
    std::string out;
    for (const c5::ImportIssue& issue : issues) {
        out += (out.empty() ? "" : "; ") + std::to_string(issue.line) + " " + issue.field;
    }
    return out;
}

}  // namespace

TEST_CASE("a good household file gives one typed record per row") {
    const auto records =
        parse(header() + row(good_cells()) + row(with(good_cells(), "household_code", "H002")));
    REQUIRE_MESSAGE(records, (records ? "" : records.error().front().to_string()));
    REQUIRE(records->size() == 2);
    const c5::FormRecord& first = (*records)[0];
    CHECK(first.form == "household");
    CHECK(first.unit_code == "00001");
    CHECK(first.record_id.empty());
    CHECK(first.source == "households.csv:2");
    CHECK(first.get("smart_tv") == c5::Value(true));
    CHECK(first.get("tablet") == c5::Value(false));
    CHECK(first.get("adults_15plus") == c5::Value(std::int64_t{3}));
    CHECK(first.get("address") == c5::Value(std::string("Số 1, ngõ 2")));
    CHECK(first.get("visited_at") == c5::Value(std::string("2024-10-05T09:12:00+07:00")));
    CHECK(c5::is_empty(first.get("notes")));
    CHECK((*records)[1].source == "households.csv:3");
}

TEST_CASE("a household file may lead with a record_id column") {
    const std::string id = "0190a5c2-7b1e-7c3d-8e4f-0123456789ab";
    SUBCASE("ids are kept in canonical lower case") {
        const auto records = parse(header(true) +
                                   row(good_cells(),
                                       "0190A5C2-7B1E-7C3D-8E4F-"
                                       "0123456789AB") +
                                   row(with(good_cells(), "household_code", "H2"), ""));
        REQUIRE(records);
        CHECK((*records)[0].record_id == id);
        CHECK((*records)[1].record_id.empty());
    }
    SUBCASE("a malformed id is refused") {
        const auto records = parse(header(true) + row(good_cells(), "0190a5c2-7b1e-7c3d-8e4f"));
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == "2 record_id");
    }
    SUBCASE("the same id twice is refused on the second row") {
        const auto records = parse(header(true) + row(good_cells(), id) +
                                   row(with(good_cells(), "household_code", "H2"), id));
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == "3 record_id");
    }
}

TEST_CASE("household booleans accept 1/0, true/false and có/không in any case") {
    struct Case {
        std::string cell;
        bool value;
    };
    const Case cases[] = {
        {"1", true},
        {"0", false},
        {"true", true},
        {"false", false},
        {"TRUE", true},
        {"False", false},
        {"có", true},
        {"không", false},
        {"Có", true},
        {"KHÔNG", false},
        {"co\xCC\x81", true},      // có in NFD
        {"kho\xCC\x82ng", false},  // không in NFD
        {" 1 ", true},             // padding from a spreadsheet
    };
    for (const Case& c : cases) {
        CAPTURE(c.cell);
        const auto records = parse(header() + row(with(good_cells(), "smart_tv", c.cell)));
        REQUIRE(records);
        CHECK((*records)[0].get("smart_tv") == c5::Value(c.value));
    }
}

TEST_CASE("household cells that do not fit their field type are refused") {
    struct Case {
        const char* field;
        std::string cell;
    };
    const Case cases[] = {
        {"smart_tv", "yes"},
        {"smart_tv", "2"},
        {"smart_tv", "co"},
        {"adults_15plus", "3.5"},
        {"adults_15plus", "abc"},
        {"adults_15plus", "99999999999999999999"},
        {"adults_smartphone", "-1"},  // a whole number, but below the form's minimum
        {"visit_outcome", "interview"},
        {"visited_at", "2024-10-05T09:12:00"},
        {"visited_at", "05/10/2024"},
        {"visited_at", "9999-12-31T23:59:59-12:00"},  // a laptop with a wrong date
        {"visited_at", "1999-12-31T23:59:59Z"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.field);
        CAPTURE(c.cell);
        const auto records = parse(header() + row(with(good_cells(), c.field, c.cell)));
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == "2 " + std::string(c.field));
    }
}

TEST_CASE("household cells lose surrounding blanks, so a code with spaces is the same code") {
    const auto records = parse(header() + row(with(good_cells(), "household_code", " H001 ")));
    REQUIRE(records);
    CHECK(std::get<std::string>(records->front().get("household_code")) == "H001");
}

TEST_CASE("a refused cell is not repeated in the message: it may be a misplaced name") {
    const auto records = parse(header() + row(with(good_cells(), "visit_outcome", "Lê Văn Tám")));
    REQUIRE_FALSE(records);
    CHECK(records.error().front().message.find("Lê Văn Tám") == std::string::npos);
    const auto numbers = parse(header() + row(with(good_cells(), "adults_15plus", "091 234")));
    REQUIRE_FALSE(numbers);
    CHECK(numbers.error().front().message.find("091") == std::string::npos);
}

TEST_CASE("household text arrives in NFD and is stored in NFC") {
    const std::string nfd_name = "Nguye\xCC\x82\xCC\x83n Va\xCC\x86n An";
    // The registry spells group "Tổ 2" in NFC; the file in NFD must still match it.
    const std::string nfd_group = "To\xCC\x82\xCC\x89 2";
    const auto records =
        parse(header() + row(with(with(good_cells(), "head_name", nfd_name), "group", nfd_group)));
    REQUIRE_MESSAGE(records, (records ? "" : records.error().front().to_string()));
    CHECK((*records)[0].get("head_name") == c5::Value(std::string("Nguyễn Văn An")));
    CHECK((*records)[0].get("group") == c5::Value(std::string("Tổ 2")));
}

TEST_CASE("one bad household row refuses the file, naming its line and field") {
    // The first data row has a note spanning three lines, so the bad row starts on line 5.
    const auto records =
        parse(header() + row(with(good_cells(), "notes", "gọi lại\nsau 17h\nhỏi bà An")) +
              row(with(with(good_cells(), "household_code", "H2"), "adults_smartphone", "4")));
    REQUIRE_FALSE(records);
    REQUIRE(records.error().size() == 1);
    const c5::ImportIssue& issue = records.error()[0];
    CHECK(issue.file == "households.csv");
    CHECK(issue.line == 5);
    CHECK(issue.field == "adults_smartphone");
    // Validation's message in both languages.
    CHECK(issue.message.find(" / ") != std::string::npos);
}

TEST_CASE("every bad household row is listed") {
    const Cells refused = with(with(good_cells(), "visit_outcome", "refused"), "consent", "");
    Cells refused_clean = refused;
    for (const char* field :
         {"smart_tv", "smart_tv_box", "smart_projector", "smart_audio", "tablet", "smart_camera",
          "ereader", "smart_entertainment", "broadband_fixed", "broadband_mobile", "adults_15plus",
          "adults_smartphone"}) {
        refused_clean[field] = "";
    }
    const auto records = parse(header() + row(with(good_cells(), "consent", "0")) +  // 2: rule
                               row(refused_clean) +                                  // 3: fine
                               row(with(good_cells(), "surveyor", "")) +             // 4: required
                               row(with(good_cells(), "ward_code", "00009")) +       // 5: registry
                               row(with(good_cells(), "group", "07")) +              // 6: registry
                               "00001,01\n");  // 7: cell count
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "2 consent; 4 surveyor; 5 ward_code; 6 group; 7 ");
}

TEST_CASE("registry checks apply only when a registry is given") {
    const std::string text = header() + row(with(good_cells(), "ward_code", "00009"));
    CHECK_FALSE(parse(text));
    CHECK(parse(text, nullptr));
}

TEST_CASE("a ward code that names a district is refused") {
    const auto records = parse(header() + row(with(good_cells(), "ward_code", "001")));
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "2 ward_code");
}

TEST_CASE("a household header that is not the form's field list is refused") {
    const std::string full = header();
    struct Case {
        const char* name;
        std::string header;
        std::string expected;
    };
    std::string swapped = full;
    swapped.replace(swapped.find("smart_tv,smart_tv_box"), 21, "smart_tv_box,smart_tv");
    std::string renamed = full;
    renamed.replace(renamed.find("household_code"), 14, "household");
    std::string dropped = full;
    dropped.erase(dropped.find(",notes"), 6);
    const Case cases[] = {
        {"columns out of order", swapped, "1 "},
        {"a renamed column", renamed, "1 household; 1 household_code"},
        {"a missing column", dropped, "1 notes"},
        {"record_id not first", full.substr(0, full.size() - 1) + ",record_id\n", "1 record_id"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto records = parse(c.header + row(good_cells()));
        REQUIRE_FALSE(records);
        CHECK(where(records.error()) == c.expected);
    }
}

TEST_CASE("a household file with bytes that are not UTF-8 is refused naming the line") {
    const auto records =
        parse(header() + row(good_cells()) + row(with(good_cells(), "head_name", "Nguy\xEAn")));
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "3 ");
}

TEST_CASE("an unterminated quote in a household file is refused with its line") {
    const auto records = parse(header() + row(good_cells()) + "00001,\"01\n");
    REQUIRE_FALSE(records);
    CHECK(where(records.error()) == "3 ");
}

TEST_CASE("household records written to CSV read back equal") {
    auto original = parse(header(true) +
                          row(with(good_cells(), "notes", "hỏi lại, \"tối\"\nthứ bảy"),
                              "0190a5c2-7b1e-7c3d-8e4f-0123456789ab") +
                          row(with(good_cells(), "household_code", "H2"), ""));
    REQUIRE(original);

    c5::test::TempDir folder;
    std::ostringstream out;
    c5::write_household_csv(out, *original, household_form(), true);
    CHECK(
        out.str().starts_with("\xEF\xBB\xBF"
                              "record_id,ward_code,group,"));
    CHECK(out.str().find(",1,0,0,") != std::string::npos);  // booleans as 1/0
    const auto file = folder.write("households.csv", out.str());

    const auto again = c5::read_household_csv(file, household_form(), &registry());
    REQUIRE_MESSAGE(again, (again ? "" : again.error().front().to_string()));
    REQUIRE(again->size() == original->size());
    for (std::size_t i = 0; i < original->size(); ++i) {
        CAPTURE(i);
        CHECK((*again)[i].record_id == (*original)[i].record_id);
        CHECK((*again)[i].form == (*original)[i].form);
        CHECK((*again)[i].unit_code == (*original)[i].unit_code);
        CHECK((*again)[i].values == (*original)[i].values);
    }
    CHECK((*again)[1].source == file.string() + ":4");
}

TEST_CASE("household text a spreadsheet would run as a formula is written guarded, read back") {
    // A name typed as a formula must not run when the province opens the file in Excel, and
    // a phone written with its country code must not turn into a number there.
    Cells cells = with(good_cells(), "head_name", "=HYPERLINK(\"http://x.example\",\"An\")");
    cells = with(cells, "phone", "+84 912 345 678");
    auto original = parse(header() + row(cells));
    REQUIRE(original);
    // An apostrophe of the surveyor's own, typed in the form, comes back too.
    (*original)[0].values["notes"] = std::string("'-- hỏi lại");

    std::ostringstream out;
    c5::write_household_csv(out, *original, household_form(), false);
    CHECK(out.str().find(",\"'=HYPERLINK(") != std::string::npos);
    CHECK(out.str().find(",'+84 912 345 678,") != std::string::npos);
    CHECK(out.str().find(",''-- hỏi lại") != std::string::npos);

    const auto again = c5::parse_household_csv(out.str(), "again.csv", household_form(), nullptr);
    REQUIRE_MESSAGE(again, (again ? "" : again.error().front().to_string()));
    REQUIRE(again->size() == 1);
    CHECK((*again)[0].get("head_name") ==
          c5::Value(std::string("=HYPERLINK(\"http://x.example\",\"An\")")));
    CHECK((*again)[0].get("phone") == c5::Value(std::string("+84 912 345 678")));
    CHECK((*again)[0].get("notes") == c5::Value(std::string("'-- hỏi lại")));
}
