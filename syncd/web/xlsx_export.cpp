// Workbooks through libxlsxwriter into an anonymous in-memory file (memfd), read back whole.
#include "syncd/web/xlsx_export.hpp"

#include <sys/mman.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <memory>

#include "core/util/fraction_text.hpp"

namespace c5::syncd {
namespace {

constexpr const char* kContents[] = {"c1", "c2", "c3", "c4", "c5"};
constexpr const char* kShares[] = {"device_share", "broadband_share", "smartphone_share"};

// An anonymous file that libxlsxwriter opens by its /proc path; closed on destruction.
class MemoryFile {
public:
    MemoryFile() : fd_(memfd_create("c5-xlsx", MFD_CLOEXEC)) {}
    ~MemoryFile() {
        if (fd_ >= 0) close(fd_);
    }
    MemoryFile(const MemoryFile&) = delete;
    MemoryFile& operator=(const MemoryFile&) = delete;

    bool valid() const { return fd_ >= 0; }
    std::string path() const { return "/proc/self/fd/" + std::to_string(fd_); }

    Result<std::string> contents() const {
        const off_t size = lseek(fd_, 0, SEEK_END);
        if (size < 0 || lseek(fd_, 0, SEEK_SET) < 0) return fail(ErrorKind::Io, "lost the file");
        std::string out(static_cast<std::size_t>(size), '\0');
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = read(fd_, out.data() + done, out.size() - done);
            if (n <= 0) return fail(ErrorKind::Io, "cannot read the workbook back");
            done += static_cast<std::size_t>(n);
        }
        return out;
    }

private:
    int fd_ = -1;
};

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* percent = nullptr;
    lxw_format* pass = nullptr;
    lxw_format* fail = nullptr;
};

Formats make_formats(lxw_workbook* book) {
    Formats f;
    f.header = workbook_add_format(book);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xD9E2F3);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
    f.percent = workbook_add_format(book);
    format_set_num_format(f.percent, "0.00%");
    f.pass = workbook_add_format(book);
    format_set_font_color(f.pass, 0x1E6B30);
    f.fail = workbook_add_format(book);
    format_set_font_color(f.fail, 0xB00020);
    format_set_bold(f.fail);
    return f;
}

// Spreadsheets run a cell that starts with = + - or @ as a formula; text from outside (a
// unit name, a surveyor's note) must stay text. write_string never makes a formula, but a
// user who edits the cell would, so the same apostrophe as the CSV is kept.
std::string plain(const std::string& text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string::npos) {
        return "'" + text;
    }
    return text;
}

void write_text(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const std::string& text,
                lxw_format* format = nullptr) {
    worksheet_write_string(sheet, row, col, plain(text).c_str(), format);
}

// A share as the CSV writes it (four decimals, never rounded up to 1), as a number.
void write_fraction(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col,
                    const std::optional<double>& value, lxw_format* format) {
    if (!value) return;
    worksheet_write_number(sheet, row, col, std::strtod(fraction_text(*value, 4).c_str(), nullptr),
                           format);
}

lxw_format* status_format(const Formats& f, Status status) {
    return status == Status::Pass ? f.pass : status == Status::Fail ? f.fail : nullptr;
}

void write_header(lxw_worksheet* sheet, const std::vector<std::string>& columns,
                  const Formats& f) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        write_text(sheet, 0, static_cast<lxw_col_t>(c), columns[c], f.header);
    }
    worksheet_set_row(sheet, 0, 30, nullptr);
    worksheet_freeze_panes(sheet, 1, 0);
}

void results_sheet(lxw_workbook* book, const Formats& f, const std::vector<UnitResult>& results) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Kết quả");
    write_header(sheet,
                 {"unit_code", "unit_name", "level", "c1", "c2", "c3", "c4", "c5", "criterion",
                  "device_share", "broadband_share", "smartphone_share", "coverage",
                  "households_interviewed", "households_registered", "reasons"},
                 f);
    worksheet_set_column(sheet, 0, 0, 10, nullptr);
    worksheet_set_column(sheet, 1, 1, 28, nullptr);
    worksheet_set_column(sheet, 2, 8, 10, nullptr);
    worksheet_set_column(sheet, 9, 12, 12, f.percent);
    worksheet_set_column(sheet, 13, 14, 14, nullptr);
    worksheet_set_column(sheet, 15, 15, 80, nullptr);
    lxw_row_t row = 1;
    for (const UnitResult& r : results) {
        write_text(sheet, row, 0, r.unit_code);
        write_text(sheet, row, 1, r.unit_name);
        write_text(sheet, row, 2, unit_level_name(r.level));
        for (lxw_col_t i = 0; i < 5; ++i) {
            for (const ContentResult& c : r.contents) {
                if (c.id == kContents[i]) {
                    write_text(sheet, row, 3 + i, status_name(c.status),
                               status_format(f, c.status));
                }
            }
        }
        write_text(sheet, row, 8, status_name(r.criterion), status_format(f, r.criterion));
        for (lxw_col_t i = 0; i < 3; ++i) {
            const ShareFigure* share = r.share(kShares[i]);
            write_fraction(sheet, row, 9 + i, share ? share->value : std::nullopt, f.percent);
        }
        write_fraction(sheet, row, 12, r.coverage, f.percent);
        if (r.level == UnitLevel::Ward) {
            worksheet_write_number(sheet, row, 13, double(r.households_interviewed), nullptr);
        }
        if (r.households_registered) {
            worksheet_write_number(sheet, row, 14, double(*r.households_registered), nullptr);
        }
        write_text(sheet, row, 15, r.reasons_text());
        ++row;
    }
    worksheet_autofilter(sheet, 0, 0, row - 1, 15);
}

void content4_sheet(lxw_workbook* book, const Formats& f, const std::vector<UnitResult>& results) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Nội dung 4");
    std::vector<std::string> columns{"unit_code", "unit_name"};
    for (const char* id : kShares) {
        const std::string s = id;
        for (const char* part : {"_numerator", "_denominator", "", "_threshold", "_status"}) {
            columns.push_back(s + part);
        }
    }
    for (const char* c : {"coverage", "households_visited", "households_interviewed",
                          "households_vacant", "households_registered"}) {
        columns.push_back(c);
    }
    write_header(sheet, columns, f);
    worksheet_set_column(sheet, 0, 0, 10, nullptr);
    worksheet_set_column(sheet, 1, 1, 28, nullptr);
    worksheet_set_column(sheet, 2, static_cast<lxw_col_t>(columns.size() - 1), 13, nullptr);
    lxw_row_t row = 1;
    for (const UnitResult& r : results) {
        if (r.level != UnitLevel::Ward) continue;
        write_text(sheet, row, 0, r.unit_code);
        write_text(sheet, row, 1, r.unit_name);
        lxw_col_t col = 2;
        for (const char* id : kShares) {
            const ShareFigure* s = r.share(id);
            if (s) {
                worksheet_write_number(sheet, row, col, double(s->numerator), nullptr);
                worksheet_write_number(sheet, row, col + 1, double(s->denominator), nullptr);
                write_fraction(sheet, row, col + 2, s->value, f.percent);
                worksheet_write_number(sheet, row, col + 3, s->threshold, f.percent);
                write_text(sheet, row, col + 4, status_name(s->status),
                           status_format(f, s->status));
            }
            col += 5;
        }
        write_fraction(sheet, row, col, r.coverage, f.percent);
        worksheet_write_number(sheet, row, col + 1, double(r.households_visited), nullptr);
        worksheet_write_number(sheet, row, col + 2, double(r.households_interviewed), nullptr);
        worksheet_write_number(sheet, row, col + 3, double(r.households_vacant), nullptr);
        if (r.households_registered) {
            worksheet_write_number(sheet, row, col + 4, double(*r.households_registered),
                                   nullptr);
        }
        ++row;
    }
}

// Opens a workbook on a memory file, lets `fill` add sheets, closes and reads it back.
template <class Fill>
Result<std::string> build_workbook(Fill fill) {
    MemoryFile file;
    if (!file.valid()) return fail(ErrorKind::Io, "cannot create an in-memory file");
    lxw_workbook* book = workbook_new(file.path().c_str());
    if (!book) return fail(ErrorKind::Io, "cannot start the workbook");
    fill(book, make_formats(book));
    if (const lxw_error error = workbook_close(book); error != LXW_NO_ERROR) {
        return fail(ErrorKind::Io, std::string("cannot write the workbook: ") +
                                       lxw_strerror(error));
    }
    return file.contents();
}

}  // namespace

Result<std::string> results_xlsx(const std::vector<UnitResult>& results) {
    return build_workbook([&](lxw_workbook* book, const Formats& f) {
        results_sheet(book, f, results);
        content4_sheet(book, f, results);
    });
}

Result<std::string> records_xlsx(const std::string& sheet_name,
                                 const std::vector<std::string>& columns,
                                 const std::vector<FormRecord>& records) {
    return build_workbook([&](lxw_workbook* book, const Formats& f) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
        std::vector<std::string> header{"record_id"};
        header.insert(header.end(), columns.begin(), columns.end());
        write_header(sheet, header, f);
        worksheet_set_column(sheet, 0, 0, 38, nullptr);
        worksheet_set_column(sheet, 1, static_cast<lxw_col_t>(columns.size()), 14, nullptr);
        lxw_row_t row = 1;
        for (const FormRecord& r : records) {
            write_text(sheet, row, 0, r.record_id);
            for (std::size_t c = 0; c < columns.size(); ++c) {
                const Value& v = r.get(columns[c]);
                const auto col = static_cast<lxw_col_t>(c + 1);
                if (const auto* n = std::get_if<std::int64_t>(&v)) {
                    worksheet_write_number(sheet, row, col, double(*n), nullptr);
                } else if (const auto* b = std::get_if<bool>(&v)) {
                    worksheet_write_number(sheet, row, col, *b ? 1 : 0, nullptr);
                } else if (!is_empty(v)) {
                    write_text(sheet, row, col, to_display(v));
                }
            }
            ++row;
        }
    });
}

}  // namespace c5::syncd
