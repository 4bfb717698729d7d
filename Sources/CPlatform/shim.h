#ifndef NWBKIT_CPLATFORM_SHIM_H
#define NWBKIT_CPLATFORM_SHIM_H
// What Swift cannot call directly: variadic or macro-only parts of the system's C interface.
#ifdef __linux__
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#endif
#include <fcntl.h>
#include <sys/wait.h>

#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
/// Asks the kernel to SIGKILL this process when its parent ends (`prctl` is variadic).
static inline int cplatform_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }
/// Sets a pipe's capacity (`fcntl` is variadic; F_SETPIPE_SZ is Linux's); the new size, or -1.
static inline int cplatform_set_pipe_size(int descriptor, int bytes) { return fcntl(descriptor, F_SETPIPE_SZ, bytes); }
#else
static inline int cplatform_die_with_parent(void) { return 0; }
static inline int cplatform_set_pipe_size(int descriptor, int bytes) { (void)descriptor; (void)bytes; return -1; }
#endif

/// `waitpid` status decoding (macros in C).
static inline int cplatform_exited(int status) { return WIFEXITED(status); }
static inline int cplatform_exit_status(int status) { return WEXITSTATUS(status); }
static inline int cplatform_signaled(int status) { return WIFSIGNALED(status); }
static inline int cplatform_term_signal(int status) { return WTERMSIG(status); }
#endif
