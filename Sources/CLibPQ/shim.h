#ifndef FEEDWATCH_CLIBPQ_SHIM_H
#define FEEDWATCH_CLIBPQ_SHIM_H
/* libpq, PostgreSQL's C client: Debian's libpq-dev puts its header here (`pg_config --includedir`).
 * The library itself is loaded on first use (Sources/OnDemandLibraries), not linked. */
#include "/usr/include/postgresql/libpq-fe.h"
#endif
