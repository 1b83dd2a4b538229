#ifndef FEEDWATCH_CLIBXML2_SHIM_H
#define FEEDWATCH_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU; its headers then pull in the system ICU headers, which clash with
 * Foundation's own copy ("'UErrorCode' has different definitions"). feedwatch never uses libxml2's
 * ICU encoders (it transcodes to UTF-8 itself), so switch them off before any other libxml2 header. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/HTMLparser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/globals.h>

/* xmlFree is a global function pointer; Swift 6 treats touching it as shared mutable state. */
static inline void fw_xml_free(void *ptr) {
    if (ptr != NULL) xmlFree(ptr);
}

/* A loader that refuses every external entity or DTD: the second guard, after never passing
 * XML_PARSE_NOENT / XML_PARSE_DTDLOAD, against XXE (file:// is not stopped by XML_PARSE_NONET). */
static inline xmlParserInputPtr fw_refuse_external_entity(const char *url, const char *id,
                                                         xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}

static inline void fw_silent_generic_error(void *ctx, const char *msg, ...) {
    (void)ctx; (void)msg;
}

/* One-time process set-up: initialise the parser and install the refusing loader. */
static inline void fw_xml_global_init(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(fw_refuse_external_entity);
}

/* libxml2 keeps error handlers per thread: silence the generic (printf-style) channel on the
 * calling thread so nothing reaches stderr; errors are collected through structured handlers. */
static inline void fw_xml_silence_thread(void) {
    xmlSetGenericErrorFunc(NULL, fw_silent_generic_error);
}

#endif
