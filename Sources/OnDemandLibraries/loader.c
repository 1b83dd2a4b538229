/* libcurl and libpq, loaded the first time feedwatch calls them rather than when the program starts.
 *
 * They bring TLS, Kerberos, LDAP, SASL, SSH, HTTP/2 and IDN libraries with them: loading and
 * relocating those was most of a `feedwatch` process's start-up (~5 ms of ~11, and ~4 MB of memory),
 * which commands that never fetch or use PostgreSQL (`parse FILE`, `extract`, `--version`) do not
 * need. curl.c and libpq.c define each function feedwatch calls with the prototype the library's
 * header declares, forwarding to the real one found with dlsym in the same library the package
 * builds against (libcurl.so.4, libpq.so.5). The program is not linked with -lcurl or -lpq. */
#include "loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *fw_on_demand_symbol(struct fw_library *library, const char *name) {
    pthread_mutex_lock(&lock);
    if (!library->loaded) {
        library->handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
        library->loaded = 1;
    }
    void *handle = library->handle;
    pthread_mutex_unlock(&lock);
    if (!handle) {
        fprintf(stderr, "feedwatch: cannot load %s (Debian's %s): %s\n", library->soname, library->package, dlerror());
        exit(69);
    }
    void *found = dlsym(handle, name);
    if (!found) {
        fprintf(stderr, "feedwatch: %s has no %s\n", library->soname, name);
        exit(69);
    }
    return found;
}
