#ifndef FEEDWATCH_CCURL_SHIM_H
#define FEEDWATCH_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt, curl_easy_getinfo, curl_multi_setopt and curl_share_setopt are variadic and
 * therefore unavailable in Swift: one typed wrapper per argument type. */

typedef size_t (*fw_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*fw_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                         curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode fw_curl_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode fw_curl_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode fw_curl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode fw_curl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode fw_curl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode fw_curl_easy_setopt_data_callback(CURL *h, CURLoption o, fw_curl_data_callback cb) {
    return curl_easy_setopt(h, o, cb);
}
static inline CURLcode fw_curl_easy_setopt_xferinfo_callback(CURL *h, fw_curl_xferinfo_callback cb) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, cb);
}
static inline CURLcode fw_curl_easy_setopt_opensocket_callback(CURL *h, curl_opensocket_callback cb) {
    return curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, cb);
}
static inline CURLcode fw_curl_easy_setopt_prereq_callback(CURL *h, curl_prereq_callback cb) {
    return curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, cb);
}

/* The address libcurl is about to connect to, inside its struct curl_sockaddr (whose `addr`
 * member is declared as a struct sockaddr but holds `addrlen` bytes: a sockaddr_in6 for IPv6). */
static inline const void *fw_curl_sockaddr_address(const struct curl_sockaddr *a) {
    return &a->addr;
}

static inline CURLcode fw_curl_easy_getinfo_long(CURL *h, CURLINFO i, long *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode fw_curl_easy_getinfo_string(CURL *h, CURLINFO i, char **out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode fw_curl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *out) {
    return curl_easy_getinfo(h, i, out);
}
static inline CURLcode fw_curl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **out) {
    return curl_easy_getinfo(h, i, out);
}

static inline CURLMcode fw_curl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}

static inline CURLSHcode fw_curl_share_setopt_long(CURLSH *s, CURLSHoption o, long v) {
    return curl_share_setopt(s, o, v);
}

#endif
