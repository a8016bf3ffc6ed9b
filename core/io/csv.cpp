// RFC 4180 CSV by hand: a small state machine that keeps track of physical lines, so that
// a quoted cell spanning lines does not shift the line numbers reported for later rows.
#include "core/io/csv.hpp"

#include <optional>
#include <ostream>

#include "core/io/csv_detail.hpp"

namespace c5 {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Walks the text once. `pos` and `line` always point at the next unread byte.
class CsvSplitter {
public:
    explicit CsvSplitter(std::string_view text) : text_(text) {
        if (text_.starts_with(kBom)) pos_ = kBom.size();
    }

    std::expected<std::vector<CsvRow>, CsvFailure> run() {
        std::vector<CsvRow> rows;
        while (pos_ < text_.size()) {
            CsvRow row;
            row.line = line_;
            bool any_quoted = false;
            for (;;) {
                std::string cell;
                bool quoted = false;
                if (auto failure = read_cell(cell, quoted)) return std::unexpected(*failure);
                any_quoted = any_quoted || quoted;
                row.cells.push_back(std::move(cell));
                if (pos_ < text_.size() && text_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                skip_line_break();
                break;
            }
            // A blank line is one unquoted empty cell; `""` on its own line is a real row.
            const bool blank = row.cells.size() == 1 && row.cells[0].empty() && !any_quoted;
            if (!blank) rows.push_back(std::move(row));
        }
        return rows;
    }

private:
    bool at_line_break() const {
        return pos_ < text_.size() && (text_[pos_] == '\r' || text_[pos_] == '\n');
    }

    // CR, LF and CRLF each end one physical line.
    void skip_line_break() {
        if (pos_ >= text_.size()) return;
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    // Reads one cell up to (not including) the comma, line break or end that follows it.
    std::optional<CsvFailure> read_cell(std::string& cell, bool& quoted) {
        if (pos_ < text_.size() && text_[pos_] == '"') {
            quoted = true;
            return read_quoted(cell);
        }
        while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
            if (text_[pos_] == '"') {
                return CsvFailure{line_,
                                  "Dấu ngoặc kép nằm trong ô không đặt trong ngoặc kép / A quote "
                                  "inside an unquoted cell: quote the whole cell and double the "
                                  "quotes inside it"};
            }
            cell.push_back(text_[pos_++]);
        }
        return std::nullopt;
    }

    std::optional<CsvFailure> read_quoted(std::string& cell) {
        const int opened_on = line_;
        ++pos_;  // the opening quote
        for (;;) {
            if (pos_ >= text_.size()) {
                return CsvFailure{opened_on,
                                  "Ô mở bằng dấu ngoặc kép ở dòng này chưa được đóng đến hết tệp / "
                                  "A quoted cell opened on this line is not closed before the "
                                  "end of the file"};
            }
            const char c = text_[pos_];
            if (c == '"') {
                if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                    cell.push_back('"');
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\r' || c == '\n') {
                // The cell keeps its line break as written; only the line count moves on.
                const std::size_t start = pos_;
                skip_line_break();
                cell.append(text_.substr(start, pos_ - start));
                continue;
            }
            cell.push_back(c);
            ++pos_;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
            return CsvFailure{line_,
                              "Có ký tự sau dấu ngoặc kép đóng ô / Text after the closing "
                              "quote of a cell"};
        }
        return std::nullopt;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
};

}  // namespace

std::expected<std::vector<CsvRow>, CsvFailure> split_csv(std::string_view text) {
    return CsvSplitter(text).run();
}

Result<std::vector<CsvRow>> parse_csv(std::string_view text) {
    auto rows = split_csv(text);
    if (!rows) {
        return fail(ErrorKind::InvalidInput,
                    "line " + std::to_string(rows.error().line) + ": " + rows.error().message);
    }
    return std::move(*rows);
}

std::string csv_escape(std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) out << ',';
        out << csv_escape(cells[i]);
    }
    out << "\r\n";
}

}  // namespace c5
