// A small scanner over JSON text that only tracks nesting, keys and lines, run after
// nlohmann::json has accepted the text, to locate values for import messages.
#include "core/io/json_lines.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace c5 {
namespace {

struct Frame {
    bool object = false;
    std::string pointer;
    std::size_t index = 0;  // arrays: position of the next value
    std::string key;        // objects: the key of the next value
    bool want_key = true;   // objects: a string now is a key
};

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::unordered_map<std::string, int> run() {
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == '\r' || c == '\n') {
                skip_line_break();
            } else if (c == ' ' || c == '\t') {
                ++pos_;
            } else if (c == '{' || c == '[') {
                const std::string pointer = begin_value();
                stack_.push_back(Frame{c == '{', pointer});
                ++pos_;
            } else if (c == '}' || c == ']') {
                if (!stack_.empty()) stack_.pop_back();
                ++pos_;
            } else if (c == ',') {
                if (!stack_.empty()) {
                    ++stack_.back().index;
                    stack_.back().want_key = true;
                }
                ++pos_;
            } else if (c == ':') {
                if (!stack_.empty()) stack_.back().want_key = false;
                ++pos_;
            } else if (c == '"') {
                read_string();
            } else {
                begin_value();
                while (pos_ < text_.size() &&
                       std::string_view(",]} \t\r\n").find(text_[pos_]) == std::string_view::npos) {
                    ++pos_;
                }
            }
        }
        return std::move(lines_);
    }

private:
    void skip_line_break() {
        if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }

    // Records where the value starting here is, and returns its pointer.
    std::string begin_value() {
        std::string pointer;
        if (!stack_.empty()) {
            const Frame& parent = stack_.back();
            pointer =
                parent.pointer + "/" +
                (parent.object ? json_pointer_token(parent.key) : std::to_string(parent.index));
        }
        lines_.emplace(pointer, line_);
        return pointer;
    }

    void read_string() {
        const bool is_key = !stack_.empty() && stack_.back().object && stack_.back().want_key;
        if (!is_key) begin_value();
        const std::size_t start = pos_++;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            pos_ += text_[pos_] == '\\' ? 2 : 1;
        }
        ++pos_;  // the closing quote
        if (!is_key) return;
        // Keys may hold escapes ("\u0111"); decoding them the way the parser did makes the
        // pointer match the parsed document.
        const auto decoded = nlohmann::json::parse(
            text_.substr(start, std::min(pos_, text_.size()) - start), nullptr, false);
        stack_.back().key = decoded.is_string() ? decoded.get<std::string>() : std::string();
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    std::vector<Frame> stack_;
    std::unordered_map<std::string, int> lines_;
};

}  // namespace

std::unordered_map<std::string, int> json_value_lines(std::string_view json_text) {
    return Scanner(json_text).run();
}

int line_at_offset(std::string_view text, std::size_t offset) {
    int line = 1;
    const std::size_t end = std::min(offset, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
        } else if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) {
            ++line;
        }
    }
    return line;
}

std::string json_pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace c5
