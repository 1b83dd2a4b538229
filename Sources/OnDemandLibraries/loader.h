#ifndef FW_ON_DEMAND_LOADER_H
#define FW_ON_DEMAND_LOADER_H

/* A library loaded on first use: its soname, the Debian package that has it, and its handle. */
struct fw_library {
    const char *soname;
    const char *package;
    void *handle;
    int loaded; /* guarded by the loader's lock */
};

/* The address of `name` in `library`, loading the library the first time; exits with status 69
 * (EX_UNAVAILABLE) and a message naming the package when the library or the function is missing. */
void *fw_on_demand_symbol(struct fw_library *library, const char *name);

/* Declares `f_NAME`, the real function, looked up once; the pointer is published with
 * release/acquire ordering so that threads calling at once all see a whole one. */
#define FW_REAL(library, type, name)                                             \
    static __typeof__(type) real_##name;                                         \
    __typeof__(type) f_##name = __atomic_load_n(&real_##name, __ATOMIC_ACQUIRE); \
    if (!f_##name) {                                                             \
        f_##name = (__typeof__(type))fw_on_demand_symbol(&library, #name);       \
        __atomic_store_n(&real_##name, f_##name, __ATOMIC_RELEASE);              \
    }

#endif
