/* libcurl's functions as feedwatch calls them, each forwarding to libcurl.so.4 (see loader.c). */
#include <curl/curl.h>
#include <stdarg.h>

#include "loader.h"

static struct fw_library curl = {"libcurl.so.4", "libcurl4", 0, 0};

CURLcode curl_global_init(long flags) {
    FW_REAL(curl, CURLcode (*)(long), curl_global_init)
    return f_curl_global_init(flags);
}
char *curl_version(void) {
    FW_REAL(curl, char *(*)(void), curl_version)
    return f_curl_version();
}
void curl_free(void *p) {
    FW_REAL(curl, void (*)(void *), curl_free)
    f_curl_free(p);
}
CURL *curl_easy_init(void) {
    FW_REAL(curl, CURL *(*)(void), curl_easy_init)
    return f_curl_easy_init();
}
void curl_easy_cleanup(CURL *handle) {
    FW_REAL(curl, void (*)(CURL *), curl_easy_cleanup)
    f_curl_easy_cleanup(handle);
}
void curl_easy_reset(CURL *handle) {
    FW_REAL(curl, void (*)(CURL *), curl_easy_reset)
    f_curl_easy_reset(handle);
}
CURLcode curl_easy_perform(CURL *handle) {
    FW_REAL(curl, CURLcode (*)(CURL *), curl_easy_perform)
    return f_curl_easy_perform(handle);
}
const char *curl_easy_strerror(CURLcode code) {
    FW_REAL(curl, const char *(*)(CURLcode), curl_easy_strerror)
    return f_curl_easy_strerror(code);
}

/* An option's number says its argument's type (curl.h, CURLOPTTYPE_*): a long below OBJECTPOINT, a
 * curl_off_t from OFF_T to BLOB, a pointer (object, function or blob) otherwise. */
CURLcode curl_easy_setopt(CURL *handle, CURLoption option, ...) {
    FW_REAL(curl, CURLcode (*)(CURL *, CURLoption, ...), curl_easy_setopt)
    va_list arguments;
    va_start(arguments, option);
    CURLcode result;
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        result = f_curl_easy_setopt(handle, option, va_arg(arguments, long));
    } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
        result = f_curl_easy_setopt(handle, option, va_arg(arguments, curl_off_t));
    } else {
        result = f_curl_easy_setopt(handle, option, va_arg(arguments, void *));
    }
    va_end(arguments);
    return result;
}
/* Every CURLINFO takes a pointer to where its value goes. */
CURLcode curl_easy_getinfo(CURL *handle, CURLINFO info, ...) {
    FW_REAL(curl, CURLcode (*)(CURL *, CURLINFO, ...), curl_easy_getinfo)
    va_list arguments;
    va_start(arguments, info);
    CURLcode result = f_curl_easy_getinfo(handle, info, va_arg(arguments, void *));
    va_end(arguments);
    return result;
}

CURLM *curl_multi_init(void) {
    FW_REAL(curl, CURLM *(*)(void), curl_multi_init)
    return f_curl_multi_init();
}
CURLMcode curl_multi_cleanup(CURLM *multi) {
    FW_REAL(curl, CURLMcode (*)(CURLM *), curl_multi_cleanup)
    return f_curl_multi_cleanup(multi);
}
CURLMcode curl_multi_add_handle(CURLM *multi, CURL *handle) {
    FW_REAL(curl, CURLMcode (*)(CURLM *, CURL *), curl_multi_add_handle)
    return f_curl_multi_add_handle(multi, handle);
}
CURLMcode curl_multi_remove_handle(CURLM *multi, CURL *handle) {
    FW_REAL(curl, CURLMcode (*)(CURLM *, CURL *), curl_multi_remove_handle)
    return f_curl_multi_remove_handle(multi, handle);
}
CURLMcode curl_multi_perform(CURLM *multi, int *running) {
    FW_REAL(curl, CURLMcode (*)(CURLM *, int *), curl_multi_perform)
    return f_curl_multi_perform(multi, running);
}
CURLMcode curl_multi_poll(CURLM *multi, struct curl_waitfd extra[], unsigned int count, int timeout, int *ready) {
    FW_REAL(curl, CURLMcode (*)(CURLM *, struct curl_waitfd *, unsigned int, int, int *), curl_multi_poll)
    return f_curl_multi_poll(multi, extra, count, timeout, ready);
}
CURLMcode curl_multi_wakeup(CURLM *multi) {
    FW_REAL(curl, CURLMcode (*)(CURLM *), curl_multi_wakeup)
    return f_curl_multi_wakeup(multi);
}
CURLMsg *curl_multi_info_read(CURLM *multi, int *left) {
    FW_REAL(curl, CURLMsg *(*)(CURLM *, int *), curl_multi_info_read)
    return f_curl_multi_info_read(multi, left);
}
CURLMcode curl_multi_setopt(CURLM *multi, CURLMoption option, ...) {
    FW_REAL(curl, CURLMcode (*)(CURLM *, CURLMoption, ...), curl_multi_setopt)
    va_list arguments;
    va_start(arguments, option);
    CURLMcode result;
    if (option < CURLOPTTYPE_OBJECTPOINT) {
        result = f_curl_multi_setopt(multi, option, va_arg(arguments, long));
    } else if (option >= CURLOPTTYPE_OFF_T && option < CURLOPTTYPE_BLOB) {
        result = f_curl_multi_setopt(multi, option, va_arg(arguments, curl_off_t));
    } else {
        result = f_curl_multi_setopt(multi, option, va_arg(arguments, void *));
    }
    va_end(arguments);
    return result;
}

CURLSH *curl_share_init(void) {
    FW_REAL(curl, CURLSH *(*)(void), curl_share_init)
    return f_curl_share_init();
}
CURLSHcode curl_share_cleanup(CURLSH *share) {
    FW_REAL(curl, CURLSHcode (*)(CURLSH *), curl_share_cleanup)
    return f_curl_share_cleanup(share);
}
/* Share options take a long (SHARE, UNSHARE) or a pointer (the lock functions, USERDATA). */
CURLSHcode curl_share_setopt(CURLSH *share, CURLSHoption option, ...) {
    FW_REAL(curl, CURLSHcode (*)(CURLSH *, CURLSHoption, ...), curl_share_setopt)
    va_list arguments;
    va_start(arguments, option);
    CURLSHcode result;
    if (option == CURLSHOPT_SHARE || option == CURLSHOPT_UNSHARE) {
        result = f_curl_share_setopt(share, option, va_arg(arguments, long));
    } else {
        result = f_curl_share_setopt(share, option, va_arg(arguments, void *));
    }
    va_end(arguments);
    return result;
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *text) {
    FW_REAL(curl, struct curl_slist *(*)(struct curl_slist *, const char *), curl_slist_append)
    return f_curl_slist_append(list, text);
}
void curl_slist_free_all(struct curl_slist *list) {
    FW_REAL(curl, void (*)(struct curl_slist *), curl_slist_free_all)
    f_curl_slist_free_all(list);
}

CURLU *curl_url(void) {
    FW_REAL(curl, CURLU *(*)(void), curl_url)
    return f_curl_url();
}
void curl_url_cleanup(CURLU *url) {
    FW_REAL(curl, void (*)(CURLU *), curl_url_cleanup)
    f_curl_url_cleanup(url);
}
CURLUcode curl_url_get(CURLU *url, CURLUPart part, char **out, unsigned int flags) {
    FW_REAL(curl, CURLUcode (*)(CURLU *, CURLUPart, char **, unsigned int), curl_url_get)
    return f_curl_url_get(url, part, out, flags);
}
CURLUcode curl_url_set(CURLU *url, CURLUPart part, const char *content, unsigned int flags) {
    FW_REAL(curl, CURLUcode (*)(CURLU *, CURLUPart, const char *, unsigned int), curl_url_set)
    return f_curl_url_set(url, part, content, flags);
}
