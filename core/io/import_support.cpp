// Shared reading helpers of the interchange readers; see import_support.hpp.
#include "core/io/import_support.hpp"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/io/csv_detail.hpp"
#include "core/text/unicode.hpp"

namespace c5 {

ImportResult<std::string> read_import_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        const std::string why = std::strerror(errno);
        return std::unexpected(ImportIssues{
            {file.string(), 0, "", "Không mở được tệp / Cannot open the file: " + why}});
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (in.bad()) {
        return std::unexpected(
            ImportIssues{{file.string(), 0, "", "Không đọc được tệp / Cannot read the file"}});
    }
    return std::move(bytes).str();
}

ImportIssues find_invalid_utf8_lines(std::string_view text, const std::string& file_name) {
    ImportIssues issues;
    // Fast path: one check of the whole text, and a line-by-line pass only when it fails.
    if (is_valid_utf8(text)) return issues;
    int line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find_first_of("\r\n", start);
        if (end == std::string_view::npos) end = text.size();
        if (!is_valid_utf8(text.substr(start, end - start))) {
            issues.push_back({file_name, line, "",
                              "Dòng này không phải UTF-8, hãy lưu tệp dạng UTF-8 rồi nhập lại / "
                              "The line is not valid UTF-8: save the file as UTF-8 and retry"});
        }
        if (end == text.size()) break;
        start = end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
        ++line;
    }
    return issues;
}

ImportResult<std::vector<CsvRow>> split_csv_for_import(std::string_view text,
                                                       const std::string& file_name) {
    if (ImportIssues bad = find_invalid_utf8_lines(text, file_name); !bad.empty()) {
        return std::unexpected(std::move(bad));
    }
    auto rows = split_csv(text);
    if (!rows) {
        return std::unexpected(
            ImportIssues{{file_name, rows.error().line, "", rows.error().message}});
    }
    if (rows->empty()) {
        return std::unexpected(ImportIssues{
            {file_name, 0, "",
             bilingual("Tệp trống, thiếu dòng tiêu đề", "The file is empty: no header")}});
    }
    return std::move(*rows);
}

std::string_view trim_blanks(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::optional<std::int64_t> parse_whole_number(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::int64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

std::string source_of(const std::string& file_name, int line) {
    return file_name + ":" + std::to_string(line);
}

std::vector<FieldIssue> validate_readable(const Form& form,
                                          const std::map<std::string, Value>& values,
                                          Completeness completeness,
                                          const std::set<std::string>& unreadable) {
    std::vector<FieldIssue> issues = validate_values(form, values, completeness);
    if (unreadable.empty()) return issues;
    std::erase_if(issues, [&](const FieldIssue& issue) {
        if (unreadable.contains(issue.field)) return true;
        const FieldDef* field = form.find(issue.field);
        return field != nullptr && field->relevant && unreadable.contains(field->relevant->field);
    });
    return issues;
}

std::string not_a_choice(const FieldDef& field) {
    std::string ids;
    for (const Choice& choice : field.choices) ids += (ids.empty() ? "" : ", ") + choice.id;
    return bilingual("Phải là một trong: " + ids, "Must be one of: " + ids);
}

std::string bilingual(const Label& message) {
    if (message.en.empty() || message.en == message.vi) return message.vi;
    if (message.vi.empty()) return message.en;
    return message.vi + " / " + message.en;
}

std::string bilingual(std::string vi, std::string en) {
    return bilingual(Label{std::move(vi), std::move(en)});
}

}  // namespace c5
