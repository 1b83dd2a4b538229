#ifndef FW_ON_DEMAND_H
#define FW_ON_DEMAND_H
/* This target defines the libcurl and libpq functions feedwatch calls, each loading its library on
 * first use (see loader.c). It has nothing to call of its own. */
#endif
