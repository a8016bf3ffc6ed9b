// Text shown to people in both languages of the kit: Vietnamese first, English second.
#pragma once

#include <string>

namespace c5 {

enum class Language { Vi, En };

struct Label {
    std::string vi;
    std::string en;

    // The text in the given language, falling back to Vietnamese when a translation is missing.
    const std::string& in(Language lang) const {
        return lang == Language::En && !en.empty() ? en : vi;
    }
};

}  // namespace c5
