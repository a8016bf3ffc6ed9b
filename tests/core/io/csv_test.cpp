// RFC 4180 edge cases of the CSV reader and writer: quoting, doubled quotes, every kind of
// line end, byte-order marks, and physical line numbers around quoted line breaks.
#include "core/io/csv.hpp"

#include <doctest/doctest.h>

#include <sstream>

namespace {

std::vector<std::vector<std::string>> cells_of(const std::vector<c5::CsvRow>& rows) {
    std::vector<std::vector<std::string>> out;
    for (const auto& row : rows) out.push_back(row.cells);
    return out;
}

std::vector<int> lines_of(const std::vector<c5::CsvRow>& rows) {
    std::vector<int> out;
    for (const auto& row : rows) out.push_back(row.line);
    return out;
}

using Cells = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("parse_csv splits rows and cells with any line end") {
    struct Case {
        const char* name;
        std::string text;
    };
    const Case cases[] = {
        {"LF", "a,b\n1,2\n"},
        {"CRLF", "a,b\r\n1,2\r\n"},
        {"CR", "a,b\r1,2\r"},
        {"no final line end", "a,b\n1,2"},
        {"byte-order mark",
         "\xEF\xBB\xBF"
         "a,b\r\n1,2\r\n"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto rows = c5::parse_csv(c.text);
        REQUIRE(rows);
        CHECK(cells_of(*rows) == Cells{{"a", "b"}, {"1", "2"}});
        CHECK(lines_of(*rows) == std::vector<int>{1, 2});
    }
}

TEST_CASE("parse_csv reads quoted cells with commas and doubled quotes") {
    const auto rows = c5::parse_csv("\"Tổ 3, khu A\",\"say \"\"xin chào\"\"\",\"\",plain\n");
    REQUIRE(rows);
    CHECK(cells_of(*rows) == Cells{{"Tổ 3, khu A", "say \"xin chào\"", "", "plain"}});
}

TEST_CASE("parse_csv keeps empty cells, including trailing ones") {
    const auto rows = c5::parse_csv("a,,c,\n,\n");
    REQUIRE(rows);
    CHECK(cells_of(*rows) == Cells{{"a", "", "c", ""}, {"", ""}});
}

TEST_CASE("parse_csv counts lines inside quoted cells for the rows after them") {
    SUBCASE("LF inside quotes") {
        const auto rows = c5::parse_csv("h\n\"line one\nline two\nline three\"\nnext\n");
        REQUIRE(rows);
        CHECK(cells_of(*rows) == Cells{{"h"}, {"line one\nline two\nline three"}, {"next"}});
        CHECK(lines_of(*rows) == std::vector<int>{1, 2, 5});
    }
    SUBCASE("CRLF inside quotes counts as one line") {
        const auto rows = c5::parse_csv("h\r\n\"a\r\nb\"\r\nnext\r\n");
        REQUIRE(rows);
        CHECK(cells_of(*rows) == Cells{{"h"}, {"a\r\nb"}, {"next"}});
        CHECK(lines_of(*rows) == std::vector<int>{1, 2, 4});
    }
    SUBCASE("blank lines are skipped but counted") {
        const auto rows = c5::parse_csv("h\n\n\"x\ny\"\n\r\n\nlast");
        REQUIRE(rows);
        CHECK(cells_of(*rows) == Cells{{"h"}, {"x\ny"}, {"last"}});
        CHECK(lines_of(*rows) == std::vector<int>{1, 3, 7});
    }
}

TEST_CASE("parse_csv refuses malformed quoting and names the line") {
    struct Case {
        const char* name;
        std::string text;
        std::string line;
    };
    const Case cases[] = {
        {"unterminated quote", "a,b\n1,2\n3,\"open\nstill open\n", "line 3: "},
        {"quote inside an unquoted cell", "a,b\nx\"y,2\n", "line 2: "},
        {"text after a closing quote", "a\n\"b\nc\"d\n", "line 3: "},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        const auto rows = c5::parse_csv(c.text);
        REQUIRE_FALSE(rows);
        CHECK(rows.error().kind == c5::ErrorKind::InvalidInput);
        CHECK(rows.error().message.starts_with(c.line));
    }
}

TEST_CASE("csv_escape quotes only the cells that need it") {
    struct Case {
        std::string cell;
        std::string escaped;
    };
    const Case cases[] = {
        {"plain", "plain"},
        {"", ""},
        {"Nguyễn Văn An", "Nguyễn Văn An"},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\""},
        {"cr\r", "\"cr\r\""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.cell);
        CHECK(c5::csv_escape(c.cell) == c.escaped);
    }
}

TEST_CASE("write_csv_row ends rows in CRLF and its output parses back to the same cells") {
    const std::vector<std::string> row{"a,b", "", "say \"hi\"", "two\r\nlines", "Đ"};
    std::ostringstream out;
    c5::write_csv_row(out, row);
    c5::write_csv_row(out, {"x"});
    CHECK(out.str() == "\"a,b\",,\"say \"\"hi\"\"\",\"two\r\nlines\",Đ\r\nx\r\n");
    const auto rows = c5::parse_csv(out.str());
    REQUIRE(rows);
    CHECK(cells_of(*rows) == Cells{row, {"x"}});
    CHECK(lines_of(*rows) == std::vector<int>{1, 3});
}
