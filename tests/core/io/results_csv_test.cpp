// The results CSV written for hand-built ward and district results, compared byte for byte.
#include <doctest/doctest.h>

#include <sstream>

#include "core/io/interchange.hpp"
#include "core/scoring/unit_result.hpp"

namespace {

c5::ContentResult content(const char* id, c5::Status status,
                          std::vector<std::string> reasons = {}) {
    c5::ContentResult out;
    out.id = id;
    out.status = status;
    out.reasons = std::move(reasons);
    return out;
}

c5::ShareFigure share(const char* id, std::optional<double> value) {
    c5::ShareFigure out;
    out.id = id;
    out.value = value;
    return out;
}

const std::string kHeader =
    "unit_code,unit_name,level,c1,c2,c3,c4,c5,criterion,device_share,broadband_share,"
    "smartphone_share,coverage,households_interviewed,households_registered,reasons\r\n";

}  // namespace

TEST_CASE("the results CSV has one row per unit with fixed columns and four decimals") {
    c5::UnitResult ward;
    ward.unit_code = "00001";
    ward.unit_name = "Phường Phúc Xá";
    ward.level = c5::UnitLevel::Ward;
    ward.contents = {content("c1", c5::Status::Pass), content("c2", c5::Status::Pass),
                     content("c3", c5::Status::Fail, {"Chưa có phần mềm quản lý tài sản"}),
                     content("c4", c5::Status::Incomplete,
                             {"Tổ 01: 3 hộ chưa khảo sát", "Tổ 02: 1 hộ không có băng rộng"}),
                     content("c5", c5::Status::Pass)};
    ward.criterion = c5::Status::Fail;
    ward.shares = {share("device_share", 0.95), share("broadband_share", 1.0),
                   share("smartphone_share", 2.0 / 3.0)};
    ward.coverage = 0.123456;
    ward.households_interviewed = 19;
    ward.households_registered = 200;

    c5::UnitResult district;
    district.unit_code = "001";
    district.unit_name = "Quận Ba Đình";
    district.level = c5::UnitLevel::District;
    district.contents = {content("c1", c5::Status::Pass), content("c2", c5::Status::Pass),
                         content("c3", c5::Status::Pass)};
    district.criterion = c5::Status::Pass;

    c5::UnitResult empty_ward;  // no shares computed yet, no registered count
    empty_ward.unit_code = "00004";
    empty_ward.unit_name = "Phường \"Trúc\" Bạch, cũ";
    empty_ward.shares = {share("device_share", std::nullopt)};

    std::ostringstream out;
    c5::write_results_csv(out, {ward, district, empty_ward});
    CHECK(out.str() ==
          kHeader +
              "00001,Phường Phúc Xá,ward,pass,pass,fail,incomplete,pass,fail,0.9500,1.0000,"
              "0.6667,0.1235,19,200,Chưa có phần mềm quản lý tài sản; Tổ 01: 3 hộ chưa khảo sát; "
              "Tổ 02: 1 hộ không có băng rộng\r\n"
              "001,Quận Ba Đình,district,pass,pass,pass,,,pass,,,,,,,\r\n"
              "00004,\"Phường \"\"Trúc\"\" Bạch, cũ\",ward,,,,,,incomplete,,,,,0,,\r\n");
}

TEST_CASE("the results CSV starts with a byte-order mark only when asked") {
    std::ostringstream plain;
    c5::write_results_csv(plain, {});
    CHECK(plain.str() == kHeader);
    std::ostringstream marked;
    c5::write_results_csv(marked, {}, true);
    CHECK(marked.str() == "\xEF\xBB\xBF" + kHeader);
}

TEST_CASE("a unit name that looks like a formula is written as plain text") {
    c5::UnitResult district;
    district.unit_code = "001";
    district.unit_name = "=HYPERLINK(\"http://example.org\")";
    district.level = c5::UnitLevel::District;
    district.contents = {content("c1", c5::Status::Pass), content("c2", c5::Status::Pass),
                         content("c3", c5::Status::Pass)};
    district.criterion = c5::Status::Pass;
    std::ostringstream out;
    c5::write_results_csv(out, {district});
    CHECK(out.str().find(",\"'=HYPERLINK(\"\"http://example.org\"\")\",") != std::string::npos);
}
