// Rows, search and progress for the lists.
#include "surveyor/app/records_view.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "core/text/unicode.hpp"

namespace c5::surveyor {

namespace {

std::string text_of(const FormRecord& record, const char* field) {
    const Value& v = record.get(field);
    const auto* s = std::get_if<std::string>(&v);
    return s ? *s : to_display(v);
}

std::vector<std::string> split_words(const std::string& folded) {
    std::vector<std::string> words;
    std::string word;
    for (char c : folded) {
        const bool separator = c == ' ' || c == ',' || c == '.' || c == '/' || c == '-';
        if (separator) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word.push_back(c);
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

bool word_starts(const std::string& haystack, const std::string& word) {
    // A word starts at the beginning or after a separator.
    for (std::size_t at = haystack.find(word); at != std::string::npos;
         at = haystack.find(word, at + 1)) {
        if (at == 0) return true;
        const char before = haystack[at - 1];
        if (before == ' ' || before == ',' || before == '.' || before == '/' || before == '-')
            return true;
    }
    return false;
}

}  // namespace

RecordRow make_row(const StoredRecord& stored) {
    const FormRecord& r = stored.record;
    RecordRow row;
    if (auto id = parse_record_id(r.record_id)) row.id = *id;
    row.form = r.form;
    row.unit_code = r.unit_code;
    row.group = text_of(r, "group");
    row.household_code = text_of(r, "household_code");
    row.head_name = text_of(r, "head_name");
    row.address = text_of(r, "address");
    row.visit_outcome = text_of(r, "visit_outcome");
    row.status = stored.status;
    row.review_comment = stored.review_comment;
    row.conflict = !stored.conflicts.empty();
    row.synced = stored.synced;
    row.folded = fold_for_search(row.head_name + " | " + row.address + " | ") +
                 fold_for_search(row.household_code);
    return row;
}

StatusFilter row_state(const RecordRow& row) {
    if (row.conflict) return StatusFilter::Conflict;
    if (row.status == ReviewStatus::Rejected) return StatusFilter::Rejected;
    if (row.visit_outcome.empty() && row.status == ReviewStatus::Draft)
        return StatusFilter::NotVisited;
    switch (row.status) {
        case ReviewStatus::Draft:
            return StatusFilter::Draft;
        case ReviewStatus::Completed:
            return StatusFilter::Completed;
        case ReviewStatus::Approved:
            return StatusFilter::Approved;
        case ReviewStatus::Rejected:
            return StatusFilter::Rejected;
    }
    return StatusFilter::Draft;
}

std::vector<std::string> query_words(std::string_view query) {
    return split_words(fold_for_search(query));
}

bool matches_query(const RecordRow& row, const std::vector<std::string>& words) {
    for (const std::string& word : words) {
        if (!word_starts(row.folded, word)) {
            const std::size_t code_at = row.folded.rfind("| ");
            if (code_at == std::string::npos || row.folded.find(word, code_at) == std::string::npos)
                return false;
        }
    }
    return true;
}

std::vector<std::size_t> household_order(const std::vector<RecordRow>& rows) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].form == "household") order.push_back(i);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rows[a].group != rows[b].group) return rows[a].group < rows[b].group;
        return rows[a].household_code < rows[b].household_code;
    });
    return order;
}

std::vector<std::size_t> filter_households(const std::vector<RecordRow>& rows,
                                           const std::vector<std::size_t>& order,
                                           const std::string& group, std::string_view query,
                                           StatusFilter filter) {
    const auto words = query_words(query);
    std::vector<std::size_t> out;
    for (std::size_t i : order) {
        const RecordRow& row = rows[i];
        if (!group.empty() && row.group != group) continue;
        if (filter != StatusFilter::All && row_state(row) != filter) continue;
        if (!words.empty() && !matches_query(row, words)) continue;
        out.push_back(i);
    }
    return out;
}

std::vector<std::size_t> filter_households(const std::vector<RecordRow>& rows,
                                           const std::string& group, std::string_view query,
                                           StatusFilter filter) {
    return filter_households(rows, household_order(rows), group, query, filter);
}

std::vector<GroupProgress> group_progress(const Registry& registry, const std::string& ward,
                                          const std::vector<RecordRow>& rows) {
    std::vector<GroupProgress> groups;
    std::map<std::string, std::size_t> index;
    for (const Unit* g : registry.groups_of(ward)) {
        index[g->code] = groups.size();
        groups.push_back({g->code, g->name, 0, 0, g->households_registered});
    }
    for (const RecordRow& row : rows) {
        if (row.form != "household" || row.unit_code != ward) continue;
        auto it = index.find(row.group);
        if (it == index.end()) {
            it = index.emplace(row.group, groups.size()).first;
            groups.push_back({row.group, row.group, 0, 0, std::nullopt});
        }
        GroupProgress& g = groups[it->second];
        ++g.records;
        if (!row.visit_outcome.empty()) ++g.visited;
    }
    return groups;
}

std::string next_household_code(const std::vector<RecordRow>& rows, const std::string& group) {
    const std::string prefix = group + "-";
    int highest = 0;
    for (const RecordRow& row : rows) {
        if (row.form != "household" || row.household_code.rfind(prefix, 0) != 0) continue;
        int n = 0;
        const char* first = row.household_code.data() + prefix.size();
        const char* last = row.household_code.data() + row.household_code.size();
        if (auto [p, ec] = std::from_chars(first, last, n); ec == std::errc() && p == last)
            highest = std::max(highest, n);
    }
    std::string number = std::to_string(highest + 1);
    if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
    return prefix + number;
}

}  // namespace c5::surveyor
