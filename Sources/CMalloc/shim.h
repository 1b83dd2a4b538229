#ifndef FW_CMALLOC_SHIM_H
#define FW_CMALLOC_SHIM_H
#include <malloc.h>

/* For a process that reads one document after another (`feedwatch parse --stats`): keep freed memory
 * in the heap for the next document instead of handing it back to the kernel and taking page faults
 * on it again. Not for the daemon, whose memory should shrink after a large feed. */
static inline void fw_keep_freed_memory(void) {
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
}

#endif
