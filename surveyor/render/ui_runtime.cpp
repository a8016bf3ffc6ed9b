// The window and frame loop, following Dear ImGui's GLFW + OpenGL3 example step by step.
#include "surveyor/render/ui_runtime.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include "surveyor/app/commands.hpp"
#include "surveyor/screens/screens.hpp"

namespace c5::surveyor {

namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kFontSize = 17.0f;

// What the loop keeps between frames; owned by run_window or write_screenshot.
struct Runtime {
    GLFWwindow* window = nullptr;
    ImVector<ImWchar> glyph_ranges;  // must outlive the font atlas
    float built_scale = 0.0f;
    bool had_input = false;
    std::string title;  // the window title last set
    // Dear ImGui 1.86 reads keys as up/down once a frame, so a key pressed and released
    // between two frames would be lost (a quick Tab, a Ctrl+S). Releases after a press are
    // held back and handed to ImGui after the frame that saw the keys down.
    GLFWkeyfun imgui_key = nullptr;
    std::vector<int> down_since_frame;
    struct KeyEvent {
        int key, scancode, action, mods;
    };
    std::vector<KeyEvent> held_releases;
    // Frames still to draw at once after input: ImGui moves focus (Tab, Enter) over the next
    // two or three frames, and waiting for the next event instead would let a key typed quickly
    // after Tab land in the question being left.
    int frames_after_input = 0;
};

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void glfw_error(int code, const char* description) {
    std::fprintf(stderr, "surveyor: GLFW error %d: %s\n", code, description);
}

// Any key, click or scroll counts as use, for the idle lock. ImGui's backend chains to these.
void note_key(GLFWwindow* w, int, int, int, int) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}
void note_button(GLFWwindow* w, int, int, int) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}
void note_scroll(GLFWwindow* w, double, double) {
    static_cast<Runtime*>(glfwGetWindowUserPointer(w))->had_input = true;
}

void hold_quick_release(GLFWwindow* w, int key, int scancode, int action, int mods) {
    Runtime& rt = *static_cast<Runtime*>(glfwGetWindowUserPointer(w));
    // Once a key went down since the last frame, releases wait for the next frame, and so
    // does everything after them, in order: the frame then sees Ctrl and R down together
    // even when both were let go before it was drawn (whichever first).
    const bool pressed_since_frame = !rt.down_since_frame.empty();
    if (!rt.held_releases.empty() || (action == GLFW_RELEASE && pressed_since_frame)) {
        rt.held_releases.push_back({key, scancode, action, mods});
        return;
    }
    if (action == GLFW_PRESS) rt.down_since_frame.push_back(key);
    if (rt.imgui_key) rt.imgui_key(w, key, scancode, action, mods);
}

// After a frame: the releases held back now reach ImGui, for the next frame to see.
void release_held_keys(Runtime& rt) {
    rt.down_since_frame.clear();
    const auto held = std::move(rt.held_releases);
    rt.held_releases.clear();
    for (const Runtime::KeyEvent& e : held)
        if (rt.imgui_key) rt.imgui_key(rt.window, e.key, e.scancode, e.action, e.mods);
    if (!held.empty()) glfwPostEmptyEvent();  // draw the frame that sees them up
}

// DejaVu Sans with the Vietnamese letters and General Punctuation (– — … “ ” •).
bool build_fonts(Runtime& rt, float scale) {
    ImGuiIO& io = ImGui::GetIO();
    if (rt.glyph_ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesVietnamese());
        static constexpr ImWchar kPunctuation[] = {0x2000, 0x206F, 0};
        builder.AddRanges(kPunctuation);
        builder.BuildRanges(&rt.glyph_ranges);
    }
    io.Fonts->Clear();
    if (!io.Fonts->AddFontFromFileTTF(kFontFile, kFontSize * scale, nullptr, rt.glyph_ranges.Data)) {
        std::fprintf(stderr, "surveyor: cannot load the font %s (install fonts-dejavu-core)\n", kFontFile);
        io.Fonts->AddFontDefault();
    }
    ImGuiStyle& style = ImGui::GetStyle();
    style = ImGuiStyle();
    ImGui::StyleColorsLight();
    style.FrameRounding = 3.0f;
    style.FrameBorderSize = 1.0f;
    style.ScaleAllSizes(scale);
    rt.built_scale = scale;
    return true;
}

void apply_scale(Runtime& rt, float scale) {
    if (scale == rt.built_scale) return;
    build_fonts(rt, scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

bool open_window(Runtime& rt, int width, int height, const char* title) {
    // 1. Window and OpenGL context.
    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) return false;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    rt.window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (!rt.window) {
        glfwTerminate();
        return false;
    }
    glfwMakeContextCurrent(rt.window);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(rt.window, &rt);
    glfwSetKeyCallback(rt.window, note_key);
    glfwSetMouseButtonCallback(rt.window, note_button);
    glfwSetScrollCallback(rt.window, note_scroll);

    // 2. Dear ImGui context; no imgui.ini beside wherever the app was started.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

    // 3. Backends (installing their callbacks, which chain to ours).
    ImGui_ImplGlfw_InitForOpenGL(rt.window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    rt.imgui_key = glfwSetKeyCallback(rt.window, hold_quick_release);
    return true;
}

void close_window(Runtime& rt) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(rt.window);
    glfwTerminate();
}

// "c5kit — Khảo sát Tiêu chí 5 · Trang chính": the screen that is up, for the task bar (and
// for the window test, which waits on it).
std::string window_title(const AppState& state) {
    std::string screen;
    switch (state.screen) {
        case Screen::FirstRun: screen = state.tr(txt::kFirstRunTitle); break;
        case Screen::Unlock: screen = state.tr(txt::kUnlockTitle); break;
        case Screen::Home: screen = state.tr(txt::kHome); break;
        case Screen::Form: {
            const Form* form = state.editor && state.catalog
                                   ? state.catalog->form(state.editor->form_id)
                                   : nullptr;
            screen = form ? state.tr(form->title) : "";
            break;
        }
        case Screen::Results: screen = state.tr(txt::kResults); break;
        case Screen::Sync: screen = state.tr(txt::kSync); break;
        case Screen::Review: screen = state.tr(txt::kReview); break;
        case Screen::Settings: screen = state.tr(txt::kSettings); break;
    }
    return std::string(state.tr(txt::kAppTitle)) + " · " + screen;
}

void draw_frame(Runtime& rt, AppState& state) {
    if (rt.had_input) rt.frames_after_input = 3;
    apply_scale(rt, state.settings.ui_scale);
    pump(state, wall_ms(), rt.had_input);
    rt.had_input = false;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw_app(state);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(rt.window, &width, &height);
    glViewport(0, 0, width, height);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    release_held_keys(rt);
    if (rt.frames_after_input > 0) {
        --rt.frames_after_input;
        glfwPostEmptyEvent();
    }
    if (std::string title = window_title(state); title != rt.title) {
        glfwSetWindowTitle(rt.window, title.c_str());
        rt.title = std::move(title);
    }
}

}  // namespace

int run_window(AppState& state) {
    Runtime rt;
    if (!open_window(rt, 1280, 820, "c5kit surveyor")) {
        std::fprintf(stderr, "surveyor: no window could be opened (is there a display?)\n");
        return 1;
    }
    state.queue.set_wake([] { glfwPostEmptyEvent(); });

    // 4. Main loop: wait for input or for the worker, at most a quarter second (idle lock).
    while (!glfwWindowShouldClose(rt.window)) {
        glfwWaitEventsTimeout(0.25);
        draw_frame(rt, state);
        glfwSwapBuffers(rt.window);
    }

    // 5. Keep what is typed, then tear down in reverse order.
    state.queue.set_wake({});
    if (state.editor && state.editor->dirty) save_form(state, false);
    state.worker->wait_idle();
    close_window(rt);
    return 0;
}

int write_screenshot(AppState& state, const std::filesystem::path& out, int width, int height) {
    Runtime rt;
    if (!open_window(rt, width, height, "c5kit surveyor screenshot")) {
        std::fprintf(stderr, "surveyor: no window could be opened (run under xvfb-run)\n");
        return 1;
    }
    // A few frames let windows and tables settle their sizes and focus.
    for (int frame = 0; frame < 4; ++frame) {
        glfwPollEvents();
        draw_frame(rt, state);
        if (frame < 3) glfwSwapBuffers(rt.window);
    }
    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(rt.window, &fb_width, &fb_height);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(fb_width) * fb_height * 3);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, fb_width, fb_height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    const int stride = fb_width * 3;
    const int ok = stbi_write_png(out.c_str(), fb_width, fb_height, 3,
                                  pixels.data() + static_cast<std::size_t>(fb_height - 1) * stride,
                                  -stride);
    close_window(rt);
    if (!ok) {
        std::fprintf(stderr, "surveyor: cannot write %s\n", out.c_str());
        return 1;
    }
    return 0;
}

std::vector<double> time_frames(AppState& state, int width, int height, int frames,
                                bool retype_search) {
    Runtime rt;
    if (!open_window(rt, width, height, "c5kit surveyor frames")) return {};
    glfwSwapInterval(0);
    for (int frame = 0; frame < 4; ++frame) {
        glfwPollEvents();
        draw_frame(rt, state);
        glfwSwapBuffers(rt.window);
    }
    std::vector<double> times;
    for (int frame = 0; frame < frames; ++frame) {
        const auto start = std::chrono::steady_clock::now();
        if (retype_search) state.home.stale = true;
        glfwPollEvents();
        draw_frame(rt, state);
        glFinish();
        glfwSwapBuffers(rt.window);
        times.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count());
    }
    close_window(rt);
    return times;
}

}  // namespace c5::surveyor
