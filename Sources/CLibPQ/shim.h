#ifndef FEEDWATCH_CLIBPQ_SHIM_H
#define FEEDWATCH_CLIBPQ_SHIM_H
/* libpq, PostgreSQL's C client (Debian's libpq-dev; pkg-config libpq adds /usr/include/postgresql). */
#include <libpq-fe.h>
#endif
