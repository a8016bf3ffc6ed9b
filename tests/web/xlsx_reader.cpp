// XLSX cells by regular expressions over the few XML shapes libxlsxwriter writes.
#include "web/xlsx_reader.hpp"

#include <regex>
#include <vector>

#include "support/run_process.hpp"

namespace c5::test {
namespace {

std::string unzip_member(const std::filesystem::path& xlsx, const std::string& member) {
    auto run = run_process("/usr/bin/unzip", {"-p", xlsx.string(), member});
    return run.exit_code == 0 ? run.out : "";
}

std::string unescape_xml(std::string text) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        for (std::size_t pos = text.find(from); pos != std::string::npos;
             pos = text.find(from, pos + std::string(to).size())) {
            text.replace(pos, std::string(from).size(), to);
        }
    }
    return text;
}

// "AB12" -> (11, 27): 0-based row and column.
std::pair<int, int> cell_position(const std::string& ref) {
    int col = 0;
    std::size_t i = 0;
    for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i) {
        col = col * 26 + (ref[i] - 'A' + 1);
    }
    return {std::stoi(ref.substr(i)) - 1, col - 1};
}

}  // namespace

SheetCells read_xlsx_sheet(const std::filesystem::path& xlsx, int number) {
    std::vector<std::string> strings;
    const std::string shared = unzip_member(xlsx, "xl/sharedStrings.xml");
    const std::regex si(R"(<si>\s*<t[^>]*>([^<]*)</t>\s*</si>)");
    for (auto it = std::sregex_iterator(shared.begin(), shared.end(), si);
         it != std::sregex_iterator(); ++it) {
        strings.push_back(unescape_xml((*it)[1].str()));
    }

    SheetCells cells;
    const std::string sheet =
        unzip_member(xlsx, "xl/worksheets/sheet" + std::to_string(number) + ".xml");
    const std::regex cell(R"re(<c r="([A-Z]+[0-9]+)"([^>]*)>\s*<v>([^<]*)</v>)re");
    for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), cell);
         it != std::sregex_iterator(); ++it) {
        const std::string attrs = (*it)[2].str();
        std::string value = (*it)[3].str();
        if (attrs.find("t=\"s\"") != std::string::npos) {
            const auto index = static_cast<std::size_t>(std::stoul(value));
            value = index < strings.size() ? strings[index] : "";
        }
        cells[cell_position((*it)[1].str())] = value;
    }
    return cells;
}

std::vector<std::string> read_xlsx_sheet_names(const std::filesystem::path& xlsx) {
    std::vector<std::string> names;
    const std::string book = unzip_member(xlsx, "xl/workbook.xml");
    const std::regex sheet(R"re(<sheet name="([^"]*)")re");
    for (auto it = std::sregex_iterator(book.begin(), book.end(), sheet);
         it != std::sregex_iterator(); ++it) {
        names.push_back(unescape_xml((*it)[1].str()));
    }
    return names;
}

}  // namespace c5::test
