// See serrano_hooks.h. Part of the runtime archive, so a model library and the native
// benchmark loop (which has no harness) both have it.
#include "serrano_hooks.h"

#include <cstdarg>
#include <cstdio>
#include <vector>

thread_local std::string* serrano_capture_buffer = nullptr;

// A copy larger than this is cut: a model that prints in a loop must not grow memory forever.
static const size_t serrano_capture_limit = 1 << 16;

int serrano_vl_printf(const char* format, ...) {
    va_list arguments;
    va_start(arguments, format);
    va_list copy;
    va_copy(copy, arguments);
    const int length = vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    if (length < 0) {
        va_end(arguments);
        return length;
    }
    std::vector<char> text(static_cast<size_t>(length) + 1);
    vsnprintf(text.data(), text.size(), format, arguments);
    va_end(arguments);
    fputs(text.data(), stdout);
    fflush(stdout);
    if (serrano_capture_buffer && serrano_capture_buffer->size() < serrano_capture_limit) {
        serrano_capture_buffer->append(text.data(), static_cast<size_t>(length));
    }
    return length;
}
