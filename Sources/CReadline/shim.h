#ifndef MINGA_CREADLINE_SHIM_H
#define MINGA_CREADLINE_SHIM_H
// stdio first: readline.h uses FILE without including it.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Swift 6 rejects readline's mutable globals as not concurrency-safe. These setters are
// only called from the main thread, before and around readline() itself.
static inline void minga_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void minga_rl_set_catch_signals(int on) { rl_catch_signals = on; rl_catch_sigwinch = on; }
static inline void minga_rl_set_completion(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void minga_rl_set_completion_entry(rl_compentry_func_t *fn) { rl_completion_entry_function = fn; }
static inline void minga_rl_set_event_hook(rl_hook_func_t *fn) { rl_signal_event_hook = fn; }
static inline void minga_rl_set_attempted_over(int on) { rl_attempted_completion_over = on; }
static inline const char *minga_rl_line_buffer(void) { return rl_line_buffer; }
static inline void minga_rl_clear_line(void) {
    rl_replace_line("", 0);
    rl_crlf();
    rl_on_new_line();
    rl_redisplay();
}
static inline void minga_rl_set_done(void) { rl_done = 1; }
#endif
