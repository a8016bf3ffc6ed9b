// Status names and small accessors of a unit's result.
#include "core/scoring/unit_result.hpp"

namespace c5 {

const char* status_name(Status status) {
    switch (status) {
        case Status::Pass:
            return "pass";
        case Status::Fail:
            return "fail";
        case Status::Incomplete:
            return "incomplete";
    }
    return "?";
}

const char* status_name_vi(Status status) {
    switch (status) {
        case Status::Pass:
            return "đạt";
        case Status::Fail:
            return "không đạt";
        case Status::Incomplete:
            return "chưa đủ dữ liệu";
    }
    return "?";
}

Status combine(Status a, Status b) {
    if (a == Status::Fail || b == Status::Fail) return Status::Fail;
    if (a == Status::Incomplete || b == Status::Incomplete) return Status::Incomplete;
    return Status::Pass;
}

const ShareFigure* UnitResult::share(const std::string& id) const {
    for (const auto& s : shares)
        if (s.id == id) return &s;
    return nullptr;
}

std::string UnitResult::reasons_text() const {
    std::string text;
    for (const auto& content : contents) {
        for (const auto& reason : content.reasons) {
            if (!text.empty()) text += "; ";
            text += reason;
        }
    }
    return text;
}

}  // namespace c5
