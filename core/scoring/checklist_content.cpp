// Item rules of the checklist contents (Annex I contents 1, 2, 3, 5 and Annex II).
#include "core/scoring/checklist_content.hpp"

#include <algorithm>

#include "core/scoring/wording.hpp"

namespace c5 {

namespace {

Status status_of(bool holds) {
    return holds ? Status::Pass : Status::Fail;
}

}  // namespace

ItemOutcome evaluate_item(const ItemRule& item, const FormRecord& checklist) {
    ItemOutcome out{item.id, Status::Incomplete, ""};
    const Value& v = checklist.get(item.field);

    switch (item.kind) {
        case ItemRuleKind::IsTrue:
            if (const auto* b = std::get_if<bool>(&v)) {
                out.status = status_of(*b);
                out.value = *b ? "có" : "không";
            }
            break;
        case ItemRuleKind::NotIn:
            if (const auto* s = std::get_if<std::string>(&v)) {
                const bool refused =
                    std::find(item.values.begin(), item.values.end(), *s) != item.values.end();
                out.status = status_of(!refused);
                out.value = *s;
            }
            break;
        case ItemRuleKind::EqualPositive: {
            const auto* part = std::get_if<std::int64_t>(&v);
            const auto* whole = std::get_if<std::int64_t>(&checklist.get(item.other_field));
            if (part && whole) {
                out.status = status_of(*part == *whole && *whole > 0);
                out.value = std::to_string(*part) + "/" + std::to_string(*whole);
            }
            break;
        }
        case ItemRuleKind::AtLeast:
            if (const auto* n = std::get_if<std::int64_t>(&v)) {
                out.status = status_of(*n >= item.min);
                out.value = std::to_string(*n);
            }
            break;
    }
    return out;
}

ContentResult evaluate_checklist_content(const ContentDef& content, const FormRecord* checklist,
                                         const std::string& checklist_form_title) {
    ContentResult result{content.id, Status::Pass, {}, {}};
    const std::string prefix = wording::content_prefix(content.id) + ": ";

    if (!checklist) {
        result.status = Status::Incomplete;
        for (const auto& item : content.items)
            result.items.push_back({item.id, Status::Incomplete, ""});
        result.reasons.push_back(prefix + "chưa có " + checklist_form_title);
        return result;
    }

    std::vector<std::string> failing;
    std::vector<std::string> unanswered;
    for (const auto& item : content.items) {
        ItemOutcome outcome = evaluate_item(item, *checklist);
        result.status = combine(result.status, outcome.status);
        if (outcome.status == Status::Fail) {
            failing.push_back("\"" + item.label.vi + "\" (" + outcome.value + ")");
        } else if (outcome.status == Status::Incomplete) {
            unanswered.push_back("\"" + item.label.vi + "\"");
        }
        result.items.push_back(std::move(outcome));
    }

    auto join = [](const std::vector<std::string>& parts) {
        std::string s;
        for (const auto& p : parts) s += (s.empty() ? "" : ", ") + p;
        return s;
    };
    if (!failing.empty()) result.reasons.push_back(prefix + "không đạt " + join(failing));
    if (!unanswered.empty()) result.reasons.push_back(prefix + "chưa trả lời " + join(unanswered));
    return result;
}

}  // namespace c5
