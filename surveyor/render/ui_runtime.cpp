// The window and frame loop, following Dear ImGui's GLFW + OpenGL3 example step by step.
#include "surveyor/render/ui_runtime.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

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
    // held back and handed to ImGui after the frame that saw the keys down. Letters typed
    // while the cursor moves to another question wait too (see focus_moving).
    GLFWkeyfun imgui_key = nullptr;
    GLFWcharfun imgui_char = nullptr;
    std::vector<int> down_since_frame;
    std::vector<int> changed_since_frame;  // keys pressed or released since the last frame
    struct InputEvent {
        int key, scancode, action, mods;  // a key; key < 0 for a typed letter
        unsigned int letter;
    };
    std::vector<InputEvent> held;
    int frames_focus_moving = 0;  // frames in a row that ended with the cursor on its way
    bool hold_for_focus = false;  // input waits for the cursor to land
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

// Hands a key or letter to ImGui, or holds it (and everything after it, in order) for a
// later frame: a release of a key while one went down since the last frame, so that the
// frame sees Ctrl and R down together even when both were let go before it was drawn; a
// key that already went up or down since the last frame (Tab Tab: the frame between sees
// it up); and anything while the cursor is moving to another question.
void deliver_or_hold(Runtime& rt, const Runtime::InputEvent& e) {
    const bool key = e.key >= 0;
    const bool quick_release = key && e.action == GLFW_RELEASE && !rt.down_since_frame.empty();
    const bool changed = key && e.action != GLFW_REPEAT &&
                         std::find(rt.changed_since_frame.begin(), rt.changed_since_frame.end(),
                                   e.key) != rt.changed_since_frame.end();
    if (rt.hold_for_focus || !rt.held.empty() || quick_release || changed) {
        rt.held.push_back(e);
        return;
    }
    if (e.key < 0) {
        if (rt.imgui_char) rt.imgui_char(rt.window, e.letter);
        return;
    }
    if (e.action == GLFW_PRESS) rt.down_since_frame.push_back(e.key);
    if (e.action != GLFW_REPEAT) rt.changed_since_frame.push_back(e.key);
    if (rt.imgui_key) rt.imgui_key(rt.window, e.key, e.scancode, e.action, e.mods);
}

void hold_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
    deliver_or_hold(*static_cast<Runtime*>(glfwGetWindowUserPointer(w)),
                    {key, scancode, action, mods, 0});
}

void hold_letter(GLFWwindow* w, unsigned int letter) {
    deliver_or_hold(*static_cast<Runtime*>(glfwGetWindowUserPointer(w)), {-1, 0, 0, 0, letter});
}

// True when the frame just drawn left the cursor on its way to another question: the form
// has a question still to focus (drawn or scrolled to next frame), or ImGui was asked to
// focus an item, which it does during the next frame. A letter reaching ImGui before then
// would be typed into the question being left.
bool focus_moving(const AppState& state) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.NavMoveSubmitted || g.NavNextActivateId != 0) return true;
    return state.screen == Screen::Form && state.editor &&
           (!state.editor->focus_field.empty() || !state.editor->focus_from.empty());
}

// After a frame: what was held back reaches ImGui for the next frame to see, under the same
// rules as when it came (a press and its release are still one frame apart), unless the
// cursor is still moving. A focus that never lands (a question no longer shown) holds the
// keys a few frames at most.
void release_held_input(Runtime& rt, const AppState& state) {
    constexpr int kMostFramesHeld = 6;
    rt.down_since_frame.clear();
    rt.changed_since_frame.clear();
    rt.frames_focus_moving = focus_moving(state) ? rt.frames_focus_moving + 1 : 0;
    rt.hold_for_focus = rt.frames_focus_moving > 0 && rt.frames_focus_moving <= kMostFramesHeld;
    if (rt.hold_for_focus) {
        glfwPostEmptyEvent();  // the next frame comes at once, not at the next key
        return;
    }
    const auto held = std::move(rt.held);
    rt.held.clear();
    for (const Runtime::InputEvent& e : held) deliver_or_hold(rt, e);
    if (!held.empty()) glfwPostEmptyEvent();  // draw the frame that sees them
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
    if (!io.Fonts->AddFontFromFileTTF(kFontFile, kFontSize * scale, nullptr,
                                      rt.glyph_ranges.Data)) {
        std::fprintf(stderr, "surveyor: cannot load the font %s (install fonts-dejavu-core)\n",
                     kFontFile);
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
    rt.imgui_key = glfwSetKeyCallback(rt.window, hold_key);
    rt.imgui_char = glfwSetCharCallback(rt.window, hold_letter);
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
        case Screen::FirstRun:
            screen = state.tr(txt::kFirstRunTitle);
            break;
        case Screen::Unlock:
            screen = state.tr(txt::kUnlockTitle);
            break;
        case Screen::Home:
            screen = state.tr(txt::kHome);
            break;
        case Screen::Form: {
            const Form* form = state.editor && state.catalog
                                   ? state.catalog->form(state.editor->form_id)
                                   : nullptr;
            screen = form ? state.tr(form->title) : "";
            break;
        }
        case Screen::Results:
            screen = state.tr(txt::kResults);
            break;
        case Screen::Sync:
            screen = state.tr(txt::kSync);
            break;
        case Screen::Review:
            screen = state.tr(txt::kReview);
            break;
        case Screen::Settings:
            screen = state.tr(txt::kSettings);
            break;
    }
    return std::string(state.tr(txt::kAppTitle)) + " · " + screen;
}

// The app's side of a frame: pending work, then the screens drawn into ImGui's draw lists.
void build_frame(Runtime& rt, AppState& state) {
    if (rt.had_input) rt.frames_after_input = 3;
    apply_scale(rt, state.settings.ui_scale);
    pump(state, wall_ms(), rt.had_input);
    rt.had_input = false;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw_app(state);
    ImGui::Render();
}

// The OpenGL side: the draw lists rasterised into the back buffer.
void render_frame(Runtime& rt) {
    int width = 0, height = 0;
    glfwGetFramebufferSize(rt.window, &width, &height);
    glViewport(0, 0, width, height);
    // The app's window draws no background of its own (see draw_app): the clear is its colour.
    const ImVec4 background = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

// After the frame: held input goes on, and the title follows the screen.
void finish_frame(Runtime& rt, const AppState& state) {
    release_held_input(rt, state);
    if (rt.frames_after_input > 0) {
        --rt.frames_after_input;
        glfwPostEmptyEvent();
    }
    if (std::string title = window_title(state); title != rt.title) {
        glfwSetWindowTitle(rt.window, title.c_str());
        rt.title = std::move(title);
    }
}

void draw_frame(Runtime& rt, AppState& state) {
    build_frame(rt, state);
    render_frame(rt);
    finish_frame(rt, state);
}

// CPU time of every thread of the process (ours and the rasteriser's), which a busy machine
// does not stretch as it does wall time.
double process_cpu_ms() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
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
    const int ok =
        stbi_write_png(out.c_str(), fb_width, fb_height, 3,
                       pixels.data() + static_cast<std::size_t>(fb_height - 1) * stride, -stride);
    close_window(rt);
    if (!ok) {
        std::fprintf(stderr, "surveyor: cannot write %s\n", out.c_str());
        return 1;
    }
    return 0;
}

std::vector<FrameTimes> time_frames(AppState& state, int width, int height, int frames,
                                    const std::vector<FrameRun>& runs, bool vsync) {
    using Clock = std::chrono::steady_clock;
    const auto ms_between = [](Clock::time_point from, Clock::time_point to) {
        return std::chrono::duration<double, std::milli>(to - from).count();
    };

    // One window for every run: Xvfb resets when its last client leaves, and a window opened
    // during the reset is refused.
    Runtime rt;
    if (!open_window(rt, width, height, "c5kit surveyor frames")) return {};
    glfwSwapInterval(vsync ? 1 : 0);
    const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));

    std::vector<FrameTimes> all;
    for (const FrameRun& run : runs) {
        if (run.prepare) run.prepare(state);
        for (int frame = 0; frame < 4; ++frame) {
            glfwPollEvents();
            draw_frame(rt, state);
            glfwSwapBuffers(rt.window);
        }

        // Each phase ends where the next starts, so the three add up to the frame.
        FrameTimes times;
        times.renderer = renderer ? renderer : "";
        for (int frame = 0; frame < frames; ++frame) {
            const double cpu_start = process_cpu_ms();
            const auto start = Clock::now();
            if (run.retype_search) state.home.stale = true;
            glfwPollEvents();
            build_frame(rt, state);
            finish_frame(rt, state);
            const auto built = Clock::now();
            render_frame(rt);
            glFinish();
            const auto rendered = Clock::now();
            glfwSwapBuffers(rt.window);
            const auto swapped = Clock::now();
            times.total.push_back(ms_between(start, swapped));
            times.ui.push_back(ms_between(start, built));
            times.gl.push_back(ms_between(built, rendered));
            times.swap.push_back(ms_between(rendered, swapped));
            times.cpu.push_back(process_cpu_ms() - cpu_start);
            times.vertices = ImGui::GetDrawData()->TotalVtxCount;
        }
        all.push_back(std::move(times));
    }
    close_window(rt);
    return all;
}

}  // namespace c5::surveyor
