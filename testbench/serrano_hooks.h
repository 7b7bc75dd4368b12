// Hooks compiled into the Verilator runtime archive (forced in with -include): everything the
// runtime prints goes through serrano_vl_printf, which still writes to standard output and also
// keeps a copy for the instance running on this thread, so that the harness can report the text
// of a failed Serrano check ($display + $stop) to Swift as an error.
#ifndef SERRANO_HOOKS_H
#define SERRANO_HOOKS_H

#ifdef __cplusplus
#include <string>

// The text printed on this thread since the harness last cleared it; NULL: keep no copy.
extern thread_local std::string* serrano_capture_buffer;

int serrano_vl_printf(const char* format, ...) __attribute__((format(printf, 1, 2)));
#endif

#endif
